import { describe, expect, it } from 'vitest';
import { createStartGate } from '../../../src/main/core/services/dispatch/start-gate';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('start gate', () => {
  it('never interleaves work for one key, and lets other keys run alongside', async () => {
    const gate = createStartGate();
    const log: string[] = [];
    const work = (key: string, label: string, ms: number) =>
      gate.run(key, async () => {
        log.push(`${label}:start`);
        await tick(ms);
        log.push(`${label}:end`);
      });
    await Promise.all([work('a', 'a1', 30), work('a', 'a2', 1), work('b', 'b1', 5)]);
    expect(log.indexOf('a1:end')).toBeLessThan(log.indexOf('a2:start'));
    expect(log.indexOf('b1:end')).toBeLessThan(log.indexOf('a1:end'));
  });

  it('keeps going after a failure', async () => {
    const gate = createStartGate();
    await expect(gate.run('a', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await expect(gate.run('a', async () => 'ok')).resolves.toBe('ok');
  });
});
