import { isWebUrl, pullRequestLabel } from '@renderer/stores/run-labels';

/**
 * A link to GitHub with a ↗ (left out where room is short); the desktop shell opens web links in
 * the system browser.
 */
function GitHubLink({
  url,
  text,
  label,
  arrow = true,
}: {
  url: string;
  text: string;
  label: string;
  arrow?: boolean;
}) {
  return (
    <a className="pr-link" href={url} target="_blank" rel="noreferrer" title={url} aria-label={label}>
      {text}
      {arrow ? <span aria-hidden="true"> ↗</span> : null}
    </a>
  );
}

/** A run's pull request: "PR #3 ↗", or "#3" where room is short (its name stays "PR #3 of …"). */
export function PullRequestLink({
  url,
  context,
  short = false,
}: {
  url: string;
  context?: string;
  short?: boolean;
}) {
  const label = pullRequestLabel(url);
  if (!isWebUrl(url)) return <span className="pr-link mono">{url}</span>;
  const text = short ? label.replace(/^PR /, '') : label;
  return (
    <GitHubLink url={url} text={text} label={context ? `${label} of ${context}` : label} arrow={!short} />
  );
}

/** A review submitted on GitHub, as "Review ↗"; `of` names its pull request for screen readers. */
export function SubmittedReviewLink({ url, of }: { url: string; of: string }) {
  return <GitHubLink url={url} text="Review" label={`Submitted review of ${of}`} />;
}
