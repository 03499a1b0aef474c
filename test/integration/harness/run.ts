import { execFile, spawnSync } from 'node:child_process';

export interface RunResult {
  /** Exit status, or null when killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell and resolves (never rejects) with its exit status and output. */
export function run(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env: env ?? process.env, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Pids whose command line contains `pattern` (as `pgrep -f`), excluding pgrep itself. */
export function pgrep(pattern: string): number[] {
  const out = spawnSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number);
}
