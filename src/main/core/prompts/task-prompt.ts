import { finalAnswer, joinSections, optionalSection, projectContext, section, userText } from './sections';

export interface TaskPromptInput {
  project: { name: string; repoUrl: string; gitUrl: string; baseBranch: string; description: string };
  task: { title: string; summary: string; note: string };
  branch: string;
  worktreePath: string;
  /** The pull request earlier runs opened for this branch, if any. */
  pullRequestUrl: string | null;
  /** Follow-up requests answered by earlier runs, oldest first (not the current one). */
  followUps: { request: string; createdAt: string }[];
  /** The follow-up this run answers; null for a task's first run. */
  currentFollowUp: string | null;
}

/** Heading of the current follow-up section; the fake agents in test/support look for it. */
export const CURRENT_FOLLOW_UP_HEADING = '## Follow-up request to handle now';

/**
 * The prompt of a task run, in markdown. User text (title, summary, note, follow-ups) is copied
 * as written: the prompt travels as a file, never through a shell.
 */
export function buildTaskPrompt(input: TaskPromptInput): string {
  const sections = [
    introduction(),
    repository(input),
    projectContext(input.project.description),
    input.pullRequestUrl?.trim() ? existingPullRequest(input.pullRequestUrl.trim()) : null,
    expectations(),
    section('## Task title', input.task.title),
    optionalSection('## Summary', input.task.summary),
    optionalSection('## Original note', input.task.note),
    earlierFollowUps(input.followUps),
    input.currentFollowUp === null ? null : optionalSection(CURRENT_FOLLOW_UP_HEADING, input.currentFollowUp),
    finalAnswer(),
  ];
  return joinSections(sections);
}

function introduction(): string {
  return [
    '# Task run',
    '',
    'You are working on your own: no one will answer questions during this run, so make the decisions a careful engineer would make and see the task through.',
    'Everything is set up already: the repository is checked out from a fork, and a git worktree on its own branch is ready for you.',
    'You may use the whole filesystem and the network, and the GitHub CLI `gh` is installed and logged in.',
    'The result we want is a pull request on GitHub. Settle for less only when the task is blocked or cannot be done.',
  ].join('\n');
}

function repository(input: TaskPromptInput): string {
  return [
    '## Repository',
    '',
    `- Project: ${input.project.name}`,
    `- Repository URL: ${input.project.repoUrl}`,
    `- Git URL: ${input.project.gitUrl}`,
    `- Base branch: ${input.project.baseBranch}`,
    `- Branch prepared for you: ${input.branch}`,
    `- Worktree (your working directory): ${input.worktreePath}`,
  ].join('\n');
}

function existingPullRequest(url: string): string {
  return [
    '## Pull request already open',
    '',
    `- Pull request: ${url}`,
    '- This run continues that pull request: keep using the same branch and worktree, and push your new commits to it.',
    '- Do not open a second pull request unless the existing one can no longer be used; if so, explain why in your final answer.',
  ].join('\n');
}

function expectations(): string {
  return [
    '## How to work',
    '',
    '- Carry the task through to a pull request on GitHub whenever that is possible.',
    '- Make every change in the prepared worktree and nowhere else.',
    '- Write commit messages and the pull request title as conventional commits, e.g. `feat: Add X`, `fix: Correct Y`, `chore: Update Z`.',
    '- When a follow-up refers to review comments or reviewer feedback, read them with `gh` rather than guessing what they say.',
    '- When a follow-up names a reviewer, act only on that reviewer’s feedback unless the request says otherwise.',
    '- When you are blocked, say exactly what blocks you in the final JSON.',
  ].join('\n');
}

function earlierFollowUps(followUps: TaskPromptInput['followUps']): string | null {
  if (followUps.length === 0) return null;
  const entries = followUps.map(
    (followUp) => `### Requested ${followUp.createdAt}\n\n${userText(followUp.request)}`,
  );
  return ['## Earlier follow-up requests (already handled by previous runs)', ...entries].join('\n\n');
}
