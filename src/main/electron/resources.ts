import { join } from 'node:path';

/** Where the tray icons are: beside the app when packaged, in the repository in development. */
export function trayIconPath(packaged: boolean, resourcesPath: string, name: string): string {
  return packaged ? join(resourcesPath, 'tray', name) : join(__dirname, '../../resources/tray', name);
}
