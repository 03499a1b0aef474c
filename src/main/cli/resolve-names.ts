import { ID_KINDS, ID_PATTERN, type IdKind } from '@shared/domain/ids';
import type { Runner } from '@shared/contract';
import { ApiError, type SortieSession } from './session';

/** A runner by its name or id, as `--runner` takes it. */
export async function runnerNamed(session: SortieSession, nameOrId: string): Promise<Runner> {
  const runners = await session.call('runners.list', {});
  const found = runners.find((r) => r.name === nameOrId || r.id === nameOrId);
  if (found) return found;
  const names = runners.map((r) => r.name).join(', ');
  throw new ApiError(
    'NOT_FOUND',
    names
      ? `no runner named "${nameOrId}" (runners: ${names})`
      : `no runner named "${nameOrId}": add one first`,
  );
}

/** Whether a word is an id of this kind (anything else `sortie run` takes as a capture line). */
export function isIdOf(kind: IdKind, word: string): boolean {
  return ID_PATTERN.test(word) && word.startsWith(`${ID_KINDS[kind]}_`);
}
