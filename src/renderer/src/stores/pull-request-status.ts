import { create } from 'zustand';
import type { PullRequestStatus } from '@shared/contract';
import { pullRequestKey } from '@shared/domain/review';
import { invoke } from '@renderer/api';

/** What Sortie last read of each task pull request, by its key (pullRequestKey of its address). */
export type StatusesByUrl = Readonly<Record<string, PullRequestStatus>>;

/** Keeps the newer of two reads of one pull request: reads and events may arrive in any order. */
export function applyStatus(held: StatusesByUrl, status: PullRequestStatus): StatusesByUrl {
  const key = pullRequestKey(status.url);
  const current = held[key];
  if (current && current.readAt > status.readAt) return held;
  return { ...held, [key]: status };
}

/** The status of the pull request at this address, whatever its case or trailing path. */
export function statusOf(held: StatusesByUrl, url: string): PullRequestStatus | undefined {
  return held[pullRequestKey(url)];
}

/**
 * A listed read merged into what is held. Statuses the list leaves out stay: it names only open
 * tasks' pull requests, and a task closed since (on a merge) still shows its PR as merged.
 */
export function mergeStatuses(held: StatusesByUrl, list: readonly PullRequestStatus[]): StatusesByUrl {
  return list.reduce(applyStatus, held);
}

export interface PullRequestStatusState {
  readonly byUrl: StatusesByUrl;
}

/**
 * Pull request status (state, checks, review decision) as the automation last read it: filled by
 * `pullRequests.status` at start and after a reconnect, kept current by `pull-request.updated`.
 */
export const usePullRequestStatusStore = create<PullRequestStatusState>()(() => ({ byUrl: {} }));

export function applyPullRequestStatus(status: PullRequestStatus): void {
  usePullRequestStatusStore.setState((s) => {
    const byUrl = applyStatus(s.byUrl, status);
    return byUrl === s.byUrl ? s : { byUrl };
  });
}

export async function loadPullRequestStatuses(): Promise<void> {
  const list = await invoke('pullRequests.status');
  usePullRequestStatusStore.setState((s) => ({ byUrl: mergeStatuses(s.byUrl, list) }));
}

export function usePullRequestStatus(url: string | null | undefined): PullRequestStatus | undefined {
  return usePullRequestStatusStore((s) => (url ? statusOf(s.byUrl, url) : undefined));
}

export function usePullRequestStatuses(): StatusesByUrl {
  return usePullRequestStatusStore((s) => s.byUrl);
}
