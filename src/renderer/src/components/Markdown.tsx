import { createElement, memo, type ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { remarkLimitNesting } from './markdown-depth';

export interface MarkdownProps {
  source: string;
  /** Added to heading levels, so a summary's "# Title" sits below the page's own headings. */
  headingOffset?: number;
  className?: string;
}

/**
 * A link target the window may follow: an absolute http(s) URL without spaces or control
 * characters. Everything else (javascript:, data:, file:, relative paths, fragments) is dropped,
 * and its text stays as plain text.
 */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (!/^https?:\/\//i.test(href)) return null;
  for (const ch of href) if (ch.charCodeAt(0) <= 0x20 || ch === '\u007f') return null;
  return href;
}

/** react-markdown's URL hook: only safe links survive, as '' the rest become plain text below. */
function keepSafeUrl(url: string): string {
  return safeHref(url) ?? '';
}

const PLUGINS = [remarkGfm, remarkLimitNesting];

function headingComponents(offset: number): Components {
  const headings: Components = {};
  for (const level of [1, 2, 3, 4, 5, 6] as const) {
    headings[`h${level}`] = ({ node: _node, ...props }) =>
      createElement(`h${Math.min(6, level + offset)}`, { ...props, className: `md-h md-h${level}` });
  }
  return headings;
}

/**
 * Links open outside the window (the desktop shell's handler admits only https pages of the
 * user's forges; a browser opens a new tab). An unsafe link is only its text.
 */
function Link({ node: _node, href, children, ...props }: ComponentProps<'a'> & { node?: unknown }) {
  const safe = href ? safeHref(href) : null;
  if (!safe) return <span className="md-link-dropped">{children}</span>;
  return (
    <a {...props} href={safe} target="_blank" rel="noreferrer">
      {children}
    </a>
  );
}

const BASE_COMPONENTS: Components = {
  a: Link,
  // Images would load from anywhere: their description is shown instead.
  img: ({ alt }) => (alt ? <span className="md-image-alt">{alt}</span> : null),
  pre: ({ node: _node, ...props }) => <pre {...props} className="md-code" />,
  // Wide tables scroll inside their own frame rather than widening the page.
  table: ({ node: _node, ...props }) => (
    <div className="md-table">
      <table {...props} />
    </div>
  ),
};

const componentsByOffset = new Map<number, Components>();

function componentsFor(offset: number): Components {
  let components = componentsByOffset.get(offset);
  if (!components) {
    components = { ...BASE_COMPONENTS, ...headingComponents(offset) };
    componentsByOffset.set(offset, components);
  }
  return components;
}

/**
 * Renders Markdown (CommonMark with GitHub's tables, task lists, strikethrough and autolinks) as
 * React elements. Raw HTML is never interpreted: it shows as the text it is.
 */
export const Markdown = memo(function Markdown({ source, headingOffset = 0, className }: MarkdownProps) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown
        remarkPlugins={PLUGINS}
        components={componentsFor(headingOffset)}
        urlTransform={keepSafeUrl}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
});
