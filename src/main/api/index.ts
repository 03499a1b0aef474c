import type { Core } from '../core/core';
import { createHandlers } from './handlers';
import { createRouter, type Router } from './router';

export type { Router } from './router';

/** The router every transport (Electron IPC, headless HTTP) serves. */
export function createApi(core: Core): Router {
  return createRouter(createHandlers(core.services), core.logger);
}
