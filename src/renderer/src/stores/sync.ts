import { on, onStreamOpen } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import { applyAutomationEvent } from './automation-log';
import { applyChain, resyncActiveChains } from './chains';
import { applyDispatch, loadDispatches } from './dispatches';
import { applyProject, loadProjects } from './projects';
import { applyPullRequestStatus, loadPullRequestStatuses } from './pull-request-status';
import { applyReview, loadReviews } from './reviews';
import { receiveRunOutput, resyncRunLogs } from './run-events';
import { applyRunner, loadRunners } from './runners';
import { applySettings, loadSettings } from './settings';
import { applyTask, dropTasksOfProject, loadTasks } from './tasks';
import { navigate } from '@renderer/lib/route';
import { noticeToast } from './toasts';
import { showToast, useUiStore } from './ui';

function report(what: string): (error: unknown) => void {
  return (error) => showToast('error', `Could not load ${what}: ${errorMessage(error)}`);
}

/** Loads every list shown anywhere in the window. Failures are reported, never thrown. */
export function loadAll(): Promise<void> {
  return Promise.all([
    loadProjects().catch(report('projects')),
    loadTasks(useUiStore.getState().showClosed).catch(report('tasks')),
    loadRunners().catch(report('runners')),
    loadSettings().catch(report('settings')),
    loadDispatches().catch(report('runs')),
    loadReviews().catch(report('reviews')),
    loadPullRequestStatuses().catch(report('pull request status')),
  ]).then(() => undefined);
}

/** Subscribes the stores to the core's events, then loads them. Returns the unsubscriber. */
export function startSync(): () => void {
  const stops = [
    on('project.changed', ({ projectId, project }) => {
      applyProject(projectId, project);
      if (project === null) dropTasksOfProject(projectId);
    }),
    on('task.changed', ({ taskId, task }) => applyTask(taskId, task)),
    on('runner.changed', ({ runnerId, runner }) => applyRunner(runnerId, runner)),
    on('settings.changed', ({ settings }) => applySettings(settings)),
    on('dispatch.updated', ({ dispatch }) => applyDispatch(dispatch.id, dispatch)),
    // Chains have no list of their own: task pages read theirs, events keep them current.
    on('chain.updated', ({ chain }) => applyChain(chain)),
    on('review.updated', ({ reviewId, review }) => applyReview(reviewId, review)),
    // What the automation read of a task's pull request, and each decision it made.
    on('pull-request.updated', ({ status }) => applyPullRequestStatus(status)),
    on('automation.logged', ({ event }) => applyAutomationEvent(event)),
    // Only the runs open in a live view keep their output; others ignore it.
    on('run.output', ({ dispatchId, entries }) => receiveRunOutput(dispatchId, entries)),
    // The desktop shell shows a run from a notification or the tray menu.
    on('ui.navigate', ({ href }) => navigate(href)),
    // The desktop also shows these as OS notifications; in a browser this is the only place.
    on('notification', (notice) => {
      const { kind, text, details, action } = noticeToast(notice);
      showToast(kind, text, { details, action });
    }),
    // Events sent while the stream was down (or not yet open) are gone: reload everything.
    onStreamOpen(() => {
      void loadAll();
      resyncRunLogs();
      resyncActiveChains();
    }),
  ];
  void loadAll();
  return () => {
    for (const stop of stops) stop();
  };
}
