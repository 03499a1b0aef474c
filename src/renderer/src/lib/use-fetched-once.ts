import { useEffect, useState } from 'react';

/**
 * What `fetch(id)` answered, read once while `needed` (e.g. while a store does not hold the
 * thing): null before the answer, after a failure, or when it is for another id. `fetch` must
 * not change between renders (a module-level function).
 */
export function useFetchedOnce<T extends { id: string }>(
  id: string | null,
  needed: boolean,
  fetch: (id: string) => Promise<T>,
): T | null {
  const [fetched, setFetched] = useState<T | null>(null);
  useEffect(() => {
    if (!needed || id === null) return;
    let current = true;
    fetch(id)
      .then((value) => {
        if (current) setFetched(value);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [needed, id, fetch]);
  return fetched?.id === id ? fetched : null;
}
