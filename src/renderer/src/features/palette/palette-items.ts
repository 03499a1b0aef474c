import type { Dispatch, Project, Review, Runner, TaskRow } from '@shared/contract';
import { AGENT_LABELS } from '@renderer/features/runners/runner-form';
import { formatTime } from '@renderer/lib/format';
import {
  AUTOMATION_HREF,
  hrefFor,
  hrefForReview,
  hrefForRun,
  hrefForTask,
  type Page,
} from '@renderer/lib/route';
import { reviewLabel } from '@renderer/stores/review-labels';
import { RUN_STATUS_LABELS } from '@renderer/stores/run-labels';
import type { FuzzyFields } from './fuzzy';

/** What the palette does itself rather than by going to a page. */
export type PaletteAction = 'new-task' | 'capture' | 'review' | 'shortcuts';

export type PaletteGroup = 'Action' | 'Page' | 'Task' | 'Run' | 'Review' | 'Runner';

export interface PaletteItem extends FuzzyFields {
  /** Unique among the items: the kind and the id of what it names. */
  readonly key: string;
  readonly group: PaletteGroup;
  readonly target: { readonly href: string } | { readonly action: PaletteAction };
}

/** What the window's stores hold, which the palette can go to. */
export interface PaletteSources {
  readonly tasks: readonly TaskRow[];
  readonly runs: readonly Dispatch[];
  readonly runners: readonly Runner[];
  readonly projects: readonly Project[];
  readonly reviews: readonly Review[];
}

const ACTIONS: readonly PaletteItem[] = [
  {
    key: 'action:capture',
    group: 'Action',
    label: 'Quick capture…',
    detail: 'One line becomes a task and its run, as from the tray',
    target: { action: 'capture' },
  },
  {
    key: 'action:new-task',
    group: 'Action',
    label: 'New task',
    detail: 'Create a task with a title, summary and priority',
    target: { action: 'new-task' },
  },
  {
    key: 'action:review',
    group: 'Action',
    label: 'Review a pull request…',
    detail: 'Paste a GitHub pull request URL',
    target: { action: 'review' },
  },
  {
    key: 'action:shortcuts',
    group: 'Action',
    label: 'Keyboard shortcuts',
    detail: 'Show every shortcut (?)',
    target: { action: 'shortcuts' },
  },
];

const PAGES: readonly { page: Page | 'automation'; label: string }[] = [
  { page: 'queue', label: 'Queue' },
  { page: 'runs', label: 'Runs' },
  { page: 'automation', label: 'Automation log' },
  { page: 'reviews', label: 'Reviews' },
  { page: 'runners', label: 'Runners' },
  { page: 'settings', label: 'Settings' },
];

function pageItems(): PaletteItem[] {
  return PAGES.map(({ page, label }) => ({
    key: `page:${page}`,
    group: 'Page',
    label,
    detail: 'Page',
    target: { href: page === 'automation' ? AUTOMATION_HREF : hrefFor(page) },
  }));
}

function byNewest<T extends { updatedAt: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * Everything the palette offers, in the order shown before anything is typed: actions, pages,
 * then tasks (open ones first), runs, reviews (newest first) and runners.
 */
export function paletteItems(sources: PaletteSources): PaletteItem[] {
  const projectNames = new Map(sources.projects.map((p) => [p.id, p.name]));
  const taskTitles = new Map(sources.tasks.map((t) => [t.id, t.title]));
  const reviewLabels = new Map(sources.reviews.map((r) => [r.id, reviewLabel(r)]));
  const runnerNames = new Map(sources.runners.map((r) => [r.id, r.name]));

  const tasks = byNewest(sources.tasks)
    .sort((a, b) => Number(a.status === 'closed') - Number(b.status === 'closed'))
    .map((task): PaletteItem => ({
      key: `task:${task.id}`,
      group: 'Task',
      label: task.title,
      detail: [
        'Task',
        projectNames.get(task.projectId),
        `${task.priority} priority`,
        task.status === 'closed' ? 'closed' : null,
      ]
        .filter(Boolean)
        .join(' · '),
      target: { href: hrefForTask(task.id) },
    }));

  const runs = [...sources.runs]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((run): PaletteItem => ({
      key: `run:${run.id}`,
      group: 'Run',
      label:
        (run.taskId ? taskTitles.get(run.taskId) : null) ??
        (run.reviewId ? `Review of ${reviewLabels.get(run.reviewId) ?? 'a pull request'}` : 'Task run'),
      detail: [
        run.kind === 'review' ? 'Review run' : 'Run',
        RUN_STATUS_LABELS[run.status],
        run.runnerId ? runnerNames.get(run.runnerId) : null,
        AGENT_LABELS[run.agent],
        formatTime(run.createdAt),
      ]
        .filter(Boolean)
        .join(' · '),
      target: { href: hrefForRun(run.id) },
    }));

  const reviews = byNewest(sources.reviews).map((review): PaletteItem => ({
    key: `review:${review.id}`,
    group: 'Review',
    label: `Review of ${reviewLabel(review)}`,
    detail: ['Review', review.title].filter(Boolean).join(' · '),
    target: { href: hrefForReview(review.id) },
  }));

  const runners = sources.runners.map((runner): PaletteItem => ({
    key: `runner:${runner.id}`,
    group: 'Runner',
    label: runner.name,
    detail: `Runner · ${runner.user ? `${runner.user}@` : ''}${runner.host}${runner.isDefault ? ' · default' : ''}`,
    target: { href: hrefFor('runners') },
  }));

  return [...ACTIONS, ...pageItems(), ...tasks, ...runs, ...reviews, ...runners];
}
