import { describe, expect, it } from 'vitest';
import { trackMissedEvents } from '@renderer/api/missed-events';

/** A position of the host run 'a1b2c3d4' (another run is another id). */
const at = (published: number, host = 'a1b2c3d4') => ({ host, published });

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
    tasks(at(5));
    missed.streamOpened(at(5));
    runs(at(7));
    expect(said()).toBe(0);
  });

  it('says so once when an answer was read before the stream subscribed, whenever it comes', () => {
    const before = tracker();
    before.missed.callStarted()(at(4));
    before.missed.streamOpened(at(5));
    expect(before.said()).toBe(1);

    const after = tracker();
    const early = after.missed.callStarted();
    const alsoEarly = after.missed.callStarted();
    after.missed.streamOpened(at(5));
    early(at(3));
    alsoEarly(at(2));
    // One reading again covers both.
    expect(after.said()).toBe(1);
  });

  it('takes a call made while the stream was open as whole, whatever its count', () => {
    const { missed, said } = tracker();
    missed.streamOpened(at(9));
    missed.callStarted()(at(1));
    expect(said()).toBe(0);
  });

  it('always says so when the stream reopens, and compares calls made while it was down', () => {
    const { missed, said } = tracker();
    missed.streamOpened(at(1));
    missed.streamClosed();
    const during = missed.callStarted();
    missed.streamOpened(at(8));
    expect(said()).toBe(1);
    // Read before the new stream subscribed: the reading again at the reopening covers it.
    during(at(6));
    expect(said()).toBe(1);
    missed.streamClosed();
    missed.streamOpened(at(10));
    expect(said()).toBe(2);
  });

  it('takes an answer from another run of the host as one that may miss events, whatever its count', () => {
    const { missed, said } = tracker();
    // Answered at 1,000 by the host that ran then; the stream opened on the one that replaced it.
    missed.callStarted()(at(1000, 'ffff0000'));
    missed.streamOpened(at(3));
    expect(said()).toBe(1);
  });

  it('takes an answer or a stream that does not tell its count as one that may miss events', () => {
    const silentAnswer = tracker();
    silentAnswer.missed.callStarted()(null);
    silentAnswer.missed.streamOpened(at(0));
    expect(silentAnswer.said()).toBe(1);

    const silentStream = tracker();
    silentStream.missed.callStarted()(at(100));
    silentStream.missed.streamOpened(null);
    expect(silentStream.said()).toBe(1);
  });
});
