/** At most the last `lines` lines and `chars` characters of command output, '' when blank. */
export function outputTail(output: string, lines = 20, chars = 2000): string {
  const trimmed = output.replace(/\s+$/, '');
  if (trimmed === '') return '';
  const kept = trimmed.split('\n').slice(-lines).join('\n');
  return kept.length > chars ? `…${kept.slice(kept.length - chars + 1)}` : kept;
}

/** Text cut to `max` characters with an ellipsis. */
export function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
