import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch, Task } from '@shared/contract';
import { EVENT_IPC_PREFIX } from '@shared/contract';
import { app, recorded, type BrowserWindow, type StubMenuItem } from '../../support/electron-stub';
import { makeTempDir } from '../../support/temp-dir';
import { runDesktopApp, type DesktopApp } from '../../../src/main/electron/app';

let dir: ReturnType<typeof makeTempDir>;
let desktop: DesktopApp;

type Handler = (
  event: { senderFrame: { url: string } },
  input: unknown,
) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

async function start(): Promise<DesktopApp> {
  recorded.reset();
  recorded.userDataDir = dir.path;
  const started = await runDesktopApp();
  if (!started) throw new Error('no app');
  return started;
}
const mainWindow = () => recorded.windows[0]!;
const call = (channel: string, input: unknown, window: BrowserWindow = mainWindow()) =>
  (recorded.handlers.get(channel) as Handler)({ senderFrame: { url: window.loadedUrl! } }, input);
const menuItems = (): StubMenuItem[] => recorded.trays[0]!.menu!.items;
const click = (label: string) => {
  const item = menuItems().find((i) => i.label === label);
  if (!item?.click)
    throw new Error(
      `no menu item ${label}: ${menuItems()
        .map((i) => i.label)
        .join(', ')}`,
    );
  item.click();
};

beforeEach(async () => {
  dir = makeTempDir('sortie-desktop-');
  desktop = await start();
  await call('projects.upsert', {
    name: 'api',
    aliases: ['backend'],
    repoUrl: 'https://github.com/acme/api',
    gitUrl: 'git@github.com:acme/api.git',
  });
  await call('runners.upsert', { name: 'box', host: 'box.invalid', shellPrelude: 'export PATH=$PATH' });
});
afterEach(() => {
  desktop.dispose();
  dir.remove();
});

describe('tray', () => {
  it('offers quick dispatch, a review, the runs, pause, open and quit', () => {
    const labels = menuItems().map((i) => i.label ?? i.type);
    expect(labels).toEqual([
      'Quick dispatch…',
      'Review a pull request…',
      'separator',
      'Active runs',
      'No active runs',
      'separator',
      'Recently finished',
      'Nothing finished yet',
      'separator',
      'Pause queue',
      'Open Sortie',
      'Quit',
    ]);
    expect(recorded.trays[0]!.image).toMatchObject({ path: expect.stringMatching(/tray-idle\.png$/) });
  });

  it('pauses the queue so nothing starts, and resumes it', async () => {
    click('Pause queue');
    desktop.tray.refresh();
    expect(menuItems().some((i) => i.label === 'Resume queue')).toBe(true);
    const task = (
      await call('tasks.create', { projectId: desktop.core.repos.projects.list()[0]!.id, title: 'Wait' })
    ).value as Task;
    const queued = (await call('dispatches.queue', { taskId: task.id })).value as Dispatch;
    await new Promise((r) => setTimeout(r, 100));
    expect(desktop.core.repos.dispatches.get(queued.id)?.status).toBe('queued');
    desktop.tray.refresh();
    expect(menuItems().some((i) => i.label?.startsWith('Wait — queued'))).toBe(true);
    expect(recorded.trays[0]!.image).toMatchObject({ path: expect.stringMatching(/tray-running\.png$/) });
  });

  it('focuses a run in the window when its menu entry is clicked', async () => {
    const task = (
      await call('tasks.create', { projectId: desktop.core.repos.projects.list()[0]!.id, title: 'Look' })
    ).value as Task;
    desktop.core.services.runs.scheduler.pause();
    const queued = (await call('dispatches.queue', { taskId: task.id })).value as Dispatch;
    desktop.tray.refresh();
    click('Look — queued');
    const sent = mainWindow().webContents.sent.filter((m) => m.channel === `${EVENT_IPC_PREFIX}ui.navigate`);
    expect(sent.at(-1)?.args[0]).toEqual({ href: `#/run/${queued.id}` });
  });
});

describe('reviews from the tray', () => {
  const navigations = (window: BrowserWindow = mainWindow()) =>
    window.webContents.sent.filter((m) => m.channel === `${EVENT_IPC_PREFIX}ui.navigate`);

  it('shows the Reviews page with its URL field focused in the open window', () => {
    mainWindow().hide();
    click('Review a pull request…');
    expect(mainWindow().visible).toBe(true);
    expect(navigations().at(-1)?.args[0]).toEqual({ href: '#/newreview' });
    expect(recorded.windows).toHaveLength(1);
  });

  it('opens a new window right there when the old one is gone', () => {
    const old = mainWindow();
    old.destroyed = true;
    old.emit('closed');
    click('Review a pull request…');
    const fresh = recorded.windows.at(-1)!;
    expect(fresh).not.toBe(old);
    expect(fresh.loadedUrl).toMatch(/#\/newreview$/);
    expect(navigations(fresh)).toEqual([]);
  });
});

describe('quick dispatch', () => {
  it('opens a small frameless window on the quick view, which captures a task and queues its run', async () => {
    desktop.core.services.runs.scheduler.pause();
    click('Quick dispatch…');
    const quick = desktop.quickDispatchWindow()!;
    const options = quick as unknown as BrowserWindow;
    expect(options.options).toMatchObject({ frame: false, alwaysOnTop: true, width: 560 });
    expect((options.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(options.loadedUrl).toMatch(/#\/quick$/);
    const result = await call(
      'tasks.capture',
      { note: 'backend prio high fix the login timeout', queue: true },
      options,
    );
    expect(result.ok).toBe(true);
    const { task, dispatch } = result.value as { task: Task; dispatch: Dispatch };
    expect(task).toMatchObject({ title: 'fix the login timeout', priority: 'high', source: 'tray' });
    expect(dispatch).toMatchObject({ taskId: task.id, status: 'queued' });
  });

  it('creates nothing for an unknown project', async () => {
    click('Quick dispatch…');
    const result = await call(
      'tasks.capture',
      { note: 'web fix it', queue: true },
      desktop.quickDispatchWindow()! as unknown as BrowserWindow,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(desktop.core.repos.tasks.list({ includeClosed: true })).toEqual([]);
  });
});

describe('notifications', () => {
  async function finishRun(status: 'succeeded' | 'failed' | 'blocked', pr: string | null = null) {
    const task = (
      await call('tasks.create', {
        projectId: desktop.core.repos.projects.list()[0]!.id,
        title: `Outcome ${status}`,
      })
    ).value as Task;
    const run = desktop.core.repos.dispatches.create({ taskId: task.id, runnerId: null, agent: 'codex' });
    desktop.core.repos.dispatches.update(run.id, { status: 'preparing' });
    desktop.core.repos.dispatches.update(run.id, { status: 'running' });
    // The outcome is recorded as every run's is; heard of again later, it is not announced again.
    const { recorder } = desktop.core.services.runs;
    const done = recorder.update(run.id, {
      status,
      summary: `It ${status}.`,
      errorText: status === 'failed' ? 'tests failed' : '',
      pullRequestUrl: pr,
    });
    recorder.update(run.id, { notes: 'read again' });
    desktop.core.bus.publish('dispatch.updated', { dispatch: done });
    return done;
  }

  it('shows one per final outcome, with the PR as an action and the run on click', async () => {
    const pr = 'https://github.com/acme/api/pull/7';
    const done = await finishRun('succeeded', pr);
    await finishRun('failed');
    await finishRun('blocked');
    expect(recorded.notifications.map((n) => n.options.title)).toEqual([
      'Done: Outcome succeeded',
      'Failed: Outcome failed',
      'Blocked: Outcome blocked',
    ]);
    expect(recorded.notifications[1]!.options.body).toBe('tests failed');
    const first = recorded.notifications[0]!;
    expect(first.options.actions).toHaveLength(1);
    first.emit('action');
    expect(recorded.opened).toEqual([pr]);
    first.emit('click');
    const sent = mainWindow().webContents.sent.filter((m) => m.channel === `${EVENT_IPC_PREFIX}ui.navigate`);
    expect(sent.at(-1)?.args[0]).toEqual({ href: `#/run/${done.id}` });
  });

  it('opens the review of a review run on click, and the submitted review from its action', () => {
    const reviewId = `rev_${'0'.repeat(19)}1`;
    const url = 'https://github.com/acme/api/pull/7#pullrequestreview-1';
    desktop.core.bus.publish('notification', {
      id: 'review-done',
      level: 'success',
      title: 'Review of acme/api#7 submitted',
      body: 'Two findings.',
      dispatchId: `dsp_${'0'.repeat(19)}1`,
      taskId: null,
      reviewId,
      url,
    });
    const shown = recorded.notifications.at(-1)!;
    expect(shown.options.actions).toEqual([{ type: 'button', text: 'Open review on GitHub' }]);
    shown.emit('click');
    const sent = mainWindow().webContents.sent.filter((m) => m.channel === `${EVENT_IPC_PREFIX}ui.navigate`);
    expect(sent.at(-1)?.args[0]).toEqual({ href: `#/reviews/${reviewId}` });
    shown.emit('action');
    expect(recorded.opened).toEqual([url]);
  });

  it('does not repeat after the shell restarts on the same database', async () => {
    const done = await finishRun('succeeded');
    expect(recorded.notifications).toHaveLength(1);
    desktop.dispose();
    desktop = await start();
    desktop.core.bus.publish('dispatch.updated', { dispatch: desktop.core.repos.dispatches.get(done.id)! });
    expect(recorded.notifications).toHaveLength(0);
  });

  it('stays quiet when switched off in the settings', async () => {
    await call('settings.update', { notificationsEnabled: false });
    await finishRun('failed');
    expect(recorded.notifications).toHaveLength(0);
  });

  it('warns once when passphrases cannot be protected by a keychain', async () => {
    desktop.dispose();
    recorded.reset();
    recorded.userDataDir = dir.path;
    recorded.storageBackend = 'basic_text';
    const started = await runDesktopApp();
    desktop = started!;
    expect(recorded.notifications.map((n) => n.options.title)).toEqual([
      'Passphrases are not protected by a keychain',
    ]);
  });
});

describe('window and lifecycle', () => {
  it('opens only https links of the project forge in the system browser', () => {
    const open = mainWindow().webContents.windowOpenHandler!;
    expect(open({ url: 'https://github.com/acme/api/pull/7' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://github.com/acme/api' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://evil.example/phish' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(recorded.opened).toEqual(['https://github.com/acme/api/pull/7']);
  });

  it('focuses the running instance when Sortie is launched again, and a second instance quits', async () => {
    mainWindow().hide();
    app.emit('second-instance');
    expect(mainWindow().visible).toBe(true);
    const quitsBefore = recorded.quitCalls;
    recorded.singleInstance = false;
    expect(await runDesktopApp()).toBeNull();
    expect(recorded.quitCalls).toBe(quitsBefore + 1);
    recorded.singleInstance = true;
  });

  it('keeps running in the tray when the window is closed', () => {
    mainWindow().close();
    expect(mainWindow().isDestroyed()).toBe(false);
    expect(mainWindow().visible).toBe(false);
  });

  it('says active runs keep going before quitting, and can be cancelled', async () => {
    desktop.core.services.runs.scheduler.pause();
    const task = (
      await call('tasks.create', { projectId: desktop.core.repos.projects.list()[0]!.id, title: 'Long' })
    ).value as Task;
    await call('dispatches.queue', { taskId: task.id });
    recorded.messageBoxResponse = 1;
    const quitsBefore = recorded.quitCalls;
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    await new Promise((r) => setTimeout(r, 10));
    expect(prevented).toBe(true);
    expect(String(recorded.messageBoxes[0]?.message)).toMatch(/1 run will keep running on its runner/);
    expect(recorded.quitCalls).toBe(quitsBefore);
    recorded.messageBoxResponse = 0;
    expect(await desktop.requestQuit()).toBe(true);
    expect(recorded.quitCalls).toBe(quitsBefore + 1);
  });
});
