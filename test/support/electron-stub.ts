/**
 * A stand-in for the `electron` module (the Electron binary cannot be downloaded on the build
 * machines). It implements the few APIs the shell uses and records what the shell registers,
 * so wiring tests can assert on it. Aliased as `electron` in the unit test project only.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export const recorded = {
  userDataDir: '',
  trays: [] as Tray[],
  notifications: [] as Notification[],
  opened: [] as string[],
  shortcuts: new Map<string, Listener>(),
  messageBoxes: [] as Record<string, unknown>[],
  messageBoxResponse: 0,
  encryptionAvailable: true,
  storageBackend: 'gnome_libsecret',
  handlers: new Map<string, Listener>(),
  windows: [] as BrowserWindow[],
  exposed: new Map<string, unknown>(),
  headersHook: null as Listener | null,
  permissionHandler: null as Listener | null,
  singleInstance: true,
  quitCalls: 0,
  /** Whether whenReady was called: like Electron, schemes may be made privileged only before. */
  ready: false,
  privilegedSchemes: [] as { scheme: string; privileges?: Record<string, boolean> }[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  reset() {
    this.trays.length = 0;
    this.notifications.length = 0;
    this.opened.length = 0;
    this.shortcuts.clear();
    this.messageBoxes.length = 0;
    this.messageBoxResponse = 0;
    this.encryptionAvailable = true;
    this.storageBackend = 'gnome_libsecret';
    this.handlers.clear();
    this.windows.length = 0;
    this.exposed.clear();
    this.headersHook = null;
    this.permissionHandler = null;
    this.singleInstance = true;
    this.quitCalls = 0;
    this.ready = false;
    this.privilegedSchemes.length = 0;
    this.protocolHandlers.clear();
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
    recorded.ready = true;
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

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]) {
    if (recorded.ready)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    if (recorded.protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    recorded.protocolHandlers.set(scheme, handler);
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
  hide() {
    this.visible = false;
  }
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
  }
}

export class Tray extends EventEmitter {
  image: unknown;
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;
  constructor(image: unknown) {
    super();
    this.image = image;
    recorded.trays.push(this);
  }
  setImage(image: unknown) {
    this.image = image;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: Menu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export interface StubMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export class Menu {
  constructor(readonly items: StubMenuItem[]) {}
  static buildFromTemplate(template: StubMenuItem[]) {
    return new Menu(template);
  }
}

export const nativeImage = {
  createFromPath: (path: string) => ({ path }),
};

export class Notification extends EventEmitter {
  shown = false;
  constructor(readonly options: { title: string; body: string; actions?: unknown[] }) {
    super();
  }
  static isSupported() {
    return true;
  }
  show() {
    this.shown = true;
    recorded.notifications.push(this);
  }
}

export const shell = {
  openExternal(url: string) {
    recorded.opened.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showMessageBox(options: Record<string, unknown>) {
    recorded.messageBoxes.push(options);
    return Promise.resolve({ response: recorded.messageBoxResponse });
  },
};

export const globalShortcut = {
  register(accelerator: string, listener: Listener) {
    recorded.shortcuts.set(accelerator, listener);
    return true;
  },
  unregisterAll() {
    recorded.shortcuts.clear();
  },
};

export const powerMonitor = new EventEmitter();

export const net = { isOnline: () => true };

export const safeStorage = {
  isEncryptionAvailable: () => recorded.encryptionAvailable,
  getSelectedStorageBackend: () => recorded.storageBackend,
  // Reversible but not plain text, as the real one is.
  encryptString: (plain: string) =>
    Buffer.from(Buffer.from(plain, 'utf8').toString('base64').split('').reverse().join('')),
  decryptString: (data: Buffer) =>
    Buffer.from(data.toString().split('').reverse().join(''), 'base64').toString('utf8'),
};

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

export default {
  app,
  ipcMain,
  protocol,
  BrowserWindow,
  session,
  contextBridge,
  ipcRenderer,
  Tray,
  Menu,
  nativeImage,
  Notification,
  shell,
  dialog,
  globalShortcut,
  powerMonitor,
  net,
  safeStorage,
};
