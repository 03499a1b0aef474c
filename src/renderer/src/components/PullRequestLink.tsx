import { isWebUrl, pullRequestLabel } from '@renderer/stores/run-labels';

/** A run's pull request; the desktop shell opens web links in the system browser. */
export function PullRequestLink({ url, context }: { url: string; context?: string }) {
  const label = pullRequestLabel(url);
  if (!isWebUrl(url)) return <span className="pr-link mono">{url}</span>;
  return (
    <a
      className="pr-link"
      href={url}
      target="_blank"
      rel="noreferrer"
      title={url}
      aria-label={context ? `${label} of ${context}` : label}
    >
      {label}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}
