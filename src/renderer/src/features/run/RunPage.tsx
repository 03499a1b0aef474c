import { PageHeader } from '@renderer/components/PageHeader';

/** One run's live view (filled in by the window issue). */
export function RunPage({ dispatchId }: { dispatchId: string }) {
  return <PageHeader title={`Run ${dispatchId}`} />;
}
