/** Keystrokes as the contract takes them: base64 of their UTF-8 bytes. */
export function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Sends a terminal's keystrokes one call at a time, in order, batching what is typed while a
 * call is out: over HTTP, separate calls could overtake each other (`ls⏎` arriving as `l⏎s`).
 */
export function createInputQueue(send: (data: string) => Promise<unknown>) {
  let waiting = '';
  let sending = false;
  async function drain(): Promise<void> {
    sending = true;
    while (waiting !== '') {
      const data = waiting;
      waiting = '';
      await send(data).catch(() => undefined);
    }
    sending = false;
  }
  return {
    push(data: string): void {
      waiting += data;
      if (!sending) void drain();
    },
  };
}
