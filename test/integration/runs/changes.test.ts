import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BranchChanges, Dispatch } from '@shared/contract';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture();
});
afterAll(() => f.close());

async function finishedRun(title: string): Promise<Dispatch> {
  f.outcome('success');
  const task = await f.newTask(title);
  const queued = await f.call<Dispatch>('dispatches.queue', { taskId: task.id });
  const run = await f.waitFor(queued.id, ['succeeded', 'failed', 'blocked', 'canceled'], 60_000);
  expect(run.status, run.errorText).toBe('succeeded');
  return run;
}

/** Runs a shell script in the run's worktree as the remote user; arguments only as $1… */
function inWorktree(run: Dispatch, script: string, ...args: string[]): string {
  return f.sshd.runAsUser([
    'bash',
    '-c',
    `cd "$1" && shift && ${script}`,
    'bash',
    f.remotePath(run.worktreePath),
    ...args,
  ]);
}

it('lists what the branch changed against its base, committed or not, with counts, diff and commits', async () => {
  const run = await finishedRun('Show me the diff');
  // After the agent: an uncommitted edit, a new untracked file, a binary file, an awkward name.
  inWorktree(
    run,
    `printf 'one\\ntwo\\n' >> FAKE_CHANGES.md
printf 'hello\\n' > "$1"
printf '\\000\\001\\002' > blob.bin && git add blob.bin
git mv FAKE_CHANGES.md "renamed file.md"`,
    'new notes ü.txt',
  );
  const changes = await f.call<BranchChanges>('dispatches.changes', { id: run.id });
  expect(changes).toMatchObject({ runId: run.id, branch: run.branch, baseBranch: 'main' });
  expect(changes.baseSha).toMatch(/^[0-9a-f]{40}$/);
  expect(changes.headSha).toMatch(/^[0-9a-f]{40}$/);
  const byPath = new Map(changes.files.map((file) => [file.path, file]));
  expect(byPath.get('renamed file.md')).toMatchObject({ binary: false, untracked: false });
  expect(byPath.get('renamed file.md')!.additions).toBeGreaterThanOrEqual(2);
  expect(byPath.get('blob.bin')).toMatchObject({ binary: true, additions: null, deletions: null });
  expect(byPath.get('new notes ü.txt')).toMatchObject({ untracked: true });
  expect(changes.patch).toContain('diff --git');
  expect(changes.patch).toContain('+two');
  expect(changes.patchTruncated).toBe(false);
  // The agent's commit, as git log shows it on the runner.
  const subject = inWorktree(run, 'git log -1 --format=%s').trim();
  expect(changes.commits[0]).toMatchObject({
    subject,
    sha: expect.stringMatching(/^[0-9a-f]{40}$/) as string,
  });
});

it('says the worktree is gone once it was cleaned up, and refuses a run that does not exist', async () => {
  const run = await finishedRun('Cleaned up');
  f.sshd.runAsUser(['rm', '-rf', f.remotePath(run.worktreePath)]);
  const gone = await f.call<BranchChanges>('dispatches.changes', { id: run.id });
  expect(gone).toMatchObject({ worktreeGone: true, files: [], commits: [], patch: '' });
  const missing = await f.call('dispatches.changes', { id: 'dsp_00000000000000000000' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(missing).toMatchObject({ code: 'NOT_FOUND' });
});
