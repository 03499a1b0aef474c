/**
 * Links leave the app only for https URLs on a forge the user's projects live on (GitHub by
 * default): a pull request, a repository. Anything else is refused.
 */
export function forgeHosts(repoUrls: readonly string[]): Set<string> {
  const hosts = new Set(['github.com']);
  for (const url of repoUrls) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:') hosts.add(parsed.hostname.toLowerCase());
    } catch {
      // Not a URL (an ssh remote): nothing to allow.
    }
  }
  return hosts;
}

export function isAllowedExternalUrl(url: string, hosts: ReadonlySet<string>): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && hosts.has(parsed.hostname.toLowerCase());
  } catch {
    return false;
  }
}
