import type { Logger } from '../core/logger';
import { openCoreOnEndpoint } from '../server/core-on-endpoint';
import { ApiError, type SortieSession } from './session';

/**
 * Runs the core in this process on `dataDir` for one command, holding the data directory's
 * endpoint meanwhile (so a second command talks to this one, and no other Sortie starts on it).
 * `start`: also run the scheduler and the monitor, for commands that follow a run to its end.
 * Throws EndpointInUse when another Sortie holds the directory.
 */
export async function ownCoreSession(
  dataDir: string,
  options: { start: boolean; logger: Logger; onLingering(): void },
): Promise<SortieSession> {
  const { core, router, endpoint } = await openCoreOnEndpoint({ dataDir, logger: options.logger });
  if (options.start) core.start();
  let closed = false;
  return {
    kind: 'own',
    dataDir,
    async call(channel, input) {
      const envelope = await router.call(channel, input);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      return envelope.value as never;
    },
    async listen(listener) {
      return core.bus.subscribe(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      // Another command may be following a run through this core: it keeps the core until done.
      const unused = endpoint.unused();
      let lingering = true;
      void unused.then(() => (lingering = false));
      await Promise.resolve();
      if (lingering) options.onLingering();
      await unused;
      await endpoint.close();
      core.close();
    },
  };
}
