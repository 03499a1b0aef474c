import { describe, expect, it } from 'vitest';
import { createInputQueue, toBase64 } from '@renderer/features/terminal/terminal-input';

describe('terminal keystrokes', () => {
  it('go one call at a time, in the order typed, batched while a call is out', async () => {
    const sent: string[] = [];
    let release: (() => void) | null = null;
    const queue = createInputQueue(
      (data) =>
        new Promise<void>((resolve) => {
          sent.push(data);
          release = resolve;
        }),
    );
    queue.push('l');
    queue.push('s');
    queue.push('\r');
    expect(sent).toEqual(['l']);
    (release as unknown as () => void)();
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual(['l', 's\r']);
    (release as unknown as () => void)();
    await new Promise((r) => setTimeout(r, 0));
    queue.push('x');
    expect(sent).toEqual(['l', 's\r', 'x']);
  });

  it('are sent as base64 of their UTF-8 bytes, control characters included', () => {
    const bytes = Uint8Array.from(atob(toBase64('ü\x03\x1b[A\r')), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe('ü\x03\x1b[A\r');
  });
});
