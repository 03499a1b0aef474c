import { parseArgs } from 'node:util';

export interface HostArgs {
  host: string;
  port: number;
  dataDir: string | undefined;
  /** Names besides `host` a browser may reach the host by (requests naming others are refused). */
  allowedHosts: string[];
}

export const USAGE = `Usage: npm run serve [-- --host 127.0.0.1] [--port 7311] [--data-dir DIR] [--allow-host NAME]

Runs Sortie headless: the same app as the desktop window, in a browser.
  --host        address to bind (default 127.0.0.1; anything else exposes the API to your network)
  --port        port to bind (default 7311; 0 picks a free one)
  --data-dir    where the database and token live (default $SORTIE_HOME or ~/.sortie)
  --allow-host  another name the browser may reach this host by, e.g. when binding 0.0.0.0
                (repeatable or comma-separated); requests naming any other host are refused`;

/** Throws an Error whose message is meant for the person who typed the command. */
export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '7311' },
      'data-dir': { type: 'string' },
      'allow-host': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new Error(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, not ${JSON.stringify(values.port)}`);
  }
  const allowedHosts = values['allow-host']
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return { host: values.host, port, dataDir: values['data-dir'], allowedHosts };
}
