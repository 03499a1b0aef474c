import type { Dispatch, EventName, EventPayload, Task } from '@shared/contract';
import { on, onEventsMissed } from '@renderer/api';
import { errorMessage } from '@renderer/lib/errors';
import { applyAutomationEvent } from './automation-log';
import { applyChain, resyncActiveChains } from './chains';
import { boardHeld, dropBoardFirstLook, loadBoardFirstLook, refreshBoardFirstLook } from './board-first-look';
import { applyChangesTo } from './collection-store';
import { applyDispatches, loadDispatches, removeDispatches } from './dispatches';
import { createFrameBatcher } from './frame-batch';
import { applyProject, loadProjects } from './projects';
import { applyQueueState, loadQueueState } from './queue-state';
import { applyPullRequestStatus, loadPullRequestStatuses } from './pull-request-status';
import { applyReview, loadReviews } from './reviews';
import { receiveRunOutput, resyncRunLogs } from './run-events';
import { applyRunner, loadRunners } from './runners';
import { applySettings, loadSettings } from './settings';
import { dropTasksOfProject, loadTasks, useTasksStore } from './tasks';
import { navigate, routeFromHash } from '@renderer/lib/route';
import { noticeToast } from './toasts';
import { showToast, useUiStore } from './ui';

function report(what: string): (error: unknown) => void {
  return (error) => showToast('error', `Could not load ${what}: ${errorMessage(error)}`);
}

/**
 * Until the board's first look is on screen, or this long, the long lists wait: reading and
 * storing them takes the window's main thread for a hundred milliseconds and more, which would
 * hold back the frame that shows the board.
 */
const FIRST_LOOK_WAIT_MS = 1000;

/**
 * When the window opens on the Queue and holds no board yet, asks for the board's first look
 * and resolves once it is drawn (a frame later), it failed, or FIRST_LOOK_WAIT_MS passed.
 */
function showFirstLook(): Promise<void> {
  if (boardHeld() || routeFromHash(globalThis.location?.hash ?? '').page !== 'queue')
    return Promise.resolve();
  const { queueProjectId, showClosed } = useUiStore.getState();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_LOOK_WAIT_MS);
    void loadBoardFirstLook({ projectId: queueProjectId, showClosed })
      .then((shown) => (shown ? afterNextFrame() : undefined))
      .then(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

/** Resolves in the task after the next frame is drawn. */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** The long lists' load that waits for the first look: its reads are all still to come. */
let longListsWaiting: Promise<unknown> | null = null;

/**
 * Reads the tasks and runs once the board's first look is drawn (showFirstLook). A load asked for
 * while another still waits to begin is that one: its reads come after this call anyway.
 */
function loadLongLists(): Promise<unknown> {
  if (longListsWaiting) return longListsWaiting;
  const load = showFirstLook().then(() => {
    longListsWaiting = null;
    return Promise.all([
      loadDispatches().catch(report('runs')),
      loadTasks(useUiStore.getState().showClosed).catch(report('tasks')),
    ]);
  });
  longListsWaiting = load;
  return load;
}

/**
 * Loads every list shown anywhere in the window. Failures are reported, never thrown. The short
 * lists are asked for at once; the tasks and runs, thousands of them, once the board's first look
 * is drawn (loadLongLists), the runs first: the longest answer, the host works on it first and the
 * window reads it while the host answers the tasks.
 */
export function loadAll(): Promise<void> {
  const longLists = loadLongLists();
  return Promise.all([
    longLists,
    loadProjects().catch(report('projects')),
    loadRunners().catch(report('runners')),
    loadSettings().catch(report('settings')),
    loadReviews().catch(report('reviews')),
    loadPullRequestStatuses().catch(report('pull request status')),
    loadQueueState().catch(report('the queue state')),
  ]).then(() => {
    if (boardHeld()) dropBoardFirstLook();
  });
}

/**
 * The two collections the board is drawn from change by the hundred when many runs move at once,
 * so their events are applied once per animation frame: one store update (and one render) per
 * frame for each, in the order the events came.
 */
const frameBatch = createFrameBatcher();

function applyTaskChanges(changes: (readonly [string, Task | null])[]): void {
  applyChangesTo(useTasksStore, changes);
  refreshBoardFirstLook();
}

function applyRunChanges(runs: readonly Dispatch[]): void {
  applyDispatches(runs);
  refreshBoardFirstLook();
}

/** What a `dispatch.updated` does: the run lands with the others of this frame. */
export function receiveDispatchUpdate({ dispatch }: EventPayload<'dispatch.updated'>): void {
  frameBatch.add<Dispatch>(applyRunChanges, dispatch);
}

/**
 * Subscribes a listener that sees the batched changes applied first: an event handled at once
 * (a deleted project dropping its tasks, say) must not overtake the changes that came before it.
 */
function onInOrder<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return on(event, (payload) => {
    frameBatch.flush();
    listener(payload);
  });
}

/**
 * Subscribes the stores to the core's events and loads them at once, without waiting for the
 * event stream to open: the transport says when what was read may have missed events, and
 * everything is read again then. Returns the unsubscriber.
 */
export function startSync(): () => void {
  const stops = [
    onInOrder('project.changed', ({ projectId, project }) => {
      applyProject(projectId, project);
      if (project === null) dropTasksOfProject(projectId);
      refreshBoardFirstLook();
    }),
    on('task.changed', ({ taskId, task }) => frameBatch.add(applyTaskChanges, [taskId, task] as const)),
    onInOrder('runner.changed', ({ runnerId, runner }) => applyRunner(runnerId, runner)),
    onInOrder('settings.changed', ({ settings }) => applySettings(settings)),
    onInOrder('queue.changed', (state) => applyQueueState(state)),
    on('dispatch.updated', receiveDispatchUpdate),
    // The core names every run it deletes, cascades included: nothing here works them out.
    onInOrder('dispatch.removed', ({ dispatchIds }) => {
      removeDispatches(dispatchIds);
      refreshBoardFirstLook();
    }),
    // Chains have no list of their own: task pages read theirs, events keep them current.
    onInOrder('chain.updated', ({ chain }) => applyChain(chain)),
    onInOrder('review.updated', ({ reviewId, review }) => applyReview(reviewId, review)),
    // What the automation read of a task's pull request, and each decision it made.
    onInOrder('pull-request.updated', ({ status }) => applyPullRequestStatus(status)),
    onInOrder('automation.logged', ({ event }) => applyAutomationEvent(event)),
    // Only the runs open in a live view keep their output; others ignore it. Output streams
    // fast and touches no batched collection, so it neither waits for nor flushes the batch.
    on('run.output', ({ dispatchId, entries }) => receiveRunOutput(dispatchId, entries)),
    // The desktop shell shows a run from a notification or the tray menu.
    onInOrder('ui.navigate', ({ href }) => navigate(href)),
    // The desktop also shows these as OS notifications; in a browser this is the only place.
    onInOrder('notification', (notice) => {
      const { kind, text, details, action } = noticeToast(notice);
      showToast(kind, text, { details, action });
    }),
    // Events sent while the stream was down, or before it subscribed, are gone: read again.
    onEventsMissed(() => {
      frameBatch.flush();
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
