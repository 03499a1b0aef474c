import type { RunEvent } from '@shared/contract/dispatches';
import { RUN_EVENT_KINDS, type RunEventKind } from '@shared/domain/run-event';
import type { Clock } from '../clock';
import { isoNow } from '../clock';
import { AppError, notFound } from '../errors';
import { enumColumn, isForeignKeyError } from './columns';
import type { Db } from './deps';

export interface RunEventEntry {
  kind: RunEventKind;
  data: Record<string, unknown>;
  /** When it happened (ISO 8601), when that is not now: agent output is stamped with its own time. */
  at?: string;
}

export interface RunEventRepository {
  /** Numbers events per run 1, 2, 3, ... */
  append(dispatchId: string, kind: RunEventKind, data: Record<string, unknown>): RunEvent;
  /** All or nothing. */
  appendMany(dispatchId: string, entries: readonly RunEventEntry[]): RunEvent[];
  /** Events with seq > afterSeq, in seq order, at most `limit`. */
  list(dispatchId: string, afterSeq: number, limit: number): RunEvent[];
  /**
   * Stores agent output read from the runner and the byte offset it was read up to, in one
   * transaction (so a crash can neither lose nor repeat output), then drops the oldest agent
   * entries beyond `capBytes` of stored data, marking the run's output as trimmed (so does a
   * `trimmed` entry among them: output skipped on the runner).
   */
  appendOutput(
    dispatchId: string,
    entries: readonly RunEventEntry[],
    newOffset: number,
    capBytes: number,
  ): RunEvent[];
}

interface RunEventRow {
  dispatch_id: string;
  seq: number;
  kind: string;
  at: string;
  data: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toRunEvent(row: RunEventRow): RunEvent {
  const data: unknown = JSON.parse(row.data);
  if (!isRecord(data)) {
    throw new AppError('INTERNAL', `Run event ${row.dispatch_id}#${row.seq} has malformed data`);
  }
  return {
    dispatchId: row.dispatch_id,
    seq: row.seq,
    kind: enumColumn(RUN_EVENT_KINDS, row.kind, 'run_events.kind'),
    at: row.at,
    data,
  };
}

function serialize(data: Record<string, unknown>): string {
  try {
    return JSON.stringify(data);
  } catch (error) {
    throw new AppError('INTERNAL', `Run event data cannot be stored as JSON: ${String(error)}`);
  }
}

export function createRunEventRepository(db: Db, { clock }: { clock: Clock }): RunEventRepository {
  const setOffset = db.prepare<[number, string]>('UPDATE dispatches SET output_offset = ? WHERE id = ?');
  const storedBytes = db
    .prepare<[string], number>(
      `SELECT coalesce(sum(length(data)), 0) FROM run_events WHERE dispatch_id = ? AND kind = 'agent'`,
    )
    .pluck();
  // The newest agent entries that fit in the cap are kept; everything older goes.
  const trimOldest = db.prepare<{ id: string; cap: number }>(
    `DELETE FROM run_events WHERE dispatch_id = @id AND kind = 'agent' AND seq <= (
       SELECT max(seq) FROM (
         SELECT seq, sum(length(data)) OVER (ORDER BY seq DESC) AS newer
         FROM run_events WHERE dispatch_id = @id AND kind = 'agent'
       ) WHERE newer > @cap)`,
  );
  const markTrimmed = db.prepare<[string]>('UPDATE dispatches SET output_trimmed = 1 WHERE id = ?');
  const selectLastSeq = db
    .prepare<[string], number>('SELECT coalesce(max(seq), 0) FROM run_events WHERE dispatch_id = ?')
    .pluck();
  const insert = db.prepare<[RunEventRow]>(
    'INSERT INTO run_events (dispatch_id, seq, kind, at, data) VALUES (@dispatch_id, @seq, @kind, @at, @data)',
  );
  const selectPage = db.prepare<[string, number, number], RunEventRow>(
    'SELECT * FROM run_events WHERE dispatch_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );

  const appendTx = db.transaction((dispatchId: string, entries: readonly RunEventEntry[]) => {
    const at = isoNow(clock);
    let seq = selectLastSeq.get(dispatchId) ?? 0;
    return entries.map((entry): RunEvent => {
      seq += 1;
      const row = {
        dispatch_id: dispatchId,
        seq,
        kind: entry.kind,
        at: entry.at ?? at,
        data: serialize(entry.data),
      };
      insert.run(row);
      // Read back through JSON so callers see exactly what a later list() returns.
      return toRunEvent(row);
    });
  });

  function appendMany(dispatchId: string, entries: readonly RunEventEntry[]): RunEvent[] {
    if (entries.length === 0) return [];
    try {
      return appendTx.immediate(dispatchId, entries);
    } catch (error) {
      if (isForeignKeyError(error)) throw notFound('Dispatch', dispatchId);
      throw error;
    }
  }

  const appendOutputTx = db.transaction(
    (dispatchId: string, entries: readonly RunEventEntry[], newOffset: number, capBytes: number) => {
      if (setOffset.run(newOffset, dispatchId).changes === 0) throw notFound('Dispatch', dispatchId);
      const events = entries.length > 0 ? appendTx(dispatchId, entries) : [];
      // Output skipped on the runner (a `trimmed` marker) counts as trimmed too.
      if (entries.some((entry) => entry.kind === 'trimmed')) markTrimmed.run(dispatchId);
      if ((storedBytes.get(dispatchId) ?? 0) > capBytes) {
        trimOldest.run({ id: dispatchId, cap: capBytes });
        markTrimmed.run(dispatchId);
      }
      return events;
    },
  );

  return {
    appendOutput: (dispatchId, entries, newOffset, capBytes) =>
      appendOutputTx.immediate(dispatchId, entries, newOffset, capBytes),
    append(dispatchId, kind, data) {
      const [event] = appendMany(dispatchId, [{ kind, data }]);
      if (!event) throw new AppError('INTERNAL', 'Appending a run event stored nothing');
      return event;
    },
    appendMany,
    list: (dispatchId, afterSeq, limit) => selectPage.all(dispatchId, afterSeq, limit).map(toRunEvent),
  };
}
