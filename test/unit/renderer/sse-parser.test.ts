import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '@renderer/api/sse-parser';

function feed(chunks: string[]): SseMessage[] {
  const parser = createSseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

/** Every way of cutting `text` in two. */
function allSplits(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}

const STREAM =
  ': connected\n\n' +
  'event: task.changed\ndata: {"taskId":"a"}\n\n' +
  ': ping\n\n' +
  'event: project.changed\r\ndata: {"projectId":"b"}\r\n\r\n';

const EXPECTED: SseMessage[] = [
  { event: 'task.changed', data: '{"taskId":"a"}', id: undefined },
  { event: 'project.changed', data: '{"projectId":"b"}', id: undefined },
];

describe('SSE parser', () => {
  it('parses named events and skips comments', () => {
    expect(feed([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events however the stream is cut in two', () => {
    for (const chunks of allSplits(STREAM)) expect(feed(chunks)).toEqual(EXPECTED);
  });

  it('gives the same events when fed one character at a time', () => {
    expect(feed([...STREAM])).toEqual(EXPECTED);
  });

  it('treats a CRLF split across chunks as one line end, not two', () => {
    // A lone CR would otherwise end the line and the LF would then end the event early.
    expect(feed(['data: a\r', '\ndata: b\r', '\n\r', '\n'])).toEqual([
      { event: 'message', data: 'a\nb', id: undefined },
    ]);
  });

  it('accepts bare CR line ends', () => {
    expect(feed(['event: x\rdata: 1\r\r'])).toEqual([{ event: 'x', data: '1', id: undefined }]);
  });

  it('joins multi-line data with newlines and strips one leading space only', () => {
    expect(feed(['data:  two spaces\ndata:none\n\n'])).toEqual([
      { event: 'message', data: ' two spaces\nnone', id: undefined },
    ]);
  });

  it('does not dispatch an event with no data, and resets the event name after it', () => {
    expect(feed(['event: lonely\n\n', 'data: x\n\n'])).toEqual([
      { event: 'message', data: 'x', id: undefined },
    ]);
  });

  it('holds back an event until its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('event: a\ndata: 1\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'a', data: '1', id: undefined }]);
  });

  it('keeps the last id and the retry hint', () => {
    const parser = createSseParser();
    expect(parser.push('id: 7\nretry: 2500\ndata: x\n\ndata: y\n\n')).toEqual([
      { event: 'message', data: 'x', id: '7' },
      { event: 'message', data: 'y', id: '7' },
    ]);
    expect(parser.retryMs).toBe(2500);
  });

  it('strips a leading byte order mark', () => {
    expect(feed(['\uFEFFdata: x\n\n'])).toEqual([{ event: 'message', data: 'x', id: undefined }]);
  });

  it('decodes UTF-8 split inside a character across byte chunks', () => {
    const bytes = new TextEncoder().encode('event: t\ndata: {"title":"café ✓"}\n\n');
    const parser = createSseParser();
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const out = [
      ...parser.pushBytes(bytes.slice(0, cut)),
      ...parser.pushBytes(bytes.slice(cut, cut + 20)),
      ...parser.pushBytes(bytes.slice(cut + 20)),
    ];
    expect(out).toEqual([{ event: 't', data: '{"title":"café ✓"}', id: undefined }]);
  });
});
