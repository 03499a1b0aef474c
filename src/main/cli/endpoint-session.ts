import { request } from 'node:http';
import { createParser } from 'eventsource-parser';
import type { EventName } from '@shared/contract';
import { ApiError, type EventListener, type SortieSession } from './session';

interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** The Sortie behind the endpoint has not finished starting (its routes are not served yet). */
class Starting extends ApiError {
  constructor(message: string) {
    super('INTERNAL', message);
  }
}

/** A running Sortie's local endpoint: JSON-RPC and server-sent events over its socket. */
export function endpointSession(socketPath: string, dataDir: string): SortieSession {
  const streams = new Set<() => void>();

  /** How long a Sortie that says it is starting (503) is asked again, and how often. */
  const STARTING_WAIT_MS = 10_000;
  const STARTING_RETRY_MS = 200;

  async function call(channel: string, input: unknown): Promise<unknown> {
    const until = Date.now() + STARTING_WAIT_MS;
    for (;;) {
      try {
        return await callOnce(channel, input);
      } catch (error) {
        if (!(error instanceof Starting) || Date.now() > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, STARTING_RETRY_MS));
      }
    }
  }

  function callOnce(channel: string, input: unknown): Promise<unknown> {
    const body = JSON.stringify(input ?? {});
    return new Promise((resolve, reject) => {
      const req = request(
        {
          socketPath,
          path: `/api/rpc/${channel}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            let envelope: Envelope;
            try {
              envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Envelope;
            } catch {
              return reject(
                new ApiError('INTERNAL', `Sortie answered ${channel} with something that is not JSON`),
              );
            }
            if (envelope.ok) resolve(envelope.value);
            else if (res.statusCode === 503) reject(new Starting(envelope.error?.message ?? 'starting'));
            else
              reject(new ApiError(envelope.error?.code ?? 'INTERNAL', envelope.error?.message ?? 'failed'));
          });
        },
      );
      req.on('error', (error) =>
        reject(new ApiError('INTERNAL', `lost the running Sortie (${socketPath}): ${error.message}`)),
      );
      req.end(body);
    });
  }

  function listen(listener: EventListener): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const parser = createParser({
        onEvent(event) {
          if (!event.event) return;
          try {
            listener(event.event as EventName, JSON.parse(event.data) as never);
          } catch {
            // A payload that is not JSON is not an event of the contract: skipped.
          }
        },
      });
      const req = request({ socketPath, path: '/api/events', method: 'GET' }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new ApiError('INTERNAL', `Sortie refused its event stream (HTTP ${res.statusCode})`));
        }
        res.setEncoding('utf8');
        let opened = false;
        res.on('data', (chunk: string) => {
          parser.feed(chunk);
          // The stream's first comment says it is subscribed: from here no event is missed.
          if (!opened) {
            opened = true;
            resolve(stop);
          }
        });
      });
      const stop = () => {
        streams.delete(stop);
        req.destroy();
      };
      streams.add(stop);
      req.on('error', (error) =>
        reject(new ApiError('INTERNAL', `lost the running Sortie: ${error.message}`)),
      );
      req.end();
    });
  }

  return {
    kind: 'endpoint',
    dataDir,
    call: call as SortieSession['call'],
    listen,
    async close() {
      for (const stop of [...streams]) stop();
    },
  };
}
