import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lines of a JSONL fixture in ./fixtures. */
export function fixtureLines(name: string): string[] {
  return readFileSync(join(__dirname, 'fixtures', name), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}
