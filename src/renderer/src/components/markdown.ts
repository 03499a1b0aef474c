/**
 * A small, safe Markdown subset parsed to a tree that components render as React elements:
 * headings (ATX and setext), paragraphs, fenced code, lists (nested, ordered, task items),
 * block quotes, rules; inline code, strong, emphasis, strikethrough, links and bare URLs.
 * Raw HTML is never interpreted (it stays text) and only http(s) and mailto links are kept.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'strike'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export interface ListItem {
  /** null: not a task item. */
  checked: boolean | null;
  children: Block[];
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

/** Deeper nesting than this is shown as text: input is untrusted and recursion is not free. */
const MAX_DEPTH = 16;

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+(.*))?$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TASK = /^\[([ xX])\][ \t]+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  return parseBlocks(lines, 0);
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function startsBlock(line: string): boolean {
  return (
    FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || listMarker(line) !== null
  );
}

interface Marker {
  indent: number;
  ordered: boolean;
  /** The bullet character, or the ordered delimiter ('.' or ')'). */
  symbol: string;
  start: number;
  /** Column where the item's content starts. */
  contentIndent: number;
  rest: string;
}

function listMarker(line: string): Marker | null {
  const m = LIST_ITEM.exec(line);
  if (!m) return null;
  const indent = m[1]!.length;
  const marker = m[2]!;
  const spacing = m[3] ?? '';
  const rest = m[4] ?? '';
  // Empty items are not supported: a bare "-" is a setext underline, "1." plain text.
  if (rest.trim() === '') return null;
  const ordered = /^\d/.test(marker);
  const gap = spacing.length - rest.length;
  return {
    indent,
    ordered,
    symbol: ordered ? marker.slice(-1) : marker,
    start: ordered ? Number.parseInt(marker, 10) : 1,
    contentIndent: indent + marker.length + Math.min(Math.max(gap, 1), 4),
    rest,
  };
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}

function parseBlocks(lines: readonly string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    if (depth >= MAX_DEPTH) {
      blocks.push({
        type: 'paragraph',
        children: [{ type: 'text', text: lines.slice(i).join('\n').trim() }],
      });
      break;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const mark = fence[1]!;
      const body: string[] = [];
      const indent = leadingSpaces(line);
      i += 1;
      while (i < lines.length) {
        const candidate = lines[i]!;
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(candidate);
        if (close && close[1]![0] === mark[0] && close[1]!.length >= mark.length) {
          i += 1;
          break;
        }
        body.push(candidate.slice(Math.min(indent, leadingSpaces(candidate))));
        i += 1;
      }
      blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '', depth) });
      i += 1;
      continue;
    }

    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i += 1;
      continue;
    }

    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !isBlank(lines[i]!)) {
        const q = QUOTE.exec(lines[i]!);
        // Lazy continuation: a plain line right after quoted text belongs to the quote.
        if (!q && startsBlock(lines[i]!)) break;
        inner.push(q ? q[1]! : lines[i]!);
        i += 1;
      }
      blocks.push({ type: 'quote', children: parseBlocks(inner, depth + 1) });
      continue;
    }

    const marker = listMarker(line);
    if (marker) {
      const parsed = parseList(lines, i, marker, depth);
      blocks.push(parsed.block);
      i = parsed.next;
      continue;
    }

    // A paragraph: lines up to a blank line or the start of another block.
    const text: string[] = [line.trim()];
    i += 1;
    let setext: 1 | 2 | null = null;
    while (i < lines.length && !isBlank(lines[i]!)) {
      const next = lines[i]!;
      const underline = SETEXT.exec(next);
      if (underline) {
        setext = underline[1]![0] === '=' ? 1 : 2;
        i += 1;
        break;
      }
      if (startsBlock(next)) break;
      text.push(next.trim());
      i += 1;
    }
    const children = parseInline(text.join('\n'), depth);
    blocks.push(setext ? { type: 'heading', level: setext, children } : { type: 'paragraph', children });
  }
  return blocks;
}

function parseList(
  lines: readonly string[],
  from: number,
  first: Marker,
  depth: number,
): { block: Block; next: number } {
  const items: ListItem[] = [];
  let i = from;
  let marker: Marker | null = first;
  while (marker) {
    const body: string[] = [marker.rest];
    const contentIndent = marker.contentIndent;
    i += 1;
    while (i < lines.length) {
      const line = lines[i]!;
      if (isBlank(line)) {
        // A blank line ends the item unless indented content follows it.
        let j = i + 1;
        while (j < lines.length && isBlank(lines[j]!)) j += 1;
        if (j < lines.length && leadingSpaces(lines[j]!) >= contentIndent) {
          for (; i < j; i += 1) body.push('');
          continue;
        }
        break;
      }
      if (leadingSpaces(line) >= contentIndent) {
        body.push(line.slice(contentIndent));
        i += 1;
        continue;
      }
      if (startsBlock(line)) break;
      // Lazy continuation of the item's paragraph.
      body.push(line.trim());
      i += 1;
    }
    let checked: boolean | null = null;
    const task = TASK.exec(body[0] ?? '');
    if (task) {
      checked = task[1] !== ' ';
      body[0] = task[2]!;
    }
    items.push({ checked, children: parseBlocks(body, depth + 1) });

    // The next item of the same list, possibly after blank lines.
    let j = i;
    while (j < lines.length && isBlank(lines[j]!)) j += 1;
    const next = j < lines.length ? listMarker(lines[j]!) : null;
    if (
      next &&
      next.ordered === first.ordered &&
      next.symbol === first.symbol &&
      next.indent < contentIndent
    ) {
      i = j;
      marker = next;
    } else {
      marker = null;
    }
  }
  return { block: { type: 'list', ordered: first.ordered, start: first.start, items }, next: i };
}

// ---- Inline ----

const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;
const BARE_URL = /^https?:\/\/[^\s<>"'`]+/i;
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

/** The link target if it is one we open; anything else (javascript:, data:, relative) is dropped. */
export function safeHref(raw: string): string | null {
  const href = raw.trim().replace(/^<(.*)>$/, '$1');
  if (!SAFE_URL.test(href)) return null;
  for (const ch of href) if (ch.charCodeAt(0) <= 0x20 || ch === '\u007f') return null;
  return href;
}

function trimUrl(url: string): string {
  // Trailing sentence punctuation is not part of a bare URL, nor an unmatched closing paren.
  let end = url.length;
  while (end > 0 && /[.,:;!?'"]/.test(url[end - 1]!)) end -= 1;
  let out = url.slice(0, end);
  while (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) {
    out = out.slice(0, -1);
  }
  return out;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Index of the closing delimiter for an opener at `from`, or -1. */
function findClosing(text: string, delim: string, from: number): number {
  let at = text.indexOf(delim, from);
  while (at !== -1) {
    const before = text[at - 1];
    const after = text[at + delim.length];
    const escaped = before === '\\';
    const validEdge = before !== undefined && !/\s/.test(before);
    // Underscores do not close inside a word (snake_case stays as it is).
    const intraword = delim[0] === '_' && isWordChar(after);
    // A single * or _ must not be half of a double one.
    const doubled = delim.length === 1 && (after === delim || before === delim);
    if (!escaped && validEdge && !intraword && !doubled && at > from) return at;
    at = text.indexOf(delim, at + 1);
  }
  return -1;
}

/** The matching `]` of a `[` at `open`, counting nested brackets; -1 if none. */
function matchBracket(text: string, open: number): number {
  let level = 0;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\\') {
      i += 1;
    } else if (ch === '[') {
      level += 1;
    } else if (ch === ']') {
      level -= 1;
      if (level === 0) return i;
    }
  }
  return -1;
}

/** `(url "title")` at `open`: the url and the index after `)`. */
function linkTarget(text: string, open: number): { url: string; end: number } | null {
  if (text[open] !== '(') return null;
  let level = 0;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\\') {
      i += 1;
    } else if (ch === '(') {
      level += 1;
    } else if (ch === ')') {
      level -= 1;
      if (level === 0) {
        const inner = text.slice(open + 1, i).trim();
        const url = inner.replace(/\s+("[^"]*"|'[^']*')$/, '');
        return { url, end: i + 1 };
      }
    } else if (ch === '\n') {
      return null;
    }
  }
  return null;
}

/** A link's label with any links inside it reduced to their text (links do not nest). */
function withoutLinks(nodes: Inline[]): Inline[] {
  return nodes.flatMap((node): Inline[] => {
    if (node.type === 'link') return withoutLinks(node.children);
    if (node.type === 'strong' || node.type === 'em' || node.type === 'strike') {
      return [{ type: node.type, children: withoutLinks(node.children) }];
    }
    return [node];
  });
}

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer !== '') out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };
  if (depth >= MAX_DEPTH) return text === '' ? [] : [{ type: 'text', text }];

  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const rest = text.slice(i, i + 2);

    if (ch === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1]!)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '\\' && text[i + 1] === '\n') {
      push({ type: 'break' });
      i += 2;
      continue;
    }
    if (ch === '\n') {
      // Trailing spaces already trimmed per line; every line break in the source is kept.
      push({ type: 'break' });
      i += 1;
      continue;
    }
    if (ch === '`') {
      let run = 1;
      while (text[i + run] === '`') run += 1;
      const fence = '`'.repeat(run);
      let close = text.indexOf(fence, i + run);
      while (close !== -1 && text[close + run] === '`') close = text.indexOf(fence, close + run + 1);
      if (close !== -1) {
        let code = text.slice(i + run, close).replace(/\n/g, ' ');
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
        push({ type: 'code', text: code });
        i = close + run;
        continue;
      }
      buffer += fence;
      i += run;
      continue;
    }
    if (rest === '**' || rest === '__' || rest === '~~') {
      const opensWord = text[i + 2] !== undefined && !/\s/.test(text[i + 2]!);
      const leftOk = rest[0] !== '_' || !isWordChar(text[i - 1]);
      const close = opensWord && leftOk ? findClosing(text, rest, i + 2) : -1;
      if (close !== -1) {
        const type = rest === '~~' ? 'strike' : 'strong';
        push({ type, children: parseInline(text.slice(i + 2, close), depth + 1) });
        i = close + 2;
        continue;
      }
      buffer += rest;
      i += 2;
      continue;
    }
    if (ch === '*' || ch === '_') {
      const opensWord = text[i + 1] !== undefined && !/\s/.test(text[i + 1]!);
      const leftOk = ch !== '_' || !isWordChar(text[i - 1]);
      const close = opensWord && leftOk ? findClosing(text, ch, i + 1) : -1;
      if (close !== -1) {
        push({ type: 'em', children: parseInline(text.slice(i + 1, close), depth + 1) });
        i = close + 1;
        continue;
      }
      buffer += ch;
      i += 1;
      continue;
    }
    if (ch === '[') {
      const close = matchBracket(text, i);
      const target = close === -1 ? null : linkTarget(text, close + 1);
      if (close !== -1 && target) {
        const label = withoutLinks(parseInline(text.slice(i + 1, close), depth + 1));
        const href = safeHref(target.url);
        if (href) push({ type: 'link', href, children: label });
        else for (const node of label) push(node);
        i = target.end;
        continue;
      }
      buffer += ch;
      i += 1;
      continue;
    }
    if (ch === '<') {
      const m = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(text.slice(i));
      if (m) {
        const href = safeHref(m[1]!);
        if (href) {
          push({ type: 'link', href, children: [{ type: 'text', text: m[1]!.replace(/^mailto:/i, '') }] });
          i += m[0].length;
          continue;
        }
      }
      buffer += ch;
      i += 1;
      continue;
    }
    if ((ch === 'h' || ch === 'H') && !isWordChar(text[i - 1])) {
      const m = BARE_URL.exec(text.slice(i));
      if (m) {
        const url = trimUrl(m[0]);
        const href = safeHref(url);
        if (href && url.length > 'https://'.length) {
          push({ type: 'link', href, children: [{ type: 'text', text: url }] });
          i += url.length;
          continue;
        }
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return out;
}
