import { execFile } from 'node:child_process';
import { appendFileSync } from 'node:fs';

export interface Row {
  name: string;
  sortieMs: number;
  opensshMs: number;
  note?: string;
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Runs a command with stdin, rejecting on a non-zero exit. */
export function runCommand(file: string, args: string[], input?: Buffer | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr.toString()}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end(input ?? '');
  });
}

/**
 * Prints rows side by side; ratio = the comparison's time / Sortie's. `columns` renames the two
 * time columns when the comparison is not the OpenSSH client (e.g. a renderer without windowing).
 */
export function printTable(
  title: string,
  rows: Row[],
  columns: { sortie: string; other: string } = { sortie: 'Sortie', other: 'OpenSSH' },
): void {
  const lines = [
    '',
    title,
    `${'step'.padEnd(42)} ${columns.sortie.padStart(10)} ${columns.other.padStart(10)} ${'ratio'.padStart(8)}`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(42)} ${`${r.sortieMs.toFixed(1)} ms`.padStart(10)} ${`${r.opensshMs.toFixed(1)} ms`.padStart(10)} ${`${(r.opensshMs / r.sortieMs).toFixed(1)}x`.padStart(8)}${r.note ? `  ${r.note}` : ''}`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/** One goal of issue 13's table: met when the value is on the right side of the goal. */
export interface GoalRecord {
  name: string;
  value: number;
  goal: number;
  unit: string;
  /** 'lower': met when value <= goal (times, bytes); 'higher': when value >= goal (ratios). */
  better: 'lower' | 'higher';
}

export function goalMet(record: GoalRecord): boolean {
  return record.better === 'lower' ? record.value <= record.goal : record.value >= record.goal;
}

/**
 * Records a measure next to its goal for the closing `bench: N of M goals met` line (see
 * bench-summary.ts, which names the file in SORTIE_BENCH_GOALS), and returns whether it is met.
 */
export function recordGoal(
  name: string,
  value: number,
  goal: number,
  unit: string,
  better: 'lower' | 'higher' = 'lower',
): boolean {
  const record: GoalRecord = { name, value, goal, unit, better };
  const file = process.env.SORTIE_BENCH_GOALS;
  if (file) appendFileSync(file, JSON.stringify(record) + '\n');
  return goalMet(record);
}
