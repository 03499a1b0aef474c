/**
 * Whether `check` holds within `timeoutMs`, looked at every 50 ms (and once more at the end):
 * for tests that wait on the runner's processes or files, which send no event.
 */
export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}
