import { afterAll, beforeAll, expect, it } from 'vitest';
import { TERMINAL_LEASE_MS } from '../../../src/main/core/services/terminals/service';
import { startRunFixture, type RunFixture } from '../../support/run-fixture';

let f: RunFixture;
beforeAll(async () => {
  f = await startRunFixture();
});
afterAll(() => f.close());

/** Everything terminal `id` printed so far, and whether (with what code) it ended. */
function watch(id: () => string) {
  let text = '';
  let exited: number | null | undefined;
  const off = f.core.bus.subscribe((name, payload) => {
    if (name === 'terminal.output' && (payload as { terminalId: string }).terminalId === id())
      text += (payload as { data: string }).data;
    if (name === 'terminal.exited' && (payload as { terminalId: string }).terminalId === id())
      exited = (payload as { exitCode: number | null }).exitCode;
  });
  return {
    off,
    text: () => text,
    exited: () => exited,
    async until(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in the terminal; it printed:\n${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

it('opens a shell in the run’s worktree after the runner’s prelude, resizes it, and ends it', async () => {
  f.outcome('success');
  const task = await f.newTask('Look around');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const run = await f.waitFor(queued.id, ['succeeded', 'failed', 'blocked', 'canceled'], 60_000);
  let terminalId = '';
  const screen = watch(() => terminalId);
  try {
    const opened = await f.call('terminals.open', { runId: run.id, cols: 80, rows: 24 });
    terminalId = opened.terminalId;
    const type = (text: string) =>
      f.call('terminals.input', { terminalId, data: Buffer.from(text, 'utf8').toString('base64') });
    expect(opened).toMatchObject({ runnerName: f.runner.name, cwd: run.worktreePath });
    expect(opened.sshCommand).toMatch(/^ssh -t( -p \d+)? '[^']+@[^']+' '.+exec "\$SHELL" -l'$/);

    // The prelude ran (it puts the fake CLIs on PATH), and the shell is in the worktree.
    await type('printf "at:%s\\n" "$(pwd -P)"; command -v codex\n');
    const worktree = f.sshd
      .runAsUser(['bash', '-c', 'cd "$1" && pwd -P', 'bash', f.remotePath(run.worktreePath)])
      .trim();
    await screen.until(new RegExp(`at:${worktree.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await screen.until(/\/codex\s/);

    await f.call('terminals.resize', { terminalId, cols: 132, rows: 40 });
    await type('echo "size:$(tput cols)x$(tput lines)"\n');
    await screen.until(/size:132x40/);

    // Keystrokes are bytes: Enter is a carriage return, as a terminal sends it.
    await type('exit 3\r');
    const deadline = Date.now() + 10_000;
    while (screen.exited() === undefined && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(screen.exited()).toBe(3);
    await expect(type('x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  } finally {
    screen.off();
  }
});

it('closes a terminal no window keeps alive, and opens at most two per runner', async () => {
  f.outcome('success');
  const task = await f.newTask('Two at most');
  const queued = await f.call('dispatches.queue', { taskId: task.id });
  const run = await f.waitFor(queued.id, ['succeeded', 'failed', 'blocked', 'canceled'], 60_000);
  const open = () => f.call('terminals.open', { runId: run.id, cols: 80, rows: 24 });
  const second = await open();
  const first = await open();
  const opened = Date.now();
  await expect(open()).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('close one'),
  });
  const ended: string[] = [];
  const off = f.core.bus.subscribe((name, payload) => {
    if (name === 'terminal.exited') ended.push((payload as { terminalId: string }).terminalId);
  });
  try {
    // The window keeps the first alive; the second is forgotten (its tab was closed). The sweep
    // runs as of a moment just past the second's lease.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await f.call('terminals.keepAlive', { terminalIds: [first.terminalId] })).toEqual({
      open: [first.terminalId],
    });
    f.core.services.terminals.closeForgotten(opened + TERMINAL_LEASE_MS + 700);
    const deadline = Date.now() + 10_000;
    while (!ended.includes(second.terminalId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(ended).toEqual([second.terminalId]);
    expect(
      await f.call('terminals.keepAlive', { terminalIds: [first.terminalId, second.terminalId] }),
    ).toEqual({
      open: [first.terminalId],
    });
    await f.call('terminals.close', { terminalId: first.terminalId });
  } finally {
    off();
  }
});

it('refuses bad input and runs without a worktree, changing nothing', async () => {
  const task = await f.newTask('Never run');
  await expect(
    f.call('terminals.open', { runId: 'dsp_00000000000000000000', cols: 80, rows: 24 }),
  ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(f.call('terminals.open', { runId: task.id, cols: 0, rows: 24 })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  });
  await expect(f.call('terminals.close', { terminalId: 'not an id' })).rejects.toMatchObject({
    code: 'VALIDATION_FAILED',
  });
});
