import { useEffect } from 'react';
import type { Theme } from '@shared/domain/settings';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Puts the resolved theme on <html data-theme>, following the OS while the setting is 'system'. */
export function useDocumentTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset.theme = theme;
      return;
    }
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      root.dataset.theme = media.matches ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
