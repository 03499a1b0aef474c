import { useRef } from 'react';
import { NO_OUTPUT } from '@shared/domain/iterate';
import { plural } from '@renderer/lib/format';

/** Lines of output, not counting the newline that ends the last one. */
export function lineCount(output: string): number {
  if (output === '' || output === NO_OUTPUT) return 0;
  return output.replace(/\n$/, '').split('\n').length;
}

/**
 * An eval's output (stdout and stderr merged, only its end kept when long), folded by default.
 * Opened, it shows its end: that is where failures are reported.
 */
export function EvalOutput({ output, open = false }: { output: string; open?: boolean }) {
  const pre = useRef<HTMLPreElement>(null);
  const lines = lineCount(output);
  if (lines === 0) return <p className="muted eval-no-output">No output.</p>;
  return (
    <details
      className="eval-output"
      open={open}
      onToggle={(event) => {
        if (event.currentTarget.open && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
      }}
    >
      <summary>Output ({plural(lines, 'line')})</summary>
      <pre ref={pre} className="eval-output-text" tabIndex={0} aria-label="Eval output">
        {output}
      </pre>
    </details>
  );
}
