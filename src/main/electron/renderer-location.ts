import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** What the window loads. */
  readonly url: string;
  /** Whether a frame at `frameUrl` is the app's own renderer (and so may use the IPC bridge). */
  isTrusted(frameUrl: string | undefined): boolean;
}

/**
 * In development electron-vite serves the renderer at ELECTRON_RENDERER_URL; packaged, it is
 * the built index.html next to the main bundle.
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
      isTrusted: (frameUrl) => frameUrl !== undefined && safeOrigin(frameUrl) === origin,
    };
  }
  const file = pathToFileURL(join(mainDir, '../renderer/index.html')).href;
  return {
    url: file,
    isTrusted: (frameUrl) => frameUrl !== undefined && stripHashAndQuery(frameUrl) === file,
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
