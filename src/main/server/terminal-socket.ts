import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { channels } from '@shared/contract';
import type { Logger } from '../core/logger';
import type { TerminalService } from '../core/services/terminals/service';

/** The path of a terminal's stream: `/api/terminals/<terminalId>/stream`. */
export const TERMINAL_STREAM_PATH = /^\/api\/terminals\/(trm_[0-9a-z]{20})\/stream$/;

/**
 * The headless host's terminal streams: one WebSocket per terminal opened with `stream:
 * 'socket'`, its only reader and writer. Binary messages are keystrokes (bytes as typed) one way
 * and output (UTF-8) the other; a text message `{"type":"resize","cols":…,"rows":…}` resizes,
 * and the host ends with `{"type":"exit","exitCode":…}`. The socket closing closes the terminal:
 * a closed tab leaves no shell behind.
 */
export function createTerminalSockets(terminals: TerminalService, logger: Logger) {
  const server = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const resizeInput = channels['terminals.resize'].input;

  return {
    /** Takes an authorized upgrade request for the terminal's stream. */
    handle(request: IncomingMessage, socket: Duplex, head: Buffer, terminalId: string): void {
      server.handleUpgrade(request, socket, head, (ws) => {
        const detach = terminals.attach(terminalId, {
          data: (text) => ws.send(Buffer.from(text, 'utf8'), { binary: true }),
          exit: (exitCode) => {
            ws.send(JSON.stringify({ type: 'exit', exitCode }));
            ws.close(1000, 'the shell ended');
          },
        });
        if (!detach) {
          ws.close(4404, 'no such terminal, or it streams elsewhere');
          return;
        }
        ws.on('message', (data, isBinary) => {
          const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
          try {
            if (isBinary) {
              terminals.write(terminalId, bytes);
              return;
            }
            const message = JSON.parse(bytes.toString('utf8')) as {
              type?: unknown;
              cols?: unknown;
              rows?: unknown;
            };
            const resize = resizeInput.safeParse({ terminalId, cols: message.cols, rows: message.rows });
            if (message.type === 'resize' && resize.success) terminals.resize(resize.data);
          } catch (error) {
            // The terminal ended meanwhile, or the message was not understood: nothing to do.
            logger.info('terminal stream message ignored', { terminalId, error: String(error) });
          }
        });
        ws.on('close', detach);
        ws.on('error', detach);
      });
    },
    close(): void {
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}

export type TerminalSockets = ReturnType<typeof createTerminalSockets>;
