import { FEEDBACK_OUTPUT_CAP_CHARS, NO_OUTPUT } from '@shared/domain/iterate';

/** Stdout then stderr, each trimmed; "(no output)" when both are empty. */
export function mergeEvalOutput(stdout: string, stderr: string): string {
  const parts = [stdout.trim(), stderr.trim()].filter((part) => part !== '');
  return parts.length === 0 ? NO_OUTPUT : parts.join('\n');
}

/**
 * What the next iteration (`iteration`, counted from 1) is told after the previous one's eval
 * failed: the template with its placeholders filled in, or Sortie's own words when there is none.
 */
export function evalFeedback(
  template: string,
  iteration: number,
  maxIterations: number,
  output: string,
): string {
  const clipped =
    output.length > FEEDBACK_OUTPUT_CAP_CHARS ? `…${output.slice(-FEEDBACK_OUTPUT_CAP_CHARS)}` : output;
  const evalOutput = clipped.trim() === '' ? NO_OUTPUT : clipped;
  if (template.trim() === '') {
    return [
      `Iteration ${iteration}/${maxIterations}: the eval command failed after the previous iteration. Its output:`,
      '',
      '```',
      evalOutput,
      '```',
      '',
      'Fix what it reports, keep the work on the same branch and pull request, and make the eval pass.',
    ].join('\n');
  }
  // One pass over the template: text that the output brings in is never replaced again.
  const values: Record<string, string> = {
    '{eval_output}': evalOutput,
    '{iteration}': String(iteration),
    '{max_iterations}': String(maxIterations),
  };
  return template.replace(
    /\{eval_output\}|\{iteration\}|\{max_iterations\}/g,
    (placeholder) => values[placeholder]!,
  );
}

/** The follow-up request of the next iteration: the feedback, then the original task. */
export function iterationRequest(feedback: string, task: { title: string; summary: string }): string {
  const original = [task.title, task.summary.trim()].filter((part) => part !== '').join('\n\n');
  return `${feedback}\n\n## Original task\n\n${original}`;
}
