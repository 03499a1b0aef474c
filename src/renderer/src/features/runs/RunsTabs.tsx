import { AUTOMATION_HREF, hrefFor } from '@renderer/lib/route';

const TABS = [
  { id: 'runs', label: 'All runs', href: hrefFor('runs') },
  { id: 'automation', label: 'Pull request automation', href: AUTOMATION_HREF },
] as const;

/** The two views under Runs in the navigation: every run, and the automation's decisions. */
export function RunsTabs({ current }: { current: (typeof TABS)[number]['id'] }) {
  return (
    <nav className="page-tabs" aria-label="Runs views">
      {TABS.map((tab) => (
        <a
          key={tab.id}
          className="page-tab"
          href={tab.href}
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
