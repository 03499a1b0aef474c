import { describe, expect, it } from 'vitest';
import { commandAsMeant } from '../../../src/main/core/agents/shell-command';

// Command strings as `codex exec --json` reports them in command_execution items, with the
// command a person reading the run expects to see.
const CORPUS: [reported: string, meant: string][] = [
  [`bash -lc 'ls -la'`, 'ls -la'],
  [`/bin/bash -lc 'git status --short'`, 'git status --short'],
  [`/usr/bin/bash -lc 'sed -n 1,80p src/app.ts'`, 'sed -n 1,80p src/app.ts'],
  // A single quote inside the script, as Codex quotes it: close, "'", reopen.
  [`bash -lc 'git commit -m '"'"'feat: x'"'"''`, `git commit -m 'feat: x'`],
  [
    `bash -lc 'git add -A && git commit -m '"'"'fix(api): don'"'"'"'"'"'"'"'"'t retry twice'"'"''`,
    `git add -A && git commit -m 'fix(api): don'"'"'t retry twice'`,
  ],
  [`bash -lc 'cd packages/web && npm test -- --run'`, 'cd packages/web && npm test -- --run'],
  [`bash -lc 'rg -n "renderWidget" src | head -20'`, 'rg -n "renderWidget" src | head -20'],
  [`bash -lc 'npm run lint || true; echo done'`, 'npm run lint || true; echo done'],
  // Variables inside the single-quoted script are shown as written, never expanded.
  [`bash -lc 'echo "$HOME" && ls \${TMPDIR:-/tmp}'`, 'echo "$HOME" && ls ${TMPDIR:-/tmp}'],
  [
    `bash -lc 'cat > notes.md <<'"'"'EOF'"'"'\n# Notes\nIt'"'"'s done.\nEOF'`,
    `cat > notes.md <<'EOF'\n# Notes\nIt's done.\nEOF`,
  ],
  [`bash -lc "python3 -c 'print(1+1)'"`, `python3 -c 'print(1+1)'`],
  // macOS runners: Codex uses the user's shell.
  [`/bin/zsh -lc 'pnpm install --frozen-lockfile'`, 'pnpm install --frozen-lockfile'],
  [`/bin/zsh -lc "echo \\"hi\\" && echo $HOME"`, 'echo "hi" && echo $HOME'],
  [`zsh -lc 'ls *.ts'`, 'ls *.ts'],
  [`sh -c 'make -j4'`, 'make -j4'],
];

// What is not exactly `<shell> -c <script>` is shown as it came.
const UNTOUCHED = [
  'git status',
  `bash -lc 'ls' | tee out.txt`,
  `bash script.sh`,
  `python3 -c 'print(1)'`,
  `bash -lc 'unterminated`,
  `bash -lc "git log --oneline -n 5`,
  `bash -x -c 'ls'`,
  '["bash","-lc","ls"]',
  '',
];

describe('the command an agent meant', () => {
  it.each(CORPUS)('%s', (reported, meant) => {
    expect(commandAsMeant(reported)).toBe(meant);
  });

  it.each(UNTOUCHED)('leaves %j as it is', (command) => {
    expect(commandAsMeant(command)).toBe(command);
  });
});
