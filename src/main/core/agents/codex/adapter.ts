import { launchFragment } from '../fragments';
import { parseDirectResult } from '../result';
import type { AgentAdapter } from '../types';
import { parseCodexEventLine } from './events';

export const codexAdapter: AgentAdapter = {
  kind: 'codex',
  launchFragment: launchFragment('codex/run.sh'),
  parseResult: (raw, kind) => parseDirectResult(raw, 'Codex', kind ?? 'task') as never,
  parseEventLine: parseCodexEventLine,
  // Codex writes its last message to result.json (-o).
  resultFromEventLine: () => null,
};
