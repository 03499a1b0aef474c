import { runDesktopApp } from './app';

runDesktopApp().catch((error: unknown) => {
  console.error('sortie: the desktop app failed to start', error);
  process.exit(1);
});
