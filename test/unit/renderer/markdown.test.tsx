import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '@renderer/components/Markdown';
import { MAX_NESTING } from '@renderer/components/markdown-depth';

function render(source: string, headingOffset = 0): string {
  return renderToStaticMarkup(<Markdown source={source} headingOffset={headingOffset} />);
}

/** The tags in rendered HTML, in order, without attributes. */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]!);
}

const PR_SUMMARY = [
  '## Changes',
  '',
  '| File | Change |',
  '| --- | ---: |',
  '| `src/login.ts` | +12 −3 |',
  '| README.md | +1 |',
  '',
  '- [x] tests pass',
  '- [ ] docs updated',
  '',
  '~~old approach~~ replaced.',
  '',
  '```ts',
  'const timeout = 30_000;',
  '```',
].join('\n');

describe('Markdown', () => {
  it('renders a pull request summary with its table, task list, strikethrough and code block', () => {
    const html = render(PR_SUMMARY);
    expect(tags(html)).toEqual(
      expect.arrayContaining([
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'ul',
        'li',
        'input',
        'del',
        'pre',
      ]),
    );
    // Each row's cells, with inline code kept as code.
    expect(html).toContain('<td><code>src/login.ts</code></td>');
    expect(html).toMatch(/<th[^>]*>Change<\/th>/);
    // Task items are checkboxes the reader cannot change: one ticked, one not.
    expect(html.match(/<input[^>]*type="checkbox"[^>]*>/g)).toHaveLength(2);
    expect(
      html.match(/<input[^>]*checked=""[^>]*disabled=""[^>]*>|<input[^>]*disabled=""[^>]*checked=""[^>]*>/g),
    ).toHaveLength(1);
    expect(html).toContain('<del>old approach</del>');
    expect(html).toContain(
      '<pre class="md-code"><code class="language-ts">const timeout = 30_000;\n</code></pre>',
    );
    // The table scrolls inside its own frame.
    expect(html).toContain('<div class="md-table"><table>');
  });

  it('shows raw HTML as text, never as elements', () => {
    const html = render('<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> <b>bold</b>');
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('img');
    expect(tags(html)).not.toContain('b');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('makes http(s) links open outside the window and leaves other links as plain text', () => {
    const html = render(
      '[PR](https://github.com/acme/api/pull/1), [bad](javascript:alert(1)), [data](data:text/html,x), ' +
        '[local](file:///etc/passwd), [route](#/settings) and https://example.com/docs.',
    );
    const links = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(links).toEqual([
      '<a href="https://github.com/acme/api/pull/1" target="_blank" rel="noreferrer">',
      '<a href="https://example.com/docs" target="_blank" rel="noreferrer">',
    ]);
    expect(html).not.toContain('javascript:');
    for (const text of ['bad', 'data', 'local', 'route']) {
      expect(html).toContain(`<span class="md-link-dropped">${text}</span>`);
    }
  });

  it('shows an image as its description, without loading it', () => {
    const html = render('![the build graph](https://example.com/graph.png)');
    expect(tags(html)).not.toContain('img');
    expect(html).toContain('the build graph');
  });

  it('places headings below the page’s own by the offset, keeping their style', () => {
    expect(render('# Title\n\n## Part', 2)).toBe(
      '<div class="markdown"><h3 class="md-h md-h1">Title</h3>\n<h4 class="md-h md-h2">Part</h4></div>',
    );
    expect(render('#### Deep', 3)).toContain('<h6 class="md-h md-h4">Deep</h6>');
  });

  it('keeps deeply nested quotes and lists readable instead of overflowing the stack', () => {
    const quotes = render('>'.repeat(1000) + ' deep quote');
    expect(quotes.match(/<blockquote>/g)).toHaveLength(MAX_NESTING);
    expect(quotes).toContain('deep quote');
    const lists = render('- '.repeat(400) + 'deep item');
    expect(lists.match(/<li>/g)).toHaveLength(MAX_NESTING);
    expect(lists).toContain('deep item');
  });
});
