import { defaultDataDir } from '../core/data-dir';
import { sshNativeCrypto } from '../core/remote';
import { consoleLogger } from '../core/logger';
import { parseHostArgs } from './args';
import { startHeadlessHost } from './start';

/**
 * `npm run serve` and `sortie serve`: starts the headless host with these arguments, serving the
 * built renderer from `staticDir`, and keeps it until SIGINT or SIGTERM. Bad arguments exit 2, a
 * host that cannot start exits 1, each with one line saying why.
 */
export async function serveHeadless(argv: string[], staticDir: string): Promise<void> {
  let args;
  try {
    args = parseHostArgs(argv);
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
      staticDir,
      logger,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? ` (port ${args.port} is taken; pass --port 0 for a free one)` : '';
    const said = error instanceof Error ? error.message : String(error);
    console.error(`sortie: could not start the headless host: ${said}${hint}`);
    process.exit(1);
  }
  if (args.host !== '127.0.0.1' && args.host !== 'localhost' && args.host !== '::1') {
    console.warn(
      `sortie: listening on ${args.host}: anyone who can reach it and has the token can drive your runners.`,
    );
  }
  console.log(`Sortie headless host listening at ${host.url}`);
  console.log(`Data directory: ${dataDir}`);
  // Told once, where the host starts (the desktop app runs ssh2's fallback by design: Electron's
  // BoringSSL lacks what the binding links against; the CLI's own core makes few calls).
  if (!sshNativeCrypto()) {
    console.warn(
      'sortie: ssh2 runs without its compiled ciphers, so SSH calls cost more CPU. Rebuild it for this Node: `source scripts/ensure-node.sh && npm rebuild ssh2 cpu-features`.',
    );
  }
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
