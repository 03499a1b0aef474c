import { z } from 'zod';
import { AppError } from '../../errors';

/**
 * The runner's project registry (a JSON file shared with the original tool's layout). It is
 * information for people and other tools: Sortie writes the checkout it computed there, and never
 * takes a path from it.
 */
const entrySchema = z.object({
  checkoutPath: z.string(),
  forkGitUrl: z.string(),
  repoUrl: z.string(),
  gitUrl: z.string(),
  baseBranch: z.string(),
  updatedAt: z.string(),
});
const registrySchema = z.object({ projects: z.record(z.string(), entrySchema) });
export type RemoteRegistry = z.infer<typeof registrySchema>;
export type RegistryEntry = z.infer<typeof entrySchema>;

export function parseRegistry(raw: Buffer | null, path: string): RemoteRegistry {
  if (raw === null || raw.toString('utf8').trim() === '') return { projects: {} };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new AppError(
      'REMOTE_FAILED',
      `The project registry ${path} on the runner is not valid JSON: ${String(error)}`,
    );
  }
  const parsed = registrySchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'REMOTE_FAILED',
      `The project registry ${path} on the runner has an unexpected shape.`,
    );
  }
  return parsed.data;
}

export function serializeRegistry(registry: RemoteRegistry): string {
  return JSON.stringify(registry, null, 2) + '\n';
}
