import { describe, expect, it } from 'vitest';
import {
  buildTaskPrompt,
  CURRENT_FOLLOW_UP_HEADING,
  type TaskPromptInput,
} from '../../../src/main/core/prompts';

const INPUT: TaskPromptInput = {
  project: {
    name: 'widgets',
    repoUrl: 'https://github.com/acme/widgets',
    gitUrl: 'git@github.com:acme/widgets.git',
    baseBranch: 'develop',
    description: 'Widgets is a **layout engine**. Run `npm test` before pushing.',
  },
  task: {
    title: 'Render widgets faster',
    summary: 'Cache the **layout**.',
    note: 'widgets: rendering is slow',
  },
  branch: 'sortie/dsp_0123456789abcdefghij',
  worktreePath: '/home/runner/sortie/widgets/worktrees/dsp_0123456789abcdefghij',
  pullRequestUrl: null,
  followUps: [],
  currentFollowUp: null,
};

describe('buildTaskPrompt', () => {
  it('states every fact the agent needs', () => {
    const prompt = buildTaskPrompt(INPUT);
    for (const fact of [
      '- Project: widgets',
      '- Repository URL: https://github.com/acme/widgets',
      '- Git URL: git@github.com:acme/widgets.git',
      '- Base branch: develop',
      '- Branch prepared for you: sortie/dsp_0123456789abcdefghij',
      '- Worktree (your working directory): /home/runner/sortie/widgets/worktrees/dsp_0123456789abcdefghij',
      '## Task title\n\nRender widgets faster',
      '## Summary\n\nCache the **layout**.',
      '## Original note\n\nwidgets: rendering is slow',
      '## About this project\n\nWidgets is a **layout engine**. Run `npm test` before pushing.',
    ]) {
      expect(prompt).toContain(fact);
    }
    expect(prompt).toMatch(/working on your own/);
    expect(prompt).toMatch(/checked out from a fork/);
    expect(prompt).toMatch(/`gh` is installed/);
    expect(prompt).toMatch(/pull request on GitHub/);
    expect(prompt).toMatch(/conventional commits/);
    expect(prompt).toMatch(/read them with `gh`/);
    expect(prompt).toMatch(/act only on that reviewer’s feedback/);
    expect(prompt).toMatch(/what blocks you/);
    expect(prompt.trimEnd().endsWith('matching the provided schema exactly.')).toBe(true);
  });

  it('leaves out empty optional sections', () => {
    const prompt = buildTaskPrompt({ ...INPUT, task: { title: 'Only a title', summary: '  \n', note: '' } });
    expect(prompt).not.toContain('## Summary');
    expect(prompt).not.toContain('## Original note');
    expect(prompt).not.toContain('follow-up request');
    expect(prompt).not.toContain(CURRENT_FOLLOW_UP_HEADING);
  });

  it('has the existing-PR section only when a PR exists', () => {
    expect(buildTaskPrompt(INPUT)).not.toContain('Pull request already open');
    expect(buildTaskPrompt({ ...INPUT, pullRequestUrl: '  ' })).not.toContain('Pull request already open');
    const prompt = buildTaskPrompt({ ...INPUT, pullRequestUrl: 'https://github.com/acme/widgets/pull/7' });
    expect(prompt).toContain(
      '## Pull request already open\n\n- Pull request: https://github.com/acme/widgets/pull/7',
    );
    expect(prompt).toMatch(/same branch and worktree/);
    expect(prompt).toMatch(/Do not open a second pull request/);
  });

  it('lists earlier follow-ups oldest first with their times, then the current one', () => {
    const prompt = buildTaskPrompt({
      ...INPUT,
      pullRequestUrl: 'https://github.com/acme/widgets/pull/7',
      followUps: [
        { request: 'First: add tests.', createdAt: '2026-11-20T08:00:00.000Z' },
        { request: 'Second: fix lint.', createdAt: '2026-11-21T09:30:00.000Z' },
      ],
      currentFollowUp: 'Address the review from @maintainer.',
    });
    const order = [
      '### Requested 2026-11-20T08:00:00.000Z\n\nFirst: add tests.',
      '### Requested 2026-11-21T09:30:00.000Z\n\nSecond: fix lint.',
      `${CURRENT_FOLLOW_UP_HEADING}\n\nAddress the review from @maintainer.`,
      '## Final answer',
    ].map((part) => prompt.indexOf(part));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('copies hostile user text verbatim', () => {
    const hostile = `He said "don't" $(rm -rf ~) \`id\` \${HOME} 'quoted'\nsecond line\\n naïve — 日本語 🚀`;
    const prompt = buildTaskPrompt({
      ...INPUT,
      task: { title: hostile.split('\n')[0] ?? '', summary: hostile, note: hostile },
      followUps: [{ request: hostile, createdAt: '2026-11-20T08:00:00.000Z' }],
      currentFollowUp: hostile,
    });
    expect(prompt.split(hostile)).toHaveLength(5);
    expect(prompt).toContain(`## Task title\n\n${hostile.split('\n')[0]}\n`);
  });

  it('trims only blank lines around user text', () => {
    const prompt = buildTaskPrompt({
      ...INPUT,
      task: { ...INPUT.task, summary: '\n\n    indented code\n\n' },
    });
    expect(prompt).toContain('## Summary\n\n    indented code\n\n##');
  });
});

describe('the project description', () => {
  it('is left out of the prompt when the project has none', () => {
    const prompt = buildTaskPrompt({ ...INPUT, project: { ...INPUT.project, description: '  \n' } });
    expect(prompt).not.toContain('## About this project');
  });
});
