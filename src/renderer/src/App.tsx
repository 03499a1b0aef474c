import { AppFrame } from '@renderer/components/AppFrame';
import { AutomationPage } from '@renderer/features/automation/AutomationPage';
import { NoTokenScreen } from '@renderer/features/connect/NoTokenScreen';
import { QueuePage } from '@renderer/features/queue/QueuePage';
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
import { useDocumentTheme } from '@renderer/lib/theme';
import { Activity, lazy, Suspense, useEffect, useState } from 'react';
import { useConnectionStore } from '@renderer/stores/connection';
import { useSettingsStore } from '@renderer/stores/settings';

// The pages of one task, run or review carry the heavy parts (diff view and its highlighting,
// terminal, Markdown): loaded when first opened, or when the window is idle after it starts, so
// the queue's first render does not wait for them.
const loadTaskPage = () => import('@renderer/features/task/TaskPage');
const loadRunPage = () => import('@renderer/features/run/RunPage');
const loadReviewPage = () => import('@renderer/features/reviews/ReviewPage');
const TaskPage = lazy(() => loadTaskPage().then((m) => ({ default: m.TaskPage })));
const RunPage = lazy(() => loadRunPage().then((m) => ({ default: m.RunPage })));
const ReviewPage = lazy(() => loadReviewPage().then((m) => ({ default: m.ReviewPage })));

/** Loads the lazy pages once the window has settled (its lists in), so the first render has the CPU. */
function preloadPages(): () => void {
  let idle: number | undefined;
  const timer = setTimeout(() => {
    const load = () =>
      void Promise.all([loadTaskPage(), loadRunPage(), loadReviewPage()]).catch(() => undefined);
    if (window.requestIdleCallback) idle = window.requestIdleCallback(load, { timeout: 2000 });
    else load();
  }, 3000);
  return () => {
    clearTimeout(timer);
    if (idle !== undefined) window.cancelIdleCallback(idle);
  };
}

function PageView({ route }: { route: Route }) {
  switch (route.page) {
    case 'task':
      return <TaskPage key={route.taskId} taskId={route.taskId} />;
    case 'run':
      return <RunPage key={route.dispatchId} dispatchId={route.dispatchId} />;
    case 'quick':
      return null;
    case 'queue':
      // Kept mounted by KeptQueue.
      return null;
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

/**
 * The Queue stays mounted once shown, hidden while another page is (React's Activity: its DOM and
 * state are kept, its effects such as hotkeys stop): coming back to it shows the board already
 * drawn instead of building thousands of cards' lanes and DOM again. It comes after the page
 * shown, so the document's first heading is always the visible page's.
 */
function KeptQueue({ shown }: { shown: boolean }) {
  const [kept, setKept] = useState(shown);
  if (shown && !kept) setKept(true);
  if (!kept) return null;
  return (
    <Activity mode={shown ? 'visible' : 'hidden'}>
      <QueuePage />
    </Activity>
  );
}

export function App() {
  const route = useRoute();
  const theme = useSettingsStore((s) => s.settings?.theme ?? 'system');
  const unauthorized = useConnectionStore((s) => s.unauthorized);
  useDocumentTheme(theme);
  useEffect(trackHistoryDepth, []);
  useEffect(preloadPages, []);
  useWindowHotkeys(route);

  if (unauthorized) return <NoTokenScreen rejected />;
  // The tray's small window: one field, no frame or navigation.
  if (route.page === 'quick') return <QuickDispatch />;
  return (
    <AppFrame page={navPage(route)} tools={<PaletteLaunchers />}>
      <Suspense fallback={null}>
        <PageView route={route} />
        <KeptQueue shown={route.page === 'queue'} />
      </Suspense>
      <PaletteLayer />
    </AppFrame>
  );
}
