import { AppFrame } from '@renderer/components/AppFrame';
import { NoTokenScreen } from '@renderer/features/connect/NoTokenScreen';
import { QueuePage } from '@renderer/features/queue/QueuePage';
import { ReviewsPage } from '@renderer/features/reviews/ReviewsPage';
import { RunnersPage } from '@renderer/features/runners/RunnersPage';
import { RunsPage } from '@renderer/features/runs/RunsPage';
import { SettingsPage } from '@renderer/features/settings/SettingsPage';
import { usePage, type Page } from '@renderer/lib/route';
import { useDocumentTheme } from '@renderer/lib/theme';
import { useConnectionStore } from '@renderer/stores/connection';
import { useSettingsStore } from '@renderer/stores/settings';

function PageView({ page }: { page: Page }) {
  switch (page) {
    case 'queue':
      return <QueuePage />;
    case 'runs':
      return <RunsPage />;
    case 'reviews':
      return <ReviewsPage />;
    case 'runners':
      return <RunnersPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function App() {
  const page = usePage();
  const theme = useSettingsStore((s) => s.settings?.theme ?? 'system');
  const unauthorized = useConnectionStore((s) => s.unauthorized);
  useDocumentTheme(theme);

  if (unauthorized) return <NoTokenScreen rejected />;
  return (
    <AppFrame page={page}>
      <PageView page={page} />
    </AppFrame>
  );
}
