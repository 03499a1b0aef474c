import { launchFragment } from '../fragments';
import type { AgentAdapter } from '../types';
import { claudeResultEvent, parseClaudeEventLine } from './events';
import { parseClaudeResult } from './result';

export const claudeAdapter: AgentAdapter = {
  kind: 'claude',
  launchFragment: launchFragment('claude/run.sh'),
  parseResult: (raw, kind) => parseClaudeResult(raw, kind ?? 'task') as never,
  parseEventLine: parseClaudeEventLine,
  resultFromEventLine: claudeResultEvent,
};
