/**
 * The one definition of a task run's state machine. Services move runs only through
 * `assertTransition`; nothing assigns a status by hand.
 */
export const DISPATCH_STATUSES = [
  'queued',
  'preparing',
  'running',
  'succeeded',
  'failed',
  'blocked',
  'canceled',
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export const ACTIVE_DISPATCH_STATUSES = [
  'queued',
  'preparing',
  'running',
] as const satisfies readonly DispatchStatus[];
export const TERMINAL_DISPATCH_STATUSES = [
  'succeeded',
  'failed',
  'blocked',
  'canceled',
] as const satisfies readonly DispatchStatus[];

export function isActiveDispatch(status: DispatchStatus): boolean {
  return (ACTIVE_DISPATCH_STATUSES as readonly DispatchStatus[]).includes(status);
}

export function isTerminalDispatch(status: DispatchStatus): boolean {
  return !isActiveDispatch(status);
}

const TRANSITIONS: Record<DispatchStatus, readonly DispatchStatus[]> = {
  queued: ['preparing', 'failed', 'blocked', 'canceled'],
  preparing: ['running', 'succeeded', 'failed', 'blocked', 'canceled'],
  running: ['succeeded', 'failed', 'blocked', 'canceled'],
  // A run released as blocked because its runner was unreachable may later be reconciled to
  // the outcome its remote process really reached.
  blocked: ['succeeded', 'failed', 'canceled'],
  succeeded: [],
  failed: [],
  canceled: [],
};

export function canTransition(from: DispatchStatus, to: DispatchStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const AGENTS = ['codex', 'claude'] as const;
export type AgentKind = (typeof AGENTS)[number];

/** Branch names of task runs: `sortie/<dispatchId>`. */
export function dispatchBranchName(dispatchId: string): string {
  return `sortie/${dispatchId}`;
}
