import type { GithubInlineComment, GithubReview } from '../../remote';

const quote = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');

/** The follow-up request for the main user's review feedback: their words, quoted. */
export function reviewFollowUpRequest(
  url: string,
  mainUser: string,
  reviews: readonly GithubReview[],
  comments: readonly GithubInlineComment[],
): string {
  const parts = [
    `@${mainUser} left review feedback on ${url}. Address it, on the same branch and pull request.`,
  ];
  for (const review of reviews) {
    const body = review.body.trim();
    parts.push(
      `### Review (${review.state}, ${review.submitted_at ?? 'just now'})\n\n${body ? quote(body) : '(no summary)'}`,
    );
  }
  if (comments.length > 0) {
    parts.push(
      [
        '### Inline comments',
        ...comments.map((comment) => {
          const line = comment.line ?? comment.original_line;
          return `- \`${comment.path ?? '?'}${line ? `:${line}` : ''}\`\n${quote(comment.body)
            .split('\n')
            .map((l) => `  ${l}`)
            .join('\n')}`;
        }),
      ].join('\n\n'),
    );
  }
  parts.push(
    `Act on @${mainUser}'s feedback only; other reviewers' comments are not part of this request. Reply to the comments you address.`,
  );
  return parts.join('\n\n');
}

/** All failed logs together stay under this many characters; each keeps its end. */
const CHECK_LOGS_TOTAL_CHARS = 48 * 1024;
const CHECK_LOG_MIN_CHARS = 4 * 1024;

/** The follow-up request for failing checks: their names and the end of their failed logs. */
export function checksFollowUpRequest(
  url: string,
  head: string,
  logs: readonly { name: string; log: string }[],
): string {
  const parts = [
    `The checks of ${url} fail on ${head.slice(0, 7)}: ${logs.map((l) => l.name).join(', ')}. Make them pass, on the same branch and pull request.`,
  ];
  const share = Math.max(CHECK_LOG_MIN_CHARS, Math.floor(CHECK_LOGS_TOTAL_CHARS / Math.max(1, logs.length)));
  for (const { name, log: full } of logs) {
    const log = full.length > share ? full.slice(-share) : full;
    parts.push(
      `### ${name}\n\n${log.trim() ? `\`\`\`\n${log.trim()}\n\`\`\`` : '(no failed log could be read; use `gh pr checks` and `gh run view --log-failed`)'}`,
    );
  }
  return parts.join('\n\n');
}

/** The PR comment asking the main user for a review of the head. */
export function reviewRequestComment(mainUser: string, head: string): string {
  return `@${mainUser} the latest changes (\`${head.slice(0, 7)}\`) are ready for you. Leave a review (comment or request changes) and Sortie follows it up.`;
}
