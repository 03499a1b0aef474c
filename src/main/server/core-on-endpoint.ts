import { createApi, type Router } from '../api';
import { createCore, type Core, type CoreOptions } from '../core/core';
import { createApiRoutes } from './api-routes';
import { claimLocalEndpoint, type LocalEndpoint } from './local-endpoint';

export interface CoreOnEndpoint {
  readonly core: Core;
  readonly router: Router;
  /** The data directory's local endpoint, already answering with the router. */
  readonly endpoint: LocalEndpoint;
}

/**
 * How every Sortie starts (the desktop app, the headless host, a command's own core): it takes
 * the data directory's endpoint first (throwing EndpointInUse, before the database is opened,
 * when another Sortie holds the directory), then opens the core there and answers the
 * `sortie` command line with the same router as its own transport. The core is not started.
 */
export async function openCoreOnEndpoint(options: CoreOptions): Promise<CoreOnEndpoint> {
  const endpoint = await claimLocalEndpoint(options.dataDir);
  let core: Core;
  try {
    core = createCore(options);
  } catch (error) {
    await endpoint.close();
    throw error;
  }
  const router = createApi(core);
  endpoint.serve(createApiRoutes({ router, bus: core.bus, logger: core.logger }));
  return { core, router, endpoint };
}
