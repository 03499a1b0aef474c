/**
 * Channel and event names without their schemas, for the preload script: it must stay tiny and
 * cannot load zod in the sandbox. index.ts checks at compile time that these lists equal the
 * contract's keys exactly, so a channel added there and forgotten here fails the type-check.
 */
export const CHANNEL_NAME_LIST = [
  'projects.list',
  'projects.upsert',
  'projects.remove',
  'tasks.list',
  'tasks.get',
  'tasks.create',
  'tasks.update',
  'tasks.capture',
  'tasks.delete',
  'runners.list',
  'runners.upsert',
  'runners.remove',
  'runners.test',
  'runners.importKey',
  'runners.forgetHostKey',
  'runners.health',
  'runners.reconnect',
  'dispatches.list',
  'dispatches.history',
  'dispatches.get',
  'dispatches.queue',
  'dispatches.followUp',
  'dispatches.cancel',
  'dispatches.discardHistory',
  'dispatches.events',
  'dispatches.watch',
  'dispatches.chains',
  'queue.get',
  'queue.setPaused',
  'maintenance.cleanup',
  'maintenance.reset',
  'reviews.list',
  'reviews.get',
  'reviews.history',
  'reviews.create',
  'reviews.rerun',
  'reviews.cancel',
  'reviews.delete',
  'settings.get',
  'settings.update',
] as const;

export const EVENT_NAME_LIST = [
  'project.changed',
  'task.changed',
  'runner.changed',
  'runner.health',
  'dispatch.updated',
  'run.output',
  'review.updated',
  'chain.updated',
  'settings.changed',
  'notification',
  'queue.changed',
  'ui.navigate',
] as const;

/** IPC channel names of pushed events carry this prefix so they never collide with a request channel. */
export const EVENT_IPC_PREFIX = 'event:';
