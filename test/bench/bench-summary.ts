import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goalMet, type GoalRecord } from './measure';

// Global setup of the bench project: every bench file records its measures next to their goals
// (measure.ts recordGoal) in one file; after the last one, the goals are printed together with
// the line `bench: N of M goals met`.
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'sortie-bench-goals-'));
  const file = join(dir, 'goals.jsonl');
  process.env.SORTIE_BENCH_GOALS = file;
  return () => {
    let records: GoalRecord[] = [];
    try {
      records = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as GoalRecord);
    } catch {
      // No bench file recorded a goal.
    }
    rmSync(dir, { recursive: true, force: true });
    const format = (value: number, unit: string) =>
      `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`.trim();
    const lines = [
      '',
      'Goals (issue 13)',
      `${'measure'.padEnd(58)} ${'now'.padStart(12)} ${'goal'.padStart(14)}  met`,
      ...records.map(
        (r) =>
          `${r.name.padEnd(58)} ${format(r.value, r.unit).padStart(12)} ${`${r.better === 'lower' ? '<=' : '>='} ${format(r.goal, r.unit)}`.padStart(14)}  ${goalMet(r) ? 'yes' : 'NO'}`,
      ),
      '',
      `bench: ${records.filter(goalMet).length} of ${records.length} goals met`,
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  };
}
