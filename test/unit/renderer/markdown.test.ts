import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '@renderer/components/markdown';

describe('markdown subset', () => {
  it('parses headings, paragraphs, rules and fenced code', () => {
    const blocks = parseMarkdown(
      '# Title\n\nSome *text*\nnext line\n\n---\n\n```ts\nconst a = 1;\n\n<b>x</b>\n```\n## Sub ##',
    );
    expect(blocks).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Some ' },
          { type: 'em', children: [{ type: 'text', text: 'text' }] },
          { type: 'break' },
          { type: 'text', text: 'next line' },
        ],
      },
      { type: 'rule' },
      { type: 'code', lang: 'ts', text: 'const a = 1;\n\n<b>x</b>' },
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Sub' }] },
    ]);
  });

  it('does not take a #hashtag for a heading, and reads setext headings', () => {
    expect(parseMarkdown('#123 is the issue')[0]).toMatchObject({ type: 'paragraph' });
    expect(parseMarkdown('Title\n=====')[0]).toMatchObject({ type: 'heading', level: 1 });
    expect(parseMarkdown('Sub\n---')[0]).toMatchObject({ type: 'heading', level: 2 });
  });

  it('parses nested, ordered and task lists', () => {
    const [list] = parseMarkdown('- one\n  - nested\n- [x] done\n- [ ] todo\n\n3. three\n4. four');
    expect(list).toMatchObject({ type: 'list', ordered: false });
    if (list?.type !== 'list') throw new Error('not a list');
    expect(list.items).toHaveLength(3);
    expect(list.items[0]!.children[1]).toMatchObject({ type: 'list', items: [{ checked: null }] });
    expect(list.items.map((i) => i.checked)).toEqual([null, true, false]);
    expect(parseMarkdown('- a\n\n3. three\n4. four')[1]).toMatchObject({
      type: 'list',
      ordered: true,
      start: 3,
    });
  });

  it('keeps blank-line separated paragraphs inside an indented list item', () => {
    const [list] = parseMarkdown('1. first\n\n   more of first\n2. second');
    if (list?.type !== 'list') throw new Error('not a list');
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.children.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
  });

  it('parses block quotes', () => {
    expect(parseMarkdown('> quoted\n> - item')[0]).toMatchObject({
      type: 'quote',
      children: [{ type: 'paragraph' }, { type: 'list' }],
    });
  });

  it('parses inline code, strong, strike and leaves snake_case alone', () => {
    expect(parseInline('`a*b*` **bold** ~~gone~~ snake_case_name')).toEqual([
      { type: 'code', text: 'a*b*' },
      { type: 'text', text: ' ' },
      { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' ' },
      { type: 'strike', children: [{ type: 'text', text: 'gone' }] },
      { type: 'text', text: ' snake_case_name' },
    ]);
    expect(parseInline('2 * 3 * 4')).toEqual([{ type: 'text', text: '2 * 3 * 4' }]);
    expect(parseInline('\\*not em\\*')).toEqual([{ type: 'text', text: '*not em*' }]);
  });

  it('keeps only safe links and turns bare addresses into links', () => {
    expect(parseInline('[PR](https://github.com/acme/api/pull/1) and [bad](javascript:alert(1))')).toEqual([
      { type: 'link', href: 'https://github.com/acme/api/pull/1', children: [{ type: 'text', text: 'PR' }] },
      { type: 'text', text: ' and ' },
      { type: 'text', text: 'bad' },
    ]);
    expect(parseInline('See https://example.com/a_(b), ok.')).toEqual([
      { type: 'text', text: 'See ' },
      {
        type: 'link',
        href: 'https://example.com/a_(b)',
        children: [{ type: 'text', text: 'https://example.com/a_(b)' }],
      },
      { type: 'text', text: ', ok.' },
    ]);
    expect(parseInline('<mailto:me@example.com>')).toEqual([
      { type: 'link', href: 'mailto:me@example.com', children: [{ type: 'text', text: 'me@example.com' }] },
    ]);
    expect(safeHref('data:text/html,x')).toBeNull();
    expect(safeHref('https://a.example/\u0000x')).toBeNull();
  });

  it('never interprets raw HTML', () => {
    const blocks = parseMarkdown('<script>alert(1)</script>\n<img src=x onerror=alert(1)>');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: '<script>alert(1)</script>' },
          { type: 'break' },
          { type: 'text', text: '<img src=x onerror=alert(1)>' },
        ],
      },
    ]);
  });

  it('does not nest links, and copes with deep nesting', () => {
    expect(parseInline('[a https://x.example b](https://y.example)')).toEqual([
      {
        type: 'link',
        href: 'https://y.example',
        children: [
          { type: 'text', text: 'a ' },
          { type: 'text', text: 'https://x.example' },
          { type: 'text', text: ' b' },
        ],
      },
    ]);
    expect(() => parseMarkdown('>'.repeat(5000) + ' deep')).not.toThrow();
    expect(() => parseMarkdown('- '.repeat(3000) + 'deep')).not.toThrow();
  });
});
