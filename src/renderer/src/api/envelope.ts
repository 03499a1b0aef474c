import type { Envelope } from '@shared/contract/errors';

/** The outer shape only; the client checks the value against the channel's schema. */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value && typeof value.error === 'object' && value.error !== null;
}

export function transportFailure(message: string): Envelope<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}
