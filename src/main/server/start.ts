import type { AddressInfo } from 'node:net';
import type { Core } from '../core/core';
import type { Logger } from '../core/logger';
import { openCoreOnEndpoint } from './core-on-endpoint';
import { createHttpHost } from './http-host';
import { createTerminalSockets } from './terminal-socket';
import { loadOrCreateToken } from './token';

export interface HeadlessHost {
  readonly core: Core;
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface StartOptions {
  host: string;
  port: number;
  dataDir: string;
  staticDir: string;
  logger: Logger;
  /** Further names a browser may use to reach the host (`--allow-host`); `host` is always one. */
  allowedHosts?: readonly string[];
}

/**
 * Starts the core on the data directory with its two doors: the HTTP host (browser, token) and
 * the local endpoint (the `sortie` command line, a socket only the user may open). Throws
 * EndpointInUse, before the core opens the database, when another Sortie holds the directory.
 */
export async function startHeadlessHost(options: StartOptions): Promise<HeadlessHost> {
  const { core, router, endpoint } = await openCoreOnEndpoint({
    dataDir: options.dataDir,
    logger: options.logger,
  });
  const token = loadOrCreateToken(options.dataDir);
  const terminals = createTerminalSockets(core.services.terminals, options.logger);
  const server = createHttpHost({
    router,
    bus: core.bus,
    token,
    staticDir: options.staticDir,
    logger: options.logger,
    hostNames: [options.host, ...(options.allowedHosts ?? [])],
    terminals,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    core.close();
    await endpoint.close();
    throw error;
  }
  core.start();
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    core,
    port,
    token,
    url: `http://${shownHost}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        terminals.close();
        server.closeAllConnections();
        server.close(() => {
          void endpoint.close().then(() => {
            core.close();
            resolve();
          });
        });
      }),
  };
}
