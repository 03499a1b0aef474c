import { describe, expect, it } from 'vitest';
import { trackMissedEvents } from '@renderer/api/missed-events';

function tracker() {
  let said = 0;
  const missed = trackMissedEvents(() => said++);
  return { missed, said: () => said };
}

describe('knowing when events may have been missed', () => {
  it('says nothing when every early answer was read after the stream subscribed', () => {
    const { missed, said } = tracker();
    const tasks = missed.callStarted();
    const runs = missed.callStarted();
    // The stream subscribed when 5 events were out; the calls were handled at 5 and 7.
    tasks(5);
    missed.streamOpened(5);
    runs(7);
    expect(said()).toBe(0);
  });

  it('says so once when an answer was read before the stream subscribed, whenever it comes', () => {
    const before = tracker();
    before.missed.callStarted()(4);
    before.missed.streamOpened(5);
    expect(before.said()).toBe(1);

    const after = tracker();
    const early = after.missed.callStarted();
    const alsoEarly = after.missed.callStarted();
    after.missed.streamOpened(5);
    early(3);
    alsoEarly(2);
    // One reading again covers both.
    expect(after.said()).toBe(1);
  });

  it('takes a call made while the stream was open as whole, whatever its count', () => {
    const { missed, said } = tracker();
    missed.streamOpened(9);
    missed.callStarted()(1);
    expect(said()).toBe(0);
  });

  it('always says so when the stream reopens, and compares calls made while it was down', () => {
    const { missed, said } = tracker();
    missed.streamOpened(1);
    missed.streamClosed();
    const during = missed.callStarted();
    missed.streamOpened(8);
    expect(said()).toBe(1);
    // Read before the new stream subscribed: the reading again at the reopening covers it.
    during(6);
    expect(said()).toBe(1);
    missed.streamClosed();
    missed.streamOpened(10);
    expect(said()).toBe(2);
  });

  it('takes an answer or a stream that does not tell its count as one that may miss events', () => {
    const silentAnswer = tracker();
    silentAnswer.missed.callStarted()(null);
    silentAnswer.missed.streamOpened(0);
    expect(silentAnswer.said()).toBe(1);

    const silentStream = tracker();
    silentStream.missed.callStarted()(100);
    silentStream.missed.streamOpened(null);
    expect(silentStream.said()).toBe(1);
  });
});
