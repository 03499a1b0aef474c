/** Pieces every prompt is made of. User text is copied as written: prompts travel as files. */

/** User text as written, without the blank lines around it that would break the layout. */
export function userText(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

export function section(heading: string, body: string): string {
  return `${heading}\n\n${userText(body)}`;
}

/** The section, or null when its text is blank. */
export function optionalSection(heading: string, body: string): string | null {
  return body.trim() === '' ? null : section(heading, body);
}

/**
 * The project's description, the context every agent working on it gets (what the project is,
 * its conventions, how to test it), or null when it has none.
 */
export function projectContext(description: string): string | null {
  return optionalSection('## About this project', description);
}

/** The last section of every prompt: the answer is the result schema's JSON, nothing else. */
export function finalAnswer(): string {
  return [
    '## Final answer',
    '',
    'Answer with JSON only, nothing before or after it, matching the provided schema exactly.',
  ].join('\n');
}

/** The non-null sections, as one markdown document. */
export function joinSections(sections: readonly (string | null)[]): string {
  return `${sections.filter((part): part is string => part !== null).join('\n\n')}\n`;
}
