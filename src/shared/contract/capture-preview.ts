import { z } from 'zod';
import { AGENTS } from '../domain/dispatch';
import { channel } from './define';
import { idSchema } from './common';
import { taskCaptureInput, taskPrioritySchema } from './tasks';

/** What `tasks.capture` would be asked, without `source`: a preview writes nothing, so has none. */
export const capturePreviewInput = taskCaptureInput.omit({ source: true });

const namedSchema = z.object({ id: idSchema, name: z.string() });

/**
 * What a quick-capture note would become, read exactly as `tasks.capture` reads it. Fields the
 * note does not get as far as are null; `problem` is the message `tasks.capture` would fail with.
 */
export const capturePreviewSchema = z.object({
  /** The note's first word, as typed ('' when the note is empty). */
  projectWord: z.string(),
  project: namedSchema.nullable(),
  priority: taskPrioritySchema.nullable(),
  title: z.string().nullable(),
  iterate: z.object({ maxIterations: z.number().int(), evalCommand: z.string() }).nullable(),
  /** Whether a run would be queued too (asked for, or the note ends with an iterate clause). */
  queue: z.boolean(),
  /** Where that run would go, and with which agent (null when no run is queued). */
  runner: namedSchema.nullable(),
  agent: z.enum(AGENTS).nullable(),
  problem: z.string().nullable(),
});
export type CapturePreview = z.infer<typeof capturePreviewSchema>;

export const capturePreviewChannels = {
  /** Reads a note as `tasks.capture` would, and changes nothing: for a live preview. */
  'tasks.previewCapture': channel('tasks.previewCapture', capturePreviewInput, capturePreviewSchema),
} as const;
