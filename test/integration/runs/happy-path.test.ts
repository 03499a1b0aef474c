import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '@shared/contract';
import { LAUNCH_PHASES } from '@shared/domain/dispatch';
import { readFakeState } from '../../support/fake-cli/github-fixture';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture();
});
afterAll(() => f.close());

/** Every distinct (status, phase) a run went through, as windows saw them. */
function recordTransitions() {
  const updates: Dispatch[] = [];
  const off = f.core.bus.subscribe((name, payload) => {
    if (name === 'dispatch.updated') updates.push((payload as { dispatch: Dispatch }).dispatch);
  });
  const seenFor = (id: string) => {
    const seen: { status: string; phase: string }[] = [];
    for (const d of updates.filter((u) => u.id === id)) {
      const last = seen.at(-1);
      if (!last || last.status !== d.status || last.phase !== d.phase)
        seen.push({ status: d.status, phase: d.phase });
    }
    return seen;
  };
  return { seenFor, off };
}

describe.each(['codex', 'claude'] as const)('a run with %s', (agent) => {
  it('goes queued -> every launch phase -> running -> succeeded with the PR, worktree and prompt in place', async () => {
    f.outcome('success');
    const task = await f.newTask(`Add a health check (${agent})`, {
      summary: 'Return **200** on `/health`.',
    });
    const { seenFor, off } = recordTransitions();
    const queued = await f.call('dispatches.queue', { taskId: task.id, agent });
    expect(queued).toMatchObject({ status: 'queued', agent, branch: `sortie/${queued.id}` });
    const done = await f.waitFor(queued.id, ['succeeded', 'failed', 'blocked', 'canceled']);
    off();
    const seen = seenFor(queued.id);
    expect(done.status, done.errorText).toBe('succeeded');
    expect(done.pullRequestUrl).toMatch(/^https:\/\/github\.com\/acme\/api\/pull\/\d+$/);
    expect(done.finishedAt).not.toBeNull();

    const phases = seen.filter((s) => s.status === 'preparing').map((s) => s.phase);
    expect(phases).toEqual([...LAUNCH_PHASES]);
    expect(seen.map((s) => s.status)).toContain('running');
    expect(seen.at(-1)?.status).toBe('succeeded');

    const worktree = f.remotePath(done.worktreePath);
    expect(f.sshd.runAsUser(['git', '-C', worktree, 'rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe(
      done.branch,
    );
    const detail = await f.call('dispatches.get', { id: done.id });
    expect(readFileSync(join(f.remotePath(done.runDir), 'prompt.md'), 'utf8')).toBe(detail.prompt);
    expect(detail.prompt).toContain('Return **200** on `/health`.');
    expect(JSON.parse(detail.resultSchema)).toMatchObject({ type: 'object' });
    // A task runs in the user's own repository, with its settings (a review does not: reviews.test.ts).
    expect(readFakeState(f.sshd, f.homes).lastArgs).not.toContain('--setting-sources');

    const page = await f.call('dispatches.events', { dispatchId: done.id });
    const agentKinds = new Set(page.events.filter((e) => e.kind === 'agent').map((e) => e.data.kind));
    expect(agentKinds).toContain('message');
    expect(agentKinds).toContain('command');
    expect(agentKinds).toContain('file-change');
    // The timeline: every launch phase, then the agent's own work.
    expect(page.events.filter((e) => e.kind === 'phase').map((e) => e.data.phase)).toEqual([
      ...LAUNCH_PHASES,
      'running',
    ]);
  });
});

it('delivers hostile task text to the remote prompt byte-exact and runs none of it', async () => {
  f.outcome('success');
  const canary = join(f.sshd.home, 'canary-prompt');
  const title = `Fix "quotes" and 'single' $(touch ${canary}) \`touch ${canary}\` ünïcødé ✓`;
  const summary = `Line one\n$(touch ${canary})\n\`touch ${canary}\`\n; rm -rf / #\n日本語 — done`;
  const task = await f.newTask(title, { summary });
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const done = await f.waitFor(queued.id, ['succeeded', 'failed', 'blocked', 'canceled']);
  expect(done.status, done.errorText).toBe('succeeded');
  const remotePrompt = readFileSync(join(f.remotePath(done.runDir), 'prompt.md'), 'utf8');
  expect(remotePrompt).toContain(title);
  expect(remotePrompt).toContain(summary);
  expect(existsSync(canary)).toBe(false);
});

it('gives every agent of the project its description, in the prompt on the runner', async () => {
  f.outcome('success');
  const description = 'Acme API: a Go service. Run `make test` before pushing; never edit `vendor/`.';
  const { createdAt: _c, updatedAt: _u, ...fields } = f.project;
  await f.call('projects.upsert', { ...fields, description });
  try {
    const task = await f.newTask('Speed up the health check');
    const queued = await f.call('dispatches.queue', { taskId: task.id });
    const done = await f.waitFor(queued.id, ['succeeded', 'failed', 'blocked', 'canceled']);
    const remotePrompt = readFileSync(join(f.remotePath(done.runDir), 'prompt.md'), 'utf8');
    expect(remotePrompt).toContain(`## About this project\n\n${description}`);
  } finally {
    await f.call('projects.upsert', fields);
  }
});
