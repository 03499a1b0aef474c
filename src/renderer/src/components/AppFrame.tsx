import type { ReactNode } from 'react';
import { hrefFor, type Page } from '@renderer/lib/route';
import { useConnectionStore, type ConnectionStatus } from '@renderer/stores/connection';
import { Toasts } from './Toasts';

const NAV: readonly { page: Page; label: string }[] = [
  { page: 'queue', label: 'Queue' },
  { page: 'runs', label: 'Runs' },
  { page: 'reviews', label: 'Reviews' },
  { page: 'runners', label: 'Runners' },
  { page: 'settings', label: 'Settings' },
];

const STATUS_LABELS: Record<ConnectionStatus, string> = {
  ipc: 'Connected',
  live: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
};

function ConnectionBadge() {
  const status = useConnectionStore((s) => s.status);
  return (
    <p className={`connection connection-${status}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {STATUS_LABELS[status]}
    </p>
  );
}

export interface AppFrameProps {
  page: Page;
  /** Under the navigation: ways to the window's tools (the command palette). */
  tools?: ReactNode;
  children: ReactNode;
}

export function AppFrame({ page, tools, children }: AppFrameProps) {
  return (
    <div className="app">
      {/* The hash holds the page, so the skip link moves focus itself instead of navigating. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">Sortie</div>
        <nav aria-label="Main">
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.page}>
                <a
                  className="nav-link"
                  href={hrefFor(item.page)}
                  aria-current={item.page === page ? 'page' : undefined}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {tools}
        <ConnectionBadge />
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <Toasts />
    </div>
  );
}
