import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { diffsForFiles } from '@renderer/features/changes/diff-files';
import { CHANGES_PATCH_CAP_BYTES } from '../../../src/main/core/services/changes/service';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture();
});
afterAll(() => f.close());

async function finishedRun(title: string): Promise<Dispatch> {
  f.outcome('success');
  const task = await f.newTask(title);
  const queued = await f.call('dispatches.queue', { taskId: task.id });
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
printf 'x\\n' > "$(printf 'tab\\tname.txt')" && git add -A -- "$(printf 'tab\\tname.txt')"
git mv FAKE_CHANGES.md "renamed file.md"`,
    'new notes ü.txt',
  );
  const changes = await f.call('dispatches.changes', { id: run.id });
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
  expect(byPath.get('tab\tname.txt')).toMatchObject({ additions: 1, deletions: 0 });
  // The window finds each text file's diff by the name the list gives, odd names included.
  const diffs = diffsForFiles(changes.patch, changes.files);
  for (const file of changes.files.filter((f) => !f.untracked && !f.binary)) {
    const inserted = diffs
      .get(file.path)
      ?.hunks.flatMap((h) => h.changes)
      .filter((c) => c.type === 'insert');
    expect(inserted?.length, file.path).toBe(file.additions);
  }
  const tabbed = diffs.get('tab\tname.txt')!;
  expect(tabbed.hunks[0]!.changes.map((c) => c.content)).toEqual(['x']);
  // The agent's commit, as git log shows it on the runner.
  const subject = inWorktree(run, 'git log -1 --format=%s').trim();
  expect(changes.commits[0]).toMatchObject({
    subject,
    sha: expect.stringMatching(/^[0-9a-f]{40}$/) as string,
  });
});

it('cuts a diff past its cap at a line end and still lists every file', async () => {
  const run = await finishedRun('A huge change');
  // 3 MB of text lines with multi-byte characters, then a small file after it.
  inWorktree(
    run,
    `awk 'BEGIN { for (i = 0; i < 60000; i++) printf "ünïcødé line %06d of a big generated file\\n", i }' > big.txt
printf 'small\\n' > z-small.txt && git add big.txt z-small.txt`,
  );
  const changes = await f.call('dispatches.changes', { id: run.id });
  expect(changes.patchTruncated).toBe(true);
  expect(Buffer.byteLength(changes.patch)).toBeLessThanOrEqual(CHANGES_PATCH_CAP_BYTES);
  expect(changes.patch.endsWith('\n')).toBe(true);
  expect(changes.patch).not.toContain('\uFFFD');
  expect(changes.files.map((file) => file.path)).toEqual(expect.arrayContaining(['big.txt', 'z-small.txt']));
});

it('says the worktree is gone once it was cleaned up, and refuses a run that does not exist', async () => {
  const run = await finishedRun('Cleaned up');
  f.sshd.runAsUser(['rm', '-rf', f.remotePath(run.worktreePath)]);
  const gone = await f.call('dispatches.changes', { id: run.id });
  expect(gone).toMatchObject({ worktreeGone: true, files: [], commits: [], patch: '' });
  const missing = await f.call('dispatches.changes', { id: 'dsp_00000000000000000000' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(missing).toMatchObject({ code: 'NOT_FOUND' });
});
