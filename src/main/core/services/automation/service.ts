import type { AutomationEvent, Dispatch, Task } from '@shared/contract';
import { isCancellableDispatch } from '@shared/domain/dispatch';
import { CHECK_LOG_CAP_BYTES, type AutomationOutcome } from '@shared/domain/automation';
import { parsePullRequestUrl } from '@shared/domain/review';
import type { Clock } from '../../clock';
import { notFound } from '../../errors';
import type { EventBus } from '../../events';
import type { Logger } from '../../logger';
import {
  commentPullRequest,
  readCheckLog,
  readPullRequests,
  type GithubPullRequest,
  type PullRequestRead,
  type RemotePool,
} from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchService } from '../dispatch/service';
import { decide, type Decision } from './decide';
import { summarize } from './pull-request-summary';
import { checksFollowUpRequest, reviewFollowUpRequest, reviewRequestComment } from './requests';

interface Candidate {
  task: Task;
  history: Dispatch[];
  url: string;
}

/**
 * Keeps pull requests moving (BEHAVIOR item 12, issue 11): reads every open task's PR — one
 * remote call per runner for all of its PRs — stores what it found (state, checks, review
 * decision), decides what to do (decide.ts) and does it; each decision is kept with its outcome.
 * On Settings' interval when the review follow-up or a project's opt-in asks for it, and at once
 * on demand.
 */
export function createAutomation(deps: {
  repos: Repositories;
  bus: EventBus;
  pool: RemotePool;
  clock: Clock;
  logger: Logger;
  dispatches: Pick<DispatchService, 'followUp'>;
  closeTask(taskId: string): Promise<unknown>;
}) {
  const { repos, bus, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<AutomationEvent[]> | null = null;
  let lastRun = 0;

  function log(
    task: Task,
    url: string,
    outcome: AutomationOutcome,
    detail: string,
    dispatchId: string | null = null,
  ) {
    const event = repos.automation.log({ taskId: task.id, pullRequestUrl: url, outcome, detail, dispatchId });
    bus.publish('automation.logged', { event });
    return event;
  }

  function candidates(taskId?: string): Candidate[] {
    const tasks = taskId
      ? [repos.tasks.get(taskId)].filter((t): t is Task => t !== null)
      : repos.tasks.list({ includeClosed: false });
    const found: Candidate[] = [];
    for (const task of tasks) {
      if (task.status !== 'open') continue;
      const history = repos.dispatches.listForTask(task.id);
      const url = history.find((run) => run.pullRequestUrl)?.pullRequestUrl;
      if (url && parsePullRequestUrl(url)) found.push({ task, history, url });
    }
    return found;
  }

  async function act(
    candidate: Candidate,
    pr: GithubPullRequest,
    decision: Decision,
    runnerId: string,
  ): Promise<string | null> {
    const { task, url } = candidate;
    const action = decision.action;
    const host = () => deps.pool.host(repos.runners.get(runnerId)!);
    const mainUser = repos.settings.get().githubMainUser;
    switch (action.kind) {
      case 'close-task':
        await deps.closeTask(task.id);
        return null;
      case 'follow-up-review': {
        const request = reviewFollowUpRequest(url, mainUser, action.reviews, action.comments);
        return (await deps.dispatches.followUp({ taskId: task.id, request })).id;
      }
      case 'follow-up-checks': {
        const ref = parsePullRequestUrl(url)!;
        const logs = await Promise.all(
          action.failing.map(async (check) => ({
            name: check.name,
            log: check.runId
              ? await readCheckLog(
                  host(),
                  `${ref.owner}/${ref.name}`,
                  check.runId,
                  CHECK_LOG_CAP_BYTES,
                ).catch(() => '')
              : '',
          })),
        );
        const run = await deps.dispatches.followUp({
          taskId: task.id,
          request: checksFollowUpRequest(url, pr.headRefOid, logs),
        });
        repos.automation.countCheckFix(url, pr.headRefOid);
        return run.id;
      }
      case 'request-review':
        await commentPullRequest(host(), url, reviewRequestComment(mainUser, pr.headRefOid));
        repos.automation.markReviewRequested(url, pr.headRefOid);
        return null;
      case 'announce-check-limit':
        repos.automation.markCheckFixLimitSaid(url);
        if (repos.settings.get().notificationsEnabled) {
          bus.publish('notification', {
            id: `${url}:check-limit:${pr.headRefOid}`,
            level: 'warning',
            title: `Checks still fail: ${task.title}`,
            body: decision.detail,
            dispatchId: null,
            taskId: task.id,
            reviewId: null,
            url,
          });
        }
        return null;
      case 'none':
        return null;
    }
  }

  async function runOnce(filter: { taskId?: string; onDemand: boolean }): Promise<AutomationEvent[]> {
    if (filter.taskId && !repos.tasks.get(filter.taskId)) throw notFound('Task', filter.taskId);
    const settings = repos.settings.get();
    const events: AutomationEvent[] = [];
    const byRunner = new Map<string, Candidate[]>();
    for (const candidate of candidates(filter.taskId)) {
      const withRunner = candidate.history.find(
        (run) => run.pullRequestUrl && run.runnerId && repos.runners.get(run.runnerId),
      );
      const runnerId = withRunner?.runnerId ?? repos.runners.getDefault()?.id;
      if (!runnerId) {
        events.push(
          log(
            candidate.task,
            candidate.url,
            'failed',
            'No runner can read this pull request: add one on the Runners page.',
          ),
        );
        continue;
      }
      byRunner.set(runnerId, [...(byRunner.get(runnerId) ?? []), candidate]);
    }
    for (const [runnerId, group] of byRunner) {
      let reads: PullRequestRead[];
      try {
        reads = await readPullRequests(
          deps.pool.host(repos.runners.get(runnerId)!),
          group.map((c) => c.url),
        );
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        for (const candidate of group)
          events.push(
            log(candidate.task, candidate.url, 'failed', `Could not read the pull request: ${reason}`),
          );
        continue;
      }
      for (const [index, candidate] of group.entries()) {
        const read = reads[index]!;
        if (!read.ok) {
          events.push(
            log(candidate.task, candidate.url, 'failed', `Could not read the pull request: ${read.error}`),
          );
          continue;
        }
        const pr = read.pullRequest;
        const status = repos.automation.saveStatus(summarize(pr, candidate.url, candidate.task.id));
        bus.publish('pull-request.updated', { status });
        const latest = candidate.history[0]!;
        const project = repos.projects.get(candidate.task.projectId);
        const decision = decide({
          pr,
          active:
            candidate.history.some(isCancellableDispatch) ||
            repos.chains.listActive().some((chain) => chain.taskId === candidate.task.id),
          latestRunStartedAt: latest.startedAt ?? latest.createdAt,
          mainUser: settings.githubMainUser,
          reviewFollowUp: filter.onDemand || settings.reviewFollowUpEnabled,
          project: {
            followUpFailingChecks: project?.followUpFailingChecks ?? false,
            maxCheckFixes: project?.maxCheckFixes ?? 2,
            closeOnMerge: project?.closeOnMerge ?? false,
          },
          marks: repos.automation.getStatus(candidate.url),
        });
        try {
          const dispatchId = await act(candidate, pr, decision, runnerId);
          events.push(log(candidate.task, candidate.url, decision.outcome, decision.detail, dispatchId));
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          events.push(
            log(
              candidate.task,
              candidate.url,
              'failed',
              `${decision.detail} It could not be done: ${reason}`,
            ),
          );
        }
      }
    }
    return events;
  }

  /** One pass at a time; a call while one goes waits for it and then runs its own. */
  async function run(filter: { taskId?: string; onDemand: boolean }): Promise<AutomationEvent[]> {
    while (running) await running.catch(() => undefined);
    running = runOnce(filter);
    try {
      return await running;
    } finally {
      running = null;
      lastRun = Date.now();
    }
  }

  /** Whether anything asks for the timer: Settings' review follow-up or a project's opt-in. */
  function wanted(): boolean {
    if (repos.settings.get().reviewFollowUpEnabled) return true;
    return repos.projects.list().some((p) => p.followUpFailingChecks || p.closeOnMerge);
  }

  function loop(): void {
    const intervalMs = repos.settings.get().reviewFollowUpIntervalMinutes * 60_000;
    if (wanted() && !running && Date.now() - lastRun >= intervalMs) {
      void run({ onDemand: false }).catch((error: unknown) =>
        logger.error('automation failed', { error: String(error) }),
      );
    }
    timer = setTimeout(loop, 30_000);
    timer.unref?.();
  }

  return {
    run,
    log: (filter: { taskId?: string; limit: number }) => {
      if (filter.taskId && !repos.tasks.get(filter.taskId)) throw notFound('Task', filter.taskId);
      return repos.automation.listEvents(filter);
    },
    statuses: () => repos.automation.listStatuses(),
    start(): void {
      // The first pass waits one interval: a restart is no reason to comment on every PR at once.
      lastRun = Date.now();
      loop();
    },
    stop(): void {
      if (timer) clearTimeout(timer);
    },
  };
}

export type Automation = ReturnType<typeof createAutomation>;
