import { PageHeader } from '@renderer/components/PageHeader';

/** One task: its text, follow-ups and run history (filled in by the window issue). */
export function TaskPage({ taskId }: { taskId: string }) {
  return <PageHeader title={`Task ${taskId}`} />;
}
