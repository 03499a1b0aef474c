import { createApi, type Router } from '../../src/main/api';
import { createCore, type Core } from '../../src/main/core/core';
import { makeTempDir } from './temp-dir';

/** A core on a fresh data directory and the router over it, as the desktop shell wires them. */
export function openApi(): { dir: ReturnType<typeof makeTempDir>; core: Core; router: Router } {
  const dir = makeTempDir();
  const core = createCore({ dataDir: dir.path, env: {} });
  return { dir, core, router: createApi(core) };
}

/** Calls a channel and answers its value; a refusal fails the test with the code and message. */
export async function callOk<T>(router: Router, channel: string, input?: unknown): Promise<T> {
  const result = await router.call(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
