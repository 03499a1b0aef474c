import { finalAnswer, joinSections, optionalSection, projectContext } from './sections';

export interface ReviewPromptInput {
  pullRequest: {
    url: string;
    title: string;
    repository: string;
    repoUrl: string;
    baseBranch: string;
  };
  /** The description of the project that has the repository ('' for a review without one). */
  projectDescription: string;
  branch: string;
  worktreePath: string;
  /** The commit this run reviews, exactly. */
  pinnedCommit: string;
  /** The GitHub user the review is for: its body's first line mentions them. */
  mainUser: string;
  /** Settings' default review prompt, as it was when the review was created or re-run. */
  defaultInstructions: string;
  extraInstructions: string;
  /** What the user asked for this re-review, '' for none. */
  request: string;
  /** The latest review an earlier run submitted, for a re-review. */
  previousReview: { url: string | null; id: string | null; pinnedCommit: string } | null;
}

/**
 * Marker the first-line rule is written with; the fake agents in test/support read the line
 * between the backticks that follow it.
 */
export const FIRST_LINE_RULE = 'The first line of the review body must be exactly:';

/** The line the review body starts with. */
export function reviewFirstLine(mainUser: string): string {
  return `@${mainUser} asked me to review this pull request.`;
}

/**
 * The prompt of a review run, in markdown. User text (instructions, requests) is copied as
 * written: the prompt travels as a file, never through a shell.
 */
export function buildReviewPrompt(input: ReviewPromptInput): string {
  const sections = [
    introduction(),
    pullRequest(input),
    projectContext(input.projectDescription),
    howToReview(input.mainUser),
    input.previousReview ? previousReview(input.previousReview, input.mainUser) : null,
    optionalSection('## Re-review request', input.request),
    optionalSection('## Review guidelines', input.defaultInstructions),
    optionalSection('## Extra instructions for this pull request', input.extraInstructions),
    finalAnswer(),
  ];
  return joinSections(sections);
}

function introduction(): string {
  return [
    '# Pull request review',
    '',
    'You are reviewing a pull request on GitHub, on your own: no one will answer questions during this run.',
    'The repository is checked out and a worktree at the commit to review is ready for you. You may use the filesystem and the network, and the GitHub CLI `gh` is installed and logged in.',
    'This run only reviews. Do not push commits, open or edit pull requests, or request reviews from anyone.',
    'Submitting the review on GitHub is your job, and it must be done before you give your final answer.',
  ].join('\n');
}

function pullRequest(input: ReviewPromptInput): string {
  const pr = input.pullRequest;
  return [
    '## Pull request',
    '',
    `- Pull request: ${pr.url}`,
    `- Title: ${pr.title}`,
    `- Repository: ${pr.repository} (${pr.repoUrl})`,
    `- Base branch: ${pr.baseBranch}`,
    `- Pinned commit: ${input.pinnedCommit}`,
    `- Local branch at that commit: ${input.branch}`,
    `- Worktree (your working directory): ${input.worktreePath}`,
  ].join('\n');
}

function howToReview(mainUser: string): string {
  return [
    '## How to review',
    '',
    '- Check first that the worktree is at the pinned commit (`git rev-parse HEAD`). If it is not, stop: do not review some other commit, and explain the mismatch in your final answer.',
    '- Read the change with `gh` and the code in the worktree; do not guess at what it does.',
    '- Look for bugs, regressions, risky changes in behaviour, edge cases and missing tests. Keep it short and concrete.',
    '- Submit exactly one GitHub review, in COMMENT mode (not APPROVE, not REQUEST_CHANGES), on the pinned commit.',
    `- ${FIRST_LINE_RULE} \`${reviewFirstLine(mainUser)}\``,
    '- Put findings about a particular file and line in inline comments, so they can be answered in their own threads; keep the overall verdict and larger risks for the review body.',
    '- When you find nothing worth changing, say so plainly in the review body.',
    '- When you cannot review responsibly, do not submit: explain what stopped you in your final answer.',
    "- Take the submitted review's id and URL from GitHub's answer and return them as `githubReviewId` and `githubReviewUrl`.",
    '- Set `reviewSubmitted` to true only once GitHub has confirmed the review was submitted.',
  ].join('\n');
}

function previousReview(
  previous: NonNullable<ReviewPromptInput['previousReview']>,
  mainUser: string,
): string {
  return [
    '## Your previous review of this pull request',
    '',
    previous.url ? `- Review: ${previous.url}` : null,
    previous.id ? `- Review id: ${previous.id}` : null,
    previous.pinnedCommit ? `- It reviewed commit: ${previous.pinnedCommit}` : null,
    '',
    'Before you repeat anything from it, read the conversation on the pull request since then.',
    `Your earlier findings are suggestions the author may take or leave. Treat one as something that must be fixed only when @${mainUser} said on the pull request that it must be; then check whether it was.`,
    `When @${mainUser} or the author disputed an earlier finding, or decided not to act on it, do not raise it again as a main finding.`,
    'Judge the code as it is now; you may mention still-open earlier comments briefly in the summary.',
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}
