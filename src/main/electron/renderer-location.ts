import { join } from 'node:path';
import { APP_INDEX_URL } from './app-scheme';

export interface RendererLocation {
  /** What the window loads. */
  readonly url: string;
  /** The built renderer's folder, served on the app's scheme; null under the dev server. */
  readonly builtDir: string | null;
  /** Whether a frame at `frameUrl` is the app's own renderer (and so may use the IPC bridge). */
  isTrusted(frameUrl: string | undefined): boolean;
}

/**
 * In development electron-vite serves the renderer at ELECTRON_RENDERER_URL; otherwise it is the
 * built index.html next to the main bundle, loaded on the app's own scheme (app-scheme.ts).
 */
export function rendererLocation(
  mainDir: string,
  devUrl: string | undefined,
  packaged: boolean,
): RendererLocation {
  if (devUrl && !packaged) {
    const origin = new URL(devUrl).origin;
    return {
      url: devUrl,
      builtDir: null,
      isTrusted: (frameUrl) => frameUrl !== undefined && safeOrigin(frameUrl) === origin,
    };
  }
  return {
    url: APP_INDEX_URL,
    builtDir: join(mainDir, '../renderer'),
    // The page itself, whatever its route (hash) or query: no other file of the folder.
    isTrusted: (frameUrl) => frameUrl !== undefined && stripHashAndQuery(frameUrl) === APP_INDEX_URL,
  };
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function stripHashAndQuery(url: string): string {
  return url.replace(/[?#].*$/, '');
}
