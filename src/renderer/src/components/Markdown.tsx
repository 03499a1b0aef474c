import { createElement, memo, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

export interface MarkdownProps {
  source: string;
  /** Added to heading levels, so a summary's "# Title" sits below the page's own headings. */
  headingOffset?: number;
  className?: string;
}

/**
 * Renders Markdown as React elements (never as HTML strings): the `renderMarkdown` boundary.
 * Links open in the system browser.
 */
export const Markdown = memo(function Markdown({ source, headingOffset = 0, className }: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      {renderBlocks(blocks, headingOffset)}
    </div>
  );
});

/** The same tree as `Markdown`, for callers that place the nodes themselves. */
export function renderMarkdown(source: string, headingOffset = 0): ReactNode {
  return renderBlocks(parseMarkdown(source), headingOffset);
}

function renderBlocks(blocks: readonly Block[], offset: number): ReactNode[] {
  return blocks.map((block, i) => renderBlock(block, offset, i));
}

function renderBlock(block: Block, offset: number, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      const level = Math.min(6, block.level + offset);
      return createElement(
        `h${level}`,
        { key, className: `md-h md-h${block.level}` },
        renderInline(block.children),
      );
    }
    case 'paragraph':
      return <p key={key}>{renderInline(block.children)}</p>;
    case 'code':
      return (
        <pre key={key} className="md-code" data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
    case 'quote':
      return <blockquote key={key}>{renderBlocks(block.children, offset)}</blockquote>;
    case 'list': {
      const items = block.items.map((item, i) => {
        // A tight item (one paragraph) shows its text without a paragraph around it.
        const only = item.children.length === 1 ? item.children[0] : undefined;
        const body =
          only?.type === 'paragraph' ? renderInline(only.children) : renderBlocks(item.children, offset);
        return (
          <li key={i} className={item.checked === null ? undefined : 'md-task'}>
            {item.checked === null ? null : (
              <span className="md-check" role="img" aria-label={item.checked ? 'Done' : 'Not done'}>
                {item.checked ? '☑' : '☐'}
              </span>
            )}
            {body}
          </li>
        );
      });
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
  }
}

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'break':
        return <br key={i} />;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'strike':
        return <s key={i}>{renderInline(node.children)}</s>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noreferrer">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}
