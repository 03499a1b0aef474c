const STORAGE_KEY = 'sortie.token';

/**
 * The headless host prints `http://127.0.0.1:PORT/?token=...`. Take the token from the address
 * once, keep it for this tab only, and remove it from the address bar and history.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

export function forgetToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
