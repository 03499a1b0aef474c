import type { Services } from '../core/services';
import type { Handlers } from './router';

/** Binds each contract channel to its service call. Inputs arrive here already validated. */
export function createHandlers(services: Services): Handlers {
  const { projects, tasks, runners, runnerChecks, runnerHealth, runs, reviews, settings, capture } = services;
  const { dispatches, lifecycle, maintenance } = runs;
  return {
    'projects.list': () => projects.list(),
    'projects.upsert': (input) => projects.upsert(input),
    'projects.remove': ({ id }) => projects.remove(id),

    'tasks.list': (input) => tasks.list(input),
    'tasks.get': ({ id }) => tasks.get(id),
    'tasks.create': (input) => tasks.create(input),
    'tasks.update': (input) => lifecycle.update(input),
    'tasks.capture': (input) => capture.capture(input),
    'tasks.previewCapture': (input) => capture.preview(input),
    'tasks.delete': ({ id }) => lifecycle.remove(id),

    'runners.list': () => runners.list(),
    'runners.upsert': (input) => runners.upsert(input),
    'runners.remove': ({ id }) => runners.remove(id),
    'runners.test': ({ id }) => runnerChecks.test(id),
    'runners.lastTests': () => runnerChecks.lastTests(),
    'runners.importKey': (input) => runners.importKey(input),
    'runners.forgetHostKey': ({ id }) => runners.forgetHostKey(id),
    'runners.health': () => runnerHealth.list(),
    'runners.reconnect': ({ id }) => runnerHealth.reconnect(id),

    'dispatches.list': (input) => dispatches.list(input),
    'dispatches.history': ({ taskId }) => dispatches.history(taskId),
    'dispatches.get': ({ id }) => dispatches.get(id),
    'dispatches.queue': (input) => dispatches.queue(input),
    'dispatches.followUp': (input) => dispatches.followUp(input),
    'dispatches.chains': ({ taskId }) => runs.chains.list(taskId),
    'dispatches.changes': ({ id }) => services.changes.read(id),
    'terminals.open': (input) => services.terminals.open(input),
    'terminals.input': (input) => services.terminals.input(input),
    'terminals.resize': (input) => services.terminals.resize(input),
    'terminals.close': (input) => services.terminals.close(input),
    'terminals.keepAlive': (input) => services.terminals.keepAlive(input),
    'automation.log': (input) => services.automation.log(input),
    'automation.run': ({ taskId }) => services.automation.run({ taskId, onDemand: true }),
    'pullRequests.status': () => services.automation.statuses(),
    // A run is canceled by its own id, through the service of what it belongs to.
    'dispatches.cancel': ({ dispatchId }) => {
      const reviewId = dispatches.reviewOf(dispatchId);
      return reviewId === null ? dispatches.cancel(dispatchId) : reviews.cancel(reviewId, dispatchId);
    },
    'dispatches.discardHistory': ({ taskId }) => dispatches.discardHistory(taskId),
    'dispatches.events': (input) => dispatches.events(input),
    'dispatches.watch': ({ dispatchId, watching }) => dispatches.watch(dispatchId, watching),
    'queue.get': () => ({ paused: runs.scheduler.paused }),
    'queue.board': (input) => tasks.board(input),
    'queue.setPaused': ({ paused }) => runs.setPaused(paused),
    'maintenance.cleanup': () => maintenance.cleanup(),
    'maintenance.reset': ({ runnerId }) => maintenance.reset(runnerId),

    'reviews.list': () => reviews.list(),
    'reviews.get': ({ reviewId }) => reviews.get(reviewId),
    'reviews.history': ({ reviewId }) => reviews.history(reviewId),
    'reviews.create': (input) => reviews.create(input),
    'reviews.rerun': (input) => reviews.rerun(input),
    'reviews.cancel': ({ reviewId }) => reviews.cancel(reviewId),
    'reviews.delete': ({ reviewId }) => reviews.delete(reviewId),

    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input),
  };
}
