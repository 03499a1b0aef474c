import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../../src/main/core/agents';
import { createEventBus } from '../../../src/main/core/events';
import {
  ingestOutput,
  OUTPUT_CAP_BYTES,
  recordSkipped,
} from '../../../src/main/core/services/dispatch/output';
import { makeProject, makeTask, useDatabase } from './helpers';

// Output reaches the core twice (pushed by the follower, read by the poll): whatever order the
// chunks come in, each line is stored once and none is skipped.

const line = (i: number) =>
  `{"type":"item.completed","item":{"id":"m${i}","type":"agent_message","text":"line ${i}"}}\n`;
const lines = (from: number, to: number) =>
  Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => line(from + i)).join(''));

describe('ingesting output', () => {
  const env = useDatabase();

  function setup() {
    const { repos } = env();
    const task = makeTask(repos, makeProject(repos, 'p').id);
    const run = repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
    const deps = { repos, bus: createEventBus() };
    const ingest = (offset: number, chunk: Buffer) =>
      ingestOutput(deps, run.id, adapterFor('codex'), offset, chunk, 512 * 1024);
    const texts = () =>
      repos.runEvents
        .list(run.id, 0, 10_000)
        .filter((e) => e.kind === 'agent')
        .map((e) => e.data.text);
    return { repos, deps, run, ingest, texts };
  }

  it('applies only what starts at the stored offset: overlaps once, stale chunks not at all, gaps never', () => {
    const { repos, run, ingest, texts } = setup();
    const all = lines(1, 6);
    const at = (i: number) => all.indexOf(line(i));
    expect(ingest(0, all.subarray(0, at(3))).storedOffset).toBe(at(3));
    // The poll read from 0 while the follower got there first: only lines 3 and 4 are new.
    expect(ingest(0, all.subarray(0, at(5))).storedOffset).toBe(at(5));
    // A chunk wholly behind the stored offset changes nothing.
    expect(ingest(at(2), all.subarray(at(2), at(4))).storedOffset).toBe(at(5));
    // A chunk past the stored offset (line 5 never arrived) is not applied.
    const gap = ingest(at(6), all.subarray(at(6)));
    expect(gap).toMatchObject({ storedOffset: at(5), drained: false });
    expect(texts()).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    // A partial last line waits for its end.
    expect(ingest(at(5), all.subarray(at(5), at(6) + 10)).storedOffset).toBe(at(6));
    expect(ingest(at(6), all.subarray(at(6))).storedOffset).toBe(all.length);
    expect(texts()).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
    expect(repos.dispatches.getOutputOffset(run.id)).toBe(all.length);
  });

  it('records skipped output once, as a marker, and moves the offset past it', () => {
    const { repos, deps, run, ingest, texts } = setup();
    ingest(0, lines(1, 1));
    const from = line(1).length;
    const to = from + 7_000_000;
    expect(recordSkipped(deps, run.id, from, to)).toBe(to);
    // Told again (the poll and the follower both skipped): nothing more.
    expect(recordSkipped(deps, run.id, from, to)).toBe(to);
    ingest(to, lines(2, 2));
    const events = repos.runEvents.list(run.id, 0, 100);
    expect(events.map((e) => e.kind)).toEqual(['agent', 'trimmed', 'agent']);
    expect(events[1]!.data.text).toBe(
      `7,000,000 bytes of output skipped: only the newest ${OUTPUT_CAP_BYTES / 1024 / 1024} MB of a run's output is kept.`,
    );
    expect(texts()).toEqual(['line 1', 'line 2']);
    expect(repos.dispatches.outputTrimmed(run.id)).toBe(true);
  });
});
