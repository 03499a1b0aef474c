import { describe, expect, it } from 'vitest';
import {
  applyChange,
  beginLoad,
  emptyCollection,
  failLoad,
  finishLoad,
  removeWhere,
  type Collection,
} from '@renderer/stores/collection';
import type { Task } from '@shared/contract';
import { at, task } from './fixtures';

function loaded(list: Task[]): Collection<Task> {
  const c = beginLoad(emptyCollection<Task>());
  return finishLoad(c, c.loadSeq, list);
}

describe('collection: events', () => {
  it('adds and replaces entities by id', () => {
    let c = loaded([task(1)]);
    c = applyChange(c, task(2).id, task(2));
    c = applyChange(c, task(1).id, task(1, { title: 'renamed', updatedAt: at(30) }));
    expect(Object.keys(c.byId)).toHaveLength(2);
    expect(c.byId[task(1).id]?.title).toBe('renamed');
  });

  it('ignores a version older than the one it holds', () => {
    let c = loaded([task(1, { title: 'new', updatedAt: at(40) })]);
    c = applyChange(c, task(1).id, task(1, { title: 'old', updatedAt: at(10) }));
    expect(c.byId[task(1).id]?.title).toBe('new');
  });

  it('takes an equal version (the same change delivered twice is harmless)', () => {
    const c = applyChange(loaded([task(1)]), task(1).id, task(1, { title: 'same time' }));
    expect(c.byId[task(1).id]?.title).toBe('same time');
  });

  it('deletes on a null entity and never revives a deleted id', () => {
    let c = loaded([task(1)]);
    c = applyChange(c, task(1).id, null);
    expect(c.byId[task(1).id]).toBeUndefined();
    c = applyChange(c, task(1).id, task(1, { updatedAt: at(59) }));
    expect(c.byId[task(1).id]).toBeUndefined();
  });

  it('records a delete of an id it never saw, so a late create does not show it', () => {
    let c = loaded([]);
    c = applyChange(c, task(7).id, null);
    c = applyChange(c, task(7).id, task(7));
    expect(c.byId).toEqual({});
  });

  it('returns the same collection when an event changes nothing', () => {
    const c = loaded([task(1, { updatedAt: at(40) })]);
    expect(applyChange(c, task(1).id, task(1, { updatedAt: at(1) }))).toBe(c);
  });

  it('drops entities by predicate and remembers them as deleted', () => {
    let c = loaded([task(1), task(2, { projectId: 'other' }), task(3)]);
    c = removeWhere(c, (t) => t.projectId !== 'other');
    expect(Object.keys(c.byId)).toEqual([task(2).id]);
    c = applyChange(c, task(1).id, task(1, { updatedAt: at(50) }));
    expect(c.byId[task(1).id]).toBeUndefined();
  });
});

describe('collection: loads racing events', () => {
  it('replaces the contents with the list and drops what the list lacks', () => {
    let c = loaded([task(1), task(2)]);
    c = beginLoad(c);
    c = finishLoad(c, c.loadSeq, [task(2), task(3)]);
    expect(Object.keys(c.byId).sort()).toEqual([task(2).id, task(3).id]);
    expect(c.status).toBe('ready');
  });

  it('keeps an entity created by an event while the list was on its way', () => {
    let c = beginLoad(emptyCollection<Task>());
    const seq = c.loadSeq;
    c = applyChange(c, task(5).id, task(5));
    c = finishLoad(c, seq, [task(1)]);
    expect(Object.keys(c.byId).sort()).toEqual([task(1).id, task(5).id]);
  });

  it('keeps a newer version from an event over the list’s older one', () => {
    let c = beginLoad(emptyCollection<Task>());
    const seq = c.loadSeq;
    c = applyChange(c, task(1).id, task(1, { title: 'event', updatedAt: at(30) }));
    c = finishLoad(c, seq, [task(1, { title: 'list', updatedAt: at(1) })]);
    expect(c.byId[task(1).id]?.title).toBe('event');
  });

  it('takes the list’s version when it is newer than the event’s', () => {
    let c = beginLoad(emptyCollection<Task>());
    const seq = c.loadSeq;
    c = applyChange(c, task(1).id, task(1, { title: 'event', updatedAt: at(10) }));
    c = finishLoad(c, seq, [task(1, { title: 'list', updatedAt: at(20) })]);
    expect(c.byId[task(1).id]?.title).toBe('list');
  });

  it('does not bring back an entity deleted while the list was on its way', () => {
    let c = loaded([task(1)]);
    c = beginLoad(c);
    const seq = c.loadSeq;
    c = applyChange(c, task(1).id, null);
    c = finishLoad(c, seq, [task(1)]);
    expect(c.byId).toEqual({});
  });

  it('drops the reply of a superseded load', () => {
    let c = beginLoad(emptyCollection<Task>());
    const first = c.loadSeq;
    c = beginLoad(c);
    const second = c.loadSeq;
    c = finishLoad(c, second, [task(2)]);
    c = finishLoad(c, first, [task(1)]);
    expect(Object.keys(c.byId)).toEqual([task(2).id]);
  });

  it('only tracks touched ids while a load is in flight', () => {
    let c = loaded([]);
    c = applyChange(c, task(1).id, task(1));
    expect(c.touched.size).toBe(0);
  });

  it('marks a failed first load as an error, but keeps showing data after a failed reload', () => {
    let c = beginLoad(emptyCollection<Task>());
    expect(failLoad(c, c.loadSeq).status).toBe('error');
    c = loaded([task(1)]);
    c = beginLoad(c);
    c = failLoad(c, c.loadSeq);
    expect(c.status).toBe('ready');
    expect(c.pending).toBe(false);
    expect(Object.keys(c.byId)).toEqual([task(1).id]);
  });
});
