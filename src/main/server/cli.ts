import { join } from 'node:path';
import { defaultDataDir } from '../core/data-dir';
import { consoleLogger } from '../core/logger';
import { parseHostArgs } from './args';
import { startHeadlessHost } from './start';

async function main(): Promise<void> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const dataDir = args.dataDir ?? defaultDataDir();
  const logger = consoleLogger('sortie-serve');
  let host;
  try {
    host = await startHeadlessHost({
      host: args.host,
      port: args.port,
      dataDir,
      allowedHosts: args.allowedHosts,
      // Built next to this file by electron-vite: out/main/server.js and out/renderer/.
      staticDir: join(__dirname, '../renderer'),
      logger,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? ` (port ${args.port} is taken; pass --port 0 for a free one)` : '';
    console.error(`sortie: could not start the headless host: ${String(error)}${hint}`);
    process.exit(1);
  }
  if (args.host !== '127.0.0.1' && args.host !== 'localhost' && args.host !== '::1') {
    console.warn(
      `sortie: listening on ${args.host}: anyone who can reach it and has the token can drive your runners.`,
    );
  }
  console.log(`Sortie headless host listening at ${host.url}`);
  console.log(`Data directory: ${dataDir}`);
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
