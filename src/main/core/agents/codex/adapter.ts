import { launchFragment } from '../fragments';
import { parseDirectResult } from '../result';
import type { AgentAdapter } from '../types';
import { parseCodexEventLine } from './events';

export const codexAdapter: AgentAdapter = {
  kind: 'codex',
  launchFragment: launchFragment('codex/run.sh'),
  parseResult: (raw) => parseDirectResult(raw, 'Codex'),
  parseEventLine: parseCodexEventLine,
  // Codex writes its last message to result.json (-o).
  resultFromEventLine: () => null,
};
