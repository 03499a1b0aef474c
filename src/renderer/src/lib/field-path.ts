/** Normalises a field path from the core ('aliases[1]', 'auth/keyPath', 'auth.keyPath'). */
export function normaliseFieldPath(path: string): string {
  return path
    .split(/[.[\]/]+/)
    .filter((part) => part !== '')
    .join('.');
}

/**
 * Which of a form's fields an error's `field` belongs to: the field itself, or the closest
 * enclosing one ('aliases.2' belongs to 'aliases'). Null when the form has no such field.
 */
export function matchField<F extends string>(field: string | undefined, known: readonly F[]): F | null {
  if (field === undefined || field === '') return null;
  let path = normaliseFieldPath(field);
  for (;;) {
    const hit = known.find((k) => k === path);
    if (hit !== undefined) return hit;
    const dot = path.lastIndexOf('.');
    if (dot === -1) return null;
    path = path.slice(0, dot);
  }
}
