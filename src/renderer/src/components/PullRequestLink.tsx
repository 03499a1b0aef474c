import { isWebUrl, pullRequestLabel } from '@renderer/stores/run-labels';

/** A link to GitHub with a ↗; the desktop shell opens web links in the system browser. */
function GitHubLink({ url, text, label }: { url: string; text: string; label: string }) {
  return (
    <a className="pr-link" href={url} target="_blank" rel="noreferrer" title={url} aria-label={label}>
      {text}
      <span aria-hidden="true"> ↗</span>
    </a>
  );
}

/** A run's pull request. */
export function PullRequestLink({ url, context }: { url: string; context?: string }) {
  const label = pullRequestLabel(url);
  if (!isWebUrl(url)) return <span className="pr-link mono">{url}</span>;
  return <GitHubLink url={url} text={label} label={context ? `${label} of ${context}` : label} />;
}

/** A review submitted on GitHub, as "Review ↗"; `of` names its pull request for screen readers. */
export function SubmittedReviewLink({ url, of }: { url: string; of: string }) {
  return <GitHubLink url={url} text="Review" label={`Submitted review of ${of}`} />;
}
