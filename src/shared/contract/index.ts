import type { z } from 'zod';
import { automationChannels } from './automation';
import { boardChannels } from './board';
import { changesChannels } from './changes';
import { terminalChannels } from './terminals';
import { capturePreviewChannels } from './capture-preview';
import { dispatchChannels } from './dispatches';
import { iterationChannels } from './iterations';
import { projectChannels } from './projects';
import { reviewChannels } from './reviews';
import { runnerChannels } from './runners';
import { runnerHealthChannels } from './runner-health';
import { settingsChannels } from './settings';
import { taskChannels } from './tasks';
import { EVENT_NAMES, type EventName } from './events';
import { type CHANNEL_NAME_LIST, type EVENT_NAME_LIST } from './names';

export * from './errors';
export * from './names';
export * from './events';
export * from './projects';
export * from './tasks';
export * from './capture-preview';
export * from './runners';
export * from './runner-health';
export * from './automation';
export * from './dispatches';
export * from './changes';
export * from './terminals';
export * from './iterations';
export * from './reviews';
export * from './settings';
export * from './paging';
export * from './board';

/** Every request/response channel, keyed by its name. */
export const channels = {
  ...projectChannels,
  ...taskChannels,
  ...capturePreviewChannels,
  ...runnerChannels,
  ...runnerHealthChannels,
  ...dispatchChannels,
  ...changesChannels,
  ...terminalChannels,
  ...iterationChannels,
  ...automationChannels,
  ...reviewChannels,
  ...settingsChannels,
  ...boardChannels,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
/** What a caller may pass (defaults not yet applied). */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives, after validation and defaults. */
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
export function isEventName(name: string): name is EventName {
  return (EVENT_NAMES as string[]).includes(name);
}

// The preload's schema-free name lists must match the contract exactly (see names.ts).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelListMatches: Same<(typeof CHANNEL_NAME_LIST)[number], ChannelName> = true;
const eventListMatches: Same<(typeof EVENT_NAME_LIST)[number], EventName> = true;
void channelListMatches;
void eventListMatches;
