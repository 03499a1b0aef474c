/**
 * Text from a runner (agent output, command output, summaries) as the terminal may show it: an
 * escape sequence or a carriage return in it could move the cursor, recolour the screen or
 * overwrite the outcome line, so every control character but newline and tab is shown as a
 * visible stand-in (ESC as ␛, others as \xNN).
 */
export function visibleText(text: string): string {
  // C0 controls except \t and \n, DEL, and C1 controls.
  // eslint-disable-next-line no-control-regex -- the control characters are what this finds
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) =>
    c === '\x1b' ? '␛' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
