import { AppFrame } from '@renderer/components/AppFrame';
import { AutomationPage } from '@renderer/features/automation/AutomationPage';
import { NoTokenScreen } from '@renderer/features/connect/NoTokenScreen';
import { QueuePage } from '@renderer/features/queue/QueuePage';
import { ReviewPage } from '@renderer/features/reviews/ReviewPage';
import { ReviewsPage } from '@renderer/features/reviews/ReviewsPage';
import { RunnersPage } from '@renderer/features/runners/RunnersPage';
import { RunsPage } from '@renderer/features/runs/RunsPage';
import { SettingsPage } from '@renderer/features/settings/SettingsPage';
import { navPage, useRoute, type Route } from '@renderer/lib/route';
import { trackHistoryDepth } from '@renderer/lib/history-depth';
import { PaletteLaunchers } from '@renderer/features/palette/PaletteLaunchers';
import { PaletteLayer } from '@renderer/features/palette/PaletteLayer';
import { useWindowHotkeys } from '@renderer/features/palette/use-window-hotkeys';
import { QuickDispatch } from '@renderer/features/quick/QuickDispatch';
import { RunPage } from '@renderer/features/run/RunPage';
import { TaskPage } from '@renderer/features/task/TaskPage';
import { useDocumentTheme } from '@renderer/lib/theme';
import { useEffect } from 'react';
import { useConnectionStore } from '@renderer/stores/connection';
import { useSettingsStore } from '@renderer/stores/settings';

function PageView({ route }: { route: Route }) {
  switch (route.page) {
    case 'task':
      return <TaskPage key={route.taskId} taskId={route.taskId} />;
    case 'run':
      return <RunPage key={route.dispatchId} dispatchId={route.dispatchId} />;
    case 'quick':
      return null;
    case 'queue':
      return <QueuePage />;
    case 'runs':
      return <RunsPage />;
    case 'automation':
      return <AutomationPage />;
    case 'review':
      return <ReviewPage key={route.reviewId} reviewId={route.reviewId} />;
    // One element for both, so focusing the URL field does not remount the page.
    case 'reviews':
    case 'new-review':
      return <ReviewsPage focusUrl={route.page === 'new-review'} />;
    case 'runners':
      return <RunnersPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function App() {
  const route = useRoute();
  const theme = useSettingsStore((s) => s.settings?.theme ?? 'system');
  const unauthorized = useConnectionStore((s) => s.unauthorized);
  useDocumentTheme(theme);
  useEffect(trackHistoryDepth, []);
  useWindowHotkeys(route);

  if (unauthorized) return <NoTokenScreen rejected />;
  // The tray's small window: one field, no frame or navigation.
  if (route.page === 'quick') return <QuickDispatch />;
  return (
    <AppFrame page={navPage(route)} tools={<PaletteLaunchers />}>
      <PageView route={route} />
      <PaletteLayer />
    </AppFrame>
  );
}
