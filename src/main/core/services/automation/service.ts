import type { AutomationEvent, Dispatch, Task } from '@shared/contract';
import { isCancellableDispatch } from '@shared/domain/dispatch';
import { CHECK_LOG_CAP_BYTES, type AutomationOutcome } from '@shared/domain/automation';
import { canonicalPullRequestUrl, parsePullRequestUrl, pullRequestKey } from '@shared/domain/review';
import type { Clock } from '../../clock';
import { notFound } from '../../errors';
import type { EventBus } from '../../events';
import type { Logger } from '../../logger';
import {
  CommentNotPosted,
  commentPullRequest,
  readCheckLogs,
  readPullRequests,
  type CheckLogRequest,
  type GithubPullRequest,
  type PullRequestRead,
  type RemotePool,
} from '../../remote';
import type { Repositories } from '../../repositories';
import type { DispatchService } from '../dispatch/service';
import { decide, type Decision, type LatestRun } from './decide';
import { checksSummary, requiredChecks, summarize } from './pull-request-summary';
import { checksFollowUpRequest, reviewFollowUpRequest, reviewRequestComment } from './requests';

/** One pull request of an open task to read, and whether Sortie may act on it. */
interface Target {
  task: Task;
  url: string;
  /** The runner that reads it: that of the newest run with it, else the default one. */
  runnerId: string | null;
  /** The task's latest run, when this PR is the one it works on (only then is it acted on). */
  latest: Dispatch | null;
  /** The task's runs, newest first, as the pass found them. */
  history: readonly Dispatch[];
}

/** A decided action and what it needs from the pass. */
interface Pending {
  target: Target & { latest: Dispatch };
  pr: GithubPullRequest;
  decision: Decision;
}

/**
 * Keeps pull requests moving (BEHAVIOR item 12, issue 11): reads every open task's pull requests
 * — one remote call per runner for all of them — stores what it found (state, checks, review
 * decision), decides what to do about the one the task's latest run works on (decide.ts) and
 * does it; each decision is kept with its outcome. On Settings' interval when the review
 * follow-up or a project's opt-in asks for it, and at once on demand.
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

  function busy(taskId: string): boolean {
    return (
      repos.dispatches.listForTask(taskId).some(isCancellableDispatch) ||
      repos.chains.listActive().some((chain) => chain.taskId === taskId)
    );
  }

  /**
   * The pull requests of open tasks worth reading: each task's latest run's (acted on), and its
   * older ones not known to be merged or closed (their status is shown on the card).
   */
  function targets(taskId?: string): Target[] {
    const tasks = taskId
      ? [repos.tasks.get(taskId)].filter((t): t is Task => t !== null)
      : repos.tasks.list({ includeClosed: false });
    const found: Target[] = [];
    for (const task of tasks) {
      if (task.status !== 'open') continue;
      const history = repos.dispatches.listForTask(task.id);
      const latest = history[0];
      if (!latest) continue;
      const seen = new Set<string>();
      for (const run of history) {
        if (!run.pullRequestUrl || !parsePullRequestUrl(run.pullRequestUrl)) continue;
        const url = canonicalPullRequestUrl(run.pullRequestUrl);
        const key = pullRequestKey(url);
        if (seen.has(key)) continue;
        seen.add(key);
        const owned = latest.pullRequestUrl !== null && pullRequestKey(latest.pullRequestUrl) === key;
        const state = repos.automation.getStatus(url)?.state;
        if (!owned && (state === 'merged' || state === 'closed')) continue;
        const reader = history.find(
          (r) =>
            r.pullRequestUrl &&
            pullRequestKey(r.pullRequestUrl) === key &&
            r.runnerId &&
            repos.runners.get(r.runnerId),
        );
        found.push({
          task,
          url,
          runnerId: reader?.runnerId ?? repos.runners.getDefault()?.id ?? null,
          latest: owned ? latest : null,
          history,
        });
      }
    }
    return found;
  }

  /**
   * Reads the failed logs every check follow-up of one runner needs, in one remote call, each job
   * once; answers each follow-up's logs in the order of its failing checks ('' when unreadable).
   */
  async function checkLogs(runnerId: string, pending: readonly Pending[]): Promise<Map<Pending, string[]>> {
    const wanted = new Map<string, CheckLogRequest>();
    const keyOf = (r: CheckLogRequest) => `${r.repository} ${r.runId} ${r.jobId ?? '-'}`;
    const asked = pending.map((p) => {
      if (p.decision.action.kind !== 'follow-up-checks') return [];
      const ref = parsePullRequestUrl(p.target.url)!;
      return p.decision.action.failing.map((check) => {
        if (!check.runId) return null;
        const request = { repository: `${ref.owner}/${ref.name}`, runId: check.runId, jobId: check.jobId };
        wanted.set(keyOf(request), request);
        return keyOf(request);
      });
    });
    const requests = [...wanted.values()];
    const logs = await readCheckLogs(
      deps.pool.host(repos.runners.get(runnerId)!),
      requests,
      CHECK_LOG_CAP_BYTES,
    ).catch((error: unknown) => {
      logger.warn('could not read failed check logs', { error: String(error) });
      return requests.map(() => '');
    });
    const byKey = new Map(requests.map((request, index) => [keyOf(request), logs[index] ?? '']));
    return new Map(pending.map((p, index) => [p, asked[index]!.map((key) => (key ? byKey.get(key)! : ''))]));
  }

  async function act(item: Pending, runnerId: string, logs: string[]): Promise<string | null> {
    const { target, pr, decision } = item;
    const { task, url } = target;
    const action = decision.action;
    const mainUser = repos.settings.get().githubMainUser;
    switch (action.kind) {
      case 'close-task':
        await deps.closeTask(task.id);
        return null;
      case 'follow-up-review': {
        const request = reviewFollowUpRequest(url, mainUser, action.reviews, action.comments);
        const run = await deps.dispatches.followUp({ taskId: task.id, request });
        repos.automation.markReviewsFollowed(
          url,
          action.reviews.map((review) => review.id),
        );
        return run.id;
      }
      case 'follow-up-checks': {
        const named = action.failing.map((check, index) => ({ name: check.name, log: logs[index] ?? '' }));
        const run = await deps.dispatches.followUp({
          taskId: task.id,
          request: checksFollowUpRequest(url, pr.headRefOid, named),
        });
        repos.automation.countCheckFix(url, pr.headRefOid);
        return run.id;
      }
      case 'request-review': {
        // Marked first: a pass that dies after posting never posts twice; a failed post is unmarked.
        const before = repos.automation.getStatus(url)?.reviewRequestedHead ?? null;
        repos.automation.markReviewRequested(url, pr.headRefOid);
        try {
          const host = deps.pool.host(repos.runners.get(runnerId)!);
          await commentPullRequest(host, url, reviewRequestComment(mainUser, pr.headRefOid));
        } catch (error) {
          // Only gh's own refusal is sure to have posted nothing; a timeout may have posted.
          if (error instanceof CommentNotPosted) repos.automation.markReviewRequested(url, before);
          throw error;
        }
        return null;
      }
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

  /** What the rules need of the task's latest run (decide.ts, LatestRun). */
  function latestRun(taskId: string, latest: Dispatch, history: readonly Dispatch[]): LatestRun {
    const checkFixes = repos.automation.checkFixRunIds(taskId);
    const sawFeedback = history.find((run) => !checkFixes.has(run.id)) ?? latest;
    const ended = latest.finishedAt === null ? null : [latest.finishedAt, latest.updatedAt].sort().at(-1)!;
    return { feedbackSince: sawFeedback.createdAt, endedAt: ended, branch: latest.branch };
  }

  /** Changes a decision to act into skipped-active when a run started while the pass read. */
  function stillIdle(item: Pending): Decision {
    const { kind } = item.decision.action;
    if (kind === 'none' || kind === 'announce-check-limit' || !busy(item.target.task.id))
      return item.decision;
    return {
      outcome: 'skipped-active',
      detail: 'A run of the task started while the pull request was read.',
      action: { kind: 'none' },
    };
  }

  async function runnerPass(
    runnerId: string,
    group: readonly Target[],
    reviewFollowUp: boolean,
  ): Promise<AutomationEvent[]> {
    const events: AutomationEvent[] = [];
    const settings = repos.settings.get();
    let reads: PullRequestRead[];
    try {
      reads = await readPullRequests(
        deps.pool.host(repos.runners.get(runnerId)!),
        group.map((t) => t.url),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const target of group)
        if (target.latest)
          events.push(log(target.task, target.url, 'failed', `Could not read the pull request: ${reason}`));
      return events;
    }
    const pending: Pending[] = [];
    for (const [index, target] of group.entries()) {
      const read = reads[index]!;
      if (!read.ok) {
        if (target.latest)
          events.push(
            log(target.task, target.url, 'failed', `Could not read the pull request: ${read.error}`),
          );
        continue;
      }
      const pr = read.pullRequest;
      const status = repos.automation.saveStatus(summarize(pr, target.url, target.task.id));
      bus.publish('pull-request.updated', { status });
      if (checksSummary(requiredChecks(pr)) === 'passing') repos.automation.resetCheckFixes(target.url);
      const latest = target.latest;
      if (!latest) continue;
      const project = repos.projects.get(target.task.projectId);
      const decision = decide({
        pr,
        active: busy(target.task.id),
        latestRun: latestRun(target.task.id, latest, target.history),
        mainUser: settings.githubMainUser,
        reviewFollowUp,
        project: {
          followUpFailingChecks: project?.followUpFailingChecks ?? false,
          maxCheckFixes: project?.maxCheckFixes ?? 2,
          closeOnMerge: project?.closeOnMerge ?? false,
        },
        marks: repos.automation.getStatus(target.url),
      });
      pending.push({ target: { ...target, latest }, pr, decision });
    }
    const logs = await checkLogs(runnerId, pending);
    for (const item of pending) {
      const decision = stillIdle(item);
      const { task, url } = item.target;
      try {
        const dispatchId = await act({ ...item, decision }, runnerId, logs.get(item) ?? []);
        events.push(log(task, url, decision.outcome, decision.detail, dispatchId));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        events.push(log(task, url, 'failed', `${decision.detail} It could not be done: ${reason}`));
      }
    }
    return events;
  }

  async function runOnce(filter: { taskId?: string; onDemand: boolean }): Promise<AutomationEvent[]> {
    if (filter.taskId && !repos.tasks.get(filter.taskId)) throw notFound('Task', filter.taskId);
    const reviewFollowUp = filter.onDemand || repos.settings.get().reviewFollowUpEnabled;
    const events: AutomationEvent[] = [];
    const byRunner = new Map<string, Target[]>();
    for (const target of targets(filter.taskId)) {
      if (!target.runnerId) {
        if (target.latest)
          events.push(
            log(
              target.task,
              target.url,
              'failed',
              'No runner can read this pull request: add one on the Runners page.',
            ),
          );
        continue;
      }
      byRunner.set(target.runnerId, [...(byRunner.get(target.runnerId) ?? []), target]);
    }
    for (const [runnerId, group] of byRunner)
      events.push(...(await runnerPass(runnerId, group, reviewFollowUp)));
    repos.automation.pruneEvents();
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
