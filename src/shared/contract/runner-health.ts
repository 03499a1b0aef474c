import { z } from 'zod';
import { channel } from './define';
import { idSchema, timestampSchema } from './common';
import { errorCodeSchema } from './errors';

export const CONNECTION_STATES = ['unknown', 'ok', 'failing'] as const;

/**
 * What Sortie last saw of a runner's connection: `ok` after a call that worked, `failing` with
 * the error after one that could not reach the runner (a script's own exit status does not
 * count), `unknown` before any call or once the runner was saved, tested or reconnected.
 */
export const connectionHealthSchema = z.object({
  state: z.enum(CONNECTION_STATES),
  code: errorCodeSchema.nullable(),
  message: z.string().nullable(),
  /** When this state was last seen. */
  at: timestampSchema.nullable(),
});
export type ConnectionHealth = z.infer<typeof connectionHealthSchema>;

export const runnerHealthSchema = connectionHealthSchema.extend({ runnerId: idSchema });
export type RunnerHealth = z.infer<typeof runnerHealthSchema>;

export const runnerHealthChannels = {
  /** The last known health of every runner. */
  'runners.health': channel('runners.health', z.object({}).strict().default({}), z.array(runnerHealthSchema)),
  /**
   * Replaces the runner's connection (calls in flight finish on the old one) and forgets its
   * failures, so the next call connects at once.
   */
  'runners.reconnect': channel('runners.reconnect', z.object({ id: idSchema }).strict(), runnerHealthSchema),
} as const;
