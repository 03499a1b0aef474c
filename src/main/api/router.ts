import {
  channels,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
  type Envelope,
} from '@shared/contract';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { safeParseInput, validationError } from './validation';

export type Handler<C extends ChannelName> = (
  input: ChannelParsedInput<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** Every contract channel must have a handler: a missing one is a type error, not a runtime 404. */
export type Handlers = { [C in ChannelName]: Handler<C> };

export interface Router {
  readonly channelNames: readonly ChannelName[];
  call(channel: string, input: unknown): Promise<Envelope<unknown>>;
}

/**
 * Items past which an answer is a long one: a page of a long list takes ~5 ms to read, as long
 * to check and as long again to send. Such an answer is checked, and then given back to be sent,
 * each in a turn of the event loop of its own, so a call that came meanwhile is answered between
 * the steps, not after all of them (and after those of other pages read at the same time).
 */
const LONG_ANSWER_ITEMS = 100;

function isLongAnswer(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('items' in value)) return false;
  return Array.isArray(value.items) && value.items.length > LONG_ANSWER_ITEMS;
}

/** Lets the event loop serve what is waiting (I/O first) before going on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The single entry point of every transport. Input is validated before a handler runs (so bad
 * input changes nothing); output is parsed through the contract so nothing beyond it — no
 * secret column, no internal field — ever reaches a window.
 */
export function createRouter(handlers: Handlers, logger: Logger): Router {
  async function dispatch(name: ChannelName, raw: unknown): Promise<Envelope<unknown>> {
    const def = channels[name];
    const parsed = safeParseInput(def.input, raw ?? undefined);
    if (!parsed.success) return fail(validationError(parsed.error));
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const long = isLongAnswer(value);
      if (long) await nextTurn();
      const out = def.output.safeParse(value);
      if (!out.success) {
        logger.error('handler output does not match the contract', {
          channel: name,
          issues: out.error.issues.slice(0, 3),
        });
        return fail(new AppError('INTERNAL', `${name} produced an invalid answer`));
      }
      if (long) await nextTurn();
      return { ok: true, value: out.data };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      logger.error('handler failed', { channel: name, error: String(error) });
      const message = error instanceof Error ? error.message : String(error);
      return fail(new AppError('INTERNAL', `${name} failed: ${message}`));
    }
  }

  return {
    channelNames: Object.keys(handlers) as ChannelName[],
    call(channel, input) {
      if (!isChannelName(channel)) {
        return Promise.resolve(
          fail(new AppError('UNKNOWN_CHANNEL', `there is no channel named ${JSON.stringify(channel)}`)),
        );
      }
      return dispatch(channel, input);
    },
  };
}

function fail(error: AppError): Envelope<never> {
  return { ok: false, error: error.toBody() };
}
