import { beforeAll, describe, expect, it } from 'vitest';
import { ipcRenderer, recorded } from '../../support/electron-stub';

interface Bridge {
  invoke(channel: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
let bridge: Bridge;

beforeAll(async () => {
  recorded.reset();
  await import('../../../src/preload/index');
  bridge = recorded.exposed.get('sortie') as Bridge;
});

describe('preload bridge', () => {
  it('exposes only invoke and on', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels and refuses any other name before IPC', async () => {
    await bridge.invoke('tasks.list', {});
    expect(ipcRenderer.invoked.at(-1)).toEqual({ channel: 'tasks.list', input: {} });
    const before = ipcRenderer.invoked.length;
    const refused = await bridge.invoke('fs.readFile', { path: '/etc/passwd' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(ipcRenderer.invoked.length).toBe(before);
  });

  it('delivers contract events until unsubscribed and refuses unknown events', () => {
    const seen: unknown[] = [];
    const off = bridge.on('task.changed', (p) => seen.push(p));
    ipcRenderer.emit('event:task.changed', {}, { taskId: 'x' });
    off();
    ipcRenderer.emit('event:task.changed', {}, { taskId: 'y' });
    expect(seen).toEqual([{ taskId: 'x' }]);
    expect(() => bridge.on('process.exit', () => {})).toThrow(/no event/);
  });
});
