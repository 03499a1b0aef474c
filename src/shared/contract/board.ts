import { z } from 'zod';
import { LANES } from '../domain/lane';
import { channel } from './define';
import { idSchema } from './common';
import { dispatchSchema } from './dispatches';
import { taskRowSchema } from './tasks';

/** The most cards `queue.board` gives per lane: a tall window's view of a lane, several times over. */
export const BOARD_CARDS_PER_LANE_MAX = 200;

/** A task as a card shows it, with its latest run (null: never run). */
export const boardCardSchema = z.object({ task: taskRowSchema, run: dispatchSchema.nullable() });
export type BoardCard = z.infer<typeof boardCardSchema>;

/** One lane: how many tasks are in it, and its first cards in lane order. */
export const boardLaneSchema = z.object({
  count: z.number().int().nonnegative(),
  cards: z.array(boardCardSchema),
});
export type BoardLane = z.infer<typeof boardLaneSchema>;

export const queueBoardSchema = z.object({
  /** Every lane, in the window's order (`LANES`). */
  lanes: z.record(z.enum(LANES), boardLaneSchema),
});
export type QueueBoardAnswer = z.infer<typeof queueBoardSchema>;

export const boardChannels = {
  /**
   * The Queue's board as it first shows: each lane's count and its first `cardsPerLane` cards,
   * sorted as the window sorts them (shared/domain/lane.ts). Lets the window draw the board in one
   * short answer while it reads the full lists behind it.
   */
  'queue.board': channel(
    'queue.board',
    z
      .object({
        projectId: idSchema.optional(),
        includeClosed: z.boolean().default(false),
        cardsPerLane: z.number().int().min(1).max(BOARD_CARDS_PER_LANE_MAX).default(50),
      })
      .strict()
      .default({ includeClosed: false, cardsPerLane: 50 }),
    queueBoardSchema,
  ),
} as const;
