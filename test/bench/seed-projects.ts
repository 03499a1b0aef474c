import type { Project, Runner } from '@shared/contract';
import type { Router } from '../../src/main/api';

/** Calls a channel of a bench's seeding core; an error answer throws with its message. */
function routerCall(router: Router) {
  return async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await router.call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
}

/**
 * The default runner and `count` projects the list benches seed their tasks into. Nothing
 * listens at the runner's address: a bench never starts a run there.
 */
export async function seedRunnerAndProjects(
  router: Router,
  count: number,
): Promise<{ runner: Runner; projects: Project[] }> {
  const call = routerCall(router);
  const runner = await call<Runner>('runners.upsert', {
    name: 'bench-box',
    host: '127.0.0.1',
    port: 9,
    shellPrelude: 'true',
    isDefault: true,
  });
  const projects: Project[] = [];
  for (let p = 0; p < count; p++) {
    projects.push(
      await call<Project>('projects.upsert', {
        name: `project-${p}`,
        repoUrl: `https://github.com/acme/project-${p}`,
        gitUrl: `git@github.com:acme/project-${p}.git`,
      }),
    );
  }
  return { runner, projects };
}
