/**
 * A stand-in for the `electron` module (the Electron binary cannot be downloaded on the build
 * machines). It implements the few APIs the shell uses and records what the shell registers,
 * so wiring tests can assert on it. Aliased as `electron` in the unit test project only.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export const recorded = {
  userDataDir: '',
  handlers: new Map<string, Listener>(),
  windows: [] as BrowserWindow[],
  exposed: new Map<string, unknown>(),
  headersHook: null as Listener | null,
  permissionHandler: null as Listener | null,
  singleInstance: true,
  quitCalls: 0,
  reset() {
    this.handlers.clear();
    this.windows.length = 0;
    this.exposed.clear();
    this.headersHook = null;
    this.permissionHandler = null;
    this.singleInstance = true;
    this.quitCalls = 0;
    app.removeAllListeners();
    ipcRenderer.removeAllListeners();
  },
};

class App extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock() {
    return recorded.singleInstance;
  }
  whenReady() {
    return Promise.resolve();
  }
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`stub: getPath(${name}) is not supported`);
    return recorded.userDataDir;
  }
  quit() {
    recorded.quitCalls++;
  }
}
export const app = new App();

export const ipcMain = {
  handle(channel: string, listener: Listener) {
    if (recorded.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.handlers.set(channel, listener);
  },
  removeHandler(channel: string) {
    recorded.handlers.delete(channel);
  },
};

class WebContents extends EventEmitter {
  sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: Listener | null = null;
  destroyed = false;
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  loadedUrl: string | null = null;
  visible = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(hook: Listener) {
        recorded.headersHook = hook;
      },
    },
    setPermissionRequestHandler(handler: Listener) {
      recorded.permissionHandler = handler;
    },
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    recorded.exposed.set(key, api);
  },
};

class IpcRenderer extends EventEmitter {
  invoked: { channel: string; input: unknown }[] = [];
  invoke(channel: string, input: unknown) {
    this.invoked.push({ channel, input });
    return Promise.resolve({ ok: true, value: null });
  }
}
export const ipcRenderer = new IpcRenderer();

export default { app, ipcMain, BrowserWindow, session, contextBridge, ipcRenderer };
