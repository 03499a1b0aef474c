/** Kinds of entries in a run's timeline. */
export const RUN_EVENT_KINDS = ['phase', 'agent', 'iteration', 'automation', 'note', 'trimmed'] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];
