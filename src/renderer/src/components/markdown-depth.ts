/**
 * Agents write the summaries, so their Markdown is untrusted: a few thousand nested quotes or
 * list items would overflow the stack while rendering. This remark plugin keeps nesting to
 * MAX_NESTING containers (quotes and list items); what lies deeper becomes one paragraph of its
 * plain text.
 */

/** The shape of an mdast node, as much as this plugin reads. */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

export const MAX_NESTING = 16;

const CONTAINERS = new Set(['blockquote', 'listItem']);

/** The text under `node`, walked without recursion (the subtree may be arbitrarily deep). */
function plainText(node: MdNode): string {
  const parts: string[] = [];
  const stack: MdNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (typeof current.value === 'string') parts.push(current.value);
    if (current.children)
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function remarkLimitNesting() {
  return (tree: MdNode): void => {
    const stack: { node: MdNode; depth: number }[] = [{ node: tree, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      const inner = CONTAINERS.has(node.type) ? depth + 1 : depth;
      if (!node.children) continue;
      if (CONTAINERS.has(node.type) && inner >= MAX_NESTING) {
        node.children = [{ type: 'paragraph', children: [{ type: 'text', value: plainText(node) }] }];
        continue;
      }
      for (const child of node.children) stack.push({ node: child, depth: inner });
    }
  };
}
