/** Narrows a <select>'s string value to one of its known options. */
export function pick<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((option) => option === value);
}
