import type { ChannelParsedInput, ChannelOutput, BoardLane, TaskRow } from '@shared/contract';
import { LANES, LANE_ORDER, insertSorted, laneOf, type LaneCard, type LaneId } from '@shared/domain/lane';
import type { Repositories } from '../repositories';
import { notFound } from '../errors';

type BoardRepos = Pick<Repositories, 'tasks' | 'projects' | 'dispatches'>;

/**
 * The Queue's board as it first shows (`queue.board`): every task in scope sorted into its lane by
 * the same rules the window uses (shared/domain/lane.ts), each lane counted, and only its first
 * cards sent whole. The lanes are decided from light rows (a task's list row, a few columns of
 * its newest run: one query); only the runs of the cards sent are read whole. One synchronous
 * turn on the data directory's only connection, so counts and cards agree.
 */
export function readQueueBoard(
  repos: BoardRepos,
  { projectId, includeClosed, cardsPerLane }: ChannelParsedInput<'queue.board'>,
): ChannelOutput<'queue.board'> {
  if (projectId !== undefined && !repos.projects.get(projectId)) throw notFound('Project', projectId);
  const lanes = Object.fromEntries(LANES.map((lane) => [lane, [] as LaneCard<TaskRow>[]])) as Record<
    LaneId,
    LaneCard<TaskRow>[]
  >;
  for (const card of repos.tasks.boardRows({ projectId, includeClosed })) {
    lanes[laneOf(card.task, card.run)].push(card);
  }
  const answer = {} as Record<LaneId, BoardLane>;
  for (const lane of LANES) {
    const cards = firstInOrder(lanes[lane], cardsPerLane, LANE_ORDER[lane]);
    answer[lane] = {
      count: lanes[lane].length,
      cards: cards.map(({ task, run }) => ({ task, run: run ? repos.dispatches.get(run.id) : null })),
    };
  }
  return { lanes: answer };
}

/** The first `count` of `cards` in `order`: sorted whole only when that is most of them. */
function firstInOrder<C>(cards: C[], count: number, order: (a: C, b: C) => number): C[] {
  if (cards.length <= count * 4) return cards.sort(order).slice(0, count);
  // Keep a sorted window of the best `count` seen: each card beyond it costs one comparison.
  const best = cards.slice(0, count).sort(order);
  for (let i = count; i < cards.length; i++) {
    const card = cards[i]!;
    if (order(card, best[count - 1]!) >= 0) continue;
    insertSorted(best, card, order);
    best.pop();
  }
  return best;
}
