import type { Dispatch } from '@shared/contract';
import { LAUNCH_PHASE_LABELS } from '@shared/domain/dispatch';

const AGENT_NAMES: Record<string, string> = { codex: 'Codex', claude: 'Claude Code' };

export function agentName(agent: string): string {
  return AGENT_NAMES[agent] ?? agent;
}

/** Where an active run stands, in words: its current phase while it prepares; '' once it ended. */
export function runProgress(run: Pick<Dispatch, 'status' | 'phase'>): string {
  if (run.status === 'queued') return 'Waiting for a free slot on the runner';
  if (run.status === 'preparing') {
    return (LAUNCH_PHASE_LABELS as Record<string, string>)[run.phase] ?? 'Preparing';
  }
  if (run.status === 'running') return 'The agent is working';
  return '';
}
