/**
 * Ids are a short kind prefix and 20 lowercase base32 characters: a 48-bit millisecond time
 * followed by 52 random bits, so ids of one kind sort by creation time.
 */
export const ID_KINDS = {
  project: 'prj',
  task: 'tsk',
  followUp: 'fup',
  runner: 'rnr',
  dispatch: 'dsp',
  review: 'rev',
  chain: 'chn',
  /** A terminal open on a runner (not stored: it lives as long as its window keeps it). */
  terminal: 'trm',
} as const;

export type IdKind = keyof typeof ID_KINDS;

export const ID_PATTERN = /^(prj|tsk|fup|rnr|dsp|rev|chn|trm)_[0-9a-z]{20}$/;
