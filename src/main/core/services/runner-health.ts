import type { RunnerHealth } from '@shared/contract';
import { notFound } from '../errors';
import type { EventBus } from '../events';
import type { RemotePool } from '../remote';
import type { Repositories } from '../repositories';

/**
 * Each runner's last known connection health, as the pool sees it, for the Runners page; and
 * Reconnect. Changes are published as `runner.health` events.
 */
export function createRunnerHealthService({
  repos,
  pool,
  bus,
}: {
  repos: Pick<Repositories, 'runners'>;
  pool: RemotePool;
  bus: EventBus;
}) {
  pool.onHealthChange((runnerId, health) => {
    // A removed runner's connection says goodbye too; nobody shows it any more.
    if (repos.runners.get(runnerId)) bus.publish('runner.health', { runnerId, ...health });
  });
  const healthOf = (runnerId: string): RunnerHealth => ({ runnerId, ...pool.health(runnerId) });
  return {
    list: (): RunnerHealth[] => repos.runners.list().map((runner) => healthOf(runner.id)),

    reconnect(runnerId: string): RunnerHealth {
      if (!repos.runners.get(runnerId)) throw notFound('Runner', runnerId);
      pool.reconnect(runnerId);
      return healthOf(runnerId);
    },
  };
}
