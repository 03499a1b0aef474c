import type { AgentKind } from '@shared/domain/dispatch';
import { claudeAdapter } from './claude/adapter';
import { codexAdapter } from './codex/adapter';
import type { AgentAdapter } from './types';

export type { AgentAdapter, AgentResult, LiveEntry, LiveEntryKind, ReviewAgentResult } from './types';
export { agentResultSchema, reviewResultSchema } from './result';

const ADAPTERS: Record<AgentKind, AgentAdapter> = { codex: codexAdapter, claude: claudeAdapter };

export function adapterFor(kind: AgentKind): AgentAdapter {
  return ADAPTERS[kind];
}
