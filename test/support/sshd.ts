import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer, Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateKeyPair, type KeyPair } from './ssh-keys';
import { makeTempDir } from './temp-dir';

// sshd refuses to re-exec itself unless started by absolute path.
const SSHD = '/usr/sbin/sshd';
const SFTP_SERVER = '/usr/lib/openssh/sftp-server';
const HOST = '127.0.0.1';
/** The unprivileged account `user: 'test-user'` logs in as. */
export const TEST_USER = 'sortie-test';
/**
 * Every harness temp dir starts with this, so every sshd listener's command line contains it
 * (`pgrep -f` finds leftovers). Per-connection children rename themselves ("sshd: root@notty").
 */
export const SSHD_MARKER = 'sortie-sshd-';

export interface SshdOptions {
  /**
   * `'self'`: the account running the tests. `'test-user'`: {@link TEST_USER}; needs root. The
   * default: `'test-user'` as root, else `'self'`.
   */
  user?: 'self' | 'test-user';
  /** Public key lines authorised besides the harness's own user key. */
  authorizedKeys?: string[];
  maxSessions?: number;
  /** `false`: no `Subsystem sftp` line, as on servers that do not offer SFTP. Default true. */
  sftp?: boolean;
  /**
   * With `user: 'test-user'`: the account to log in as instead of {@link TEST_USER} (created on
   * first use), for tests that change the account's own files such as ~/.bashrc.
   */
  testUserName?: string;
  /**
   * Lines for sshd_config. For most keywords sshd keeps the FIRST value it reads, so these go
   * before the harness defaults and override them; from the first `Match` line on, they go last.
   */
  extraConfig?: string[];
}

export interface Sshd {
  host: typeof HOST;
  port: number;
  username: string;
  /** Home directory of `username` on the "remote" (this) machine. */
  home: string;
  /** The server's temp dir: config, host key, authorized_keys, pid file, log. */
  dir: string;
  hostKey: { publicKey: string; fingerprint: string };
  /** Already in authorized_keys. */
  userKey: KeyPair;
  addAuthorizedKey(publicKeyLine: string): void;
  /**
   * Runs `cmd` (no shell) as `username` and returns its stdout: directly for `'self'`, through
   * `runuser -u sortie-test --` for the test user, so files it creates belong to the remote user.
   */
  runAsUser(cmd: string[]): string;
  /** Kills the listener and every per-connection process, so open connections drop. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same host key. */
  start(): Promise<void>;
  restartWithNewHostKey(): Promise<{ publicKey: string; fingerprint: string }>;
  /**
   * Rewrites sshd_config with these settings changed and makes the listener reread it (SIGHUP).
   * Connections already open keep the settings they started with, as with a real sshd.
   */
  reconfigure(changes: Pick<SshdOptions, 'maxSessions' | 'sftp' | 'extraConfig'>): Promise<void>;
  /** stop(), then deletes `dir`; the instance is unusable afterwards. */
  dispose(): Promise<void>;
  /** Arguments for the OpenSSH `ssh` client, ending with `user@host`; append the remote command. */
  opensshArgs(): string[];
  /** Everything sshd (and its per-connection children) logged so far. */
  log(): string;
  /**
   * This server's session processes (below its listener) whose command line contains `pattern`.
   * Other servers' sessions are never among them, though every fixture logs in as the same
   * account: a test that kills "every worker" must not kill another test file's.
   */
  sessionProcesses(pattern: string): { pid: number; args: string }[];
}

/** Synchronous clean-ups for everything still running; run on a normal process exit. */
const cleanups = new Set<() => void>();
let exitHookInstalled = false;

function onExit(cleanup: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of cleanups) c();
    });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  const isRoot = process.getuid?.() === 0;
  // As root the harness logs in as its own account by default: root's own rc files belong to the
  // machine (one that runs `pyenv init` can hang every login for a minute).
  const user = options.user ?? (isRoot ? 'test-user' : 'self');
  const account =
    user === 'test-user' ? await ensureTestUser(isRoot, options.testUserName ?? TEST_USER) : selfAccount();
  if (isRoot && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const temp = makeTempDir(SSHD_MARKER);
  const dir = temp.path;
  // As root, sshd reads authorized_keys with the target user's uid: that user must reach it.
  chmodSync(dir, 0o755);
  const configPath = join(dir, 'sshd_config');
  const watchdog = guardAgainstCrash(configPath, dir);
  const forgetDir = onExit(() => temp.remove());
  const authorizedKeysPath = join(dir, 'authorized_keys');
  const logPath = join(dir, 'sshd.log');
  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  let hostKey = generateKeyPair(dir, { name: 'ssh_host_ed25519_key', comment: 'sortie-test-host' });
  const userKey = generateKeyPair(dir, { name: 'id_ed25519', comment: `${account.username}@sortie-test` });

  writeFileSync(
    authorizedKeysPath,
    [userKey.publicKey, ...(options.authorizedKeys ?? [])].map((l) => `${l}\n`).join(''),
  );
  chmodSync(authorizedKeysPath, 0o644);
  writeFileSync(logPath, '');

  let port = 0;
  let settings: SshdOptions = { ...options };
  let child: ChildProcess | null = null;
  let forgetChild = () => {};
  const writeConfig = () =>
    writeFileSync(
      configPath,
      sshdConfig({ port, hostKeyPath, authorizedKeysPath, pidPath: join(dir, 'sshd.pid'), ...settings }),
    );

  async function launch(samePort: boolean): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      if (!samePort) port = await freePort();
      writeConfig();
      const offset = statSync(logPath).size;
      const logFd = openSync(logPath, 'a');
      const proc = spawn(SSHD, ['-D', '-e', '-f', configPath], {
        detached: true,
        stdio: ['ignore', logFd, logFd],
      });
      closeSync(logFd);
      proc.unref();
      child = proc;
      const pid = proc.pid;
      if (pid !== undefined) forgetChild = onExit(() => killProcessTree(pid));
      const outcome = await waitListening(proc, logPath, offset, port);
      if (outcome === 'ready') return;
      forgetChild();
      child = null;
      const fresh = readFileSync(logPath).subarray(offset).toString('utf8');
      if (!/Address already in use/.test(fresh) || Date.now() > deadline) {
        throw new Error(`sshd did not start on port ${port}:\n${fresh}`);
      }
      // Someone else holds the port: another free port, or the same one again a little later.
      if (samePort) await sleep(100);
    }
  }

  async function stop(): Promise<void> {
    const proc = child;
    if (!proc) return;
    forgetChild();
    child = null;
    const exited =
      proc.exitCode !== null || proc.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((r) => proc.once('exit', () => r()));
    if (proc.pid !== undefined) killProcessTree(proc.pid);
    await exited;
  }

  try {
    await launch(false);
  } catch (error) {
    watchdog.disarm();
    forgetDir();
    temp.remove();
    throw error;
  }

  const sshd: Sshd = {
    host: HOST,
    get port() {
      return port;
    },
    username: account.username,
    home: account.home,
    dir,
    get hostKey() {
      return { publicKey: hostKey.publicKey, fingerprint: hostKey.fingerprint };
    },
    userKey,
    addAuthorizedKey(line) {
      writeFileSync(authorizedKeysPath, `${line.trim()}\n`, { flag: 'a' });
    },
    runAsUser(cmd) {
      const [file, ...args] = user === 'test-user' ? ['runuser', '-u', account.username, '--', ...cmd] : cmd;
      if (file === undefined) throw new Error('runAsUser needs a command');
      return execFileSync(file, args, {
        encoding: 'utf8',
        cwd: account.home,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    },
    stop,
    sessionProcesses(pattern) {
      const root = child?.pid;
      if (root === undefined) return [];
      return descendantsAndSelf(root)
        .map((pid) => ({ pid, args: commandLine(pid) }))
        .filter(({ args }) => args.includes(pattern));
    },
    async dispose() {
      await stop();
      watchdog.disarm();
      temp.remove();
      forgetDir();
    },
    async start() {
      if (child) throw new Error('sshd is already running');
      await launch(true);
    },
    async reconfigure(changes) {
      const proc = child;
      if (!proc?.pid) throw new Error('sshd is not running');
      settings = { ...settings, ...changes };
      writeConfig();
      const offset = statSync(logPath).size;
      // sshd re-executes itself on SIGHUP, under the same pid, and listens again.
      process.kill(proc.pid, 'SIGHUP');
      const deadline = Date.now() + 10_000;
      while (!readFileSync(logPath).subarray(offset).toString('utf8').includes('Server listening')) {
        if (Date.now() > deadline) throw new Error('sshd did not come back after SIGHUP');
        await sleep(20);
      }
    },
    async restartWithNewHostKey() {
      await stop();
      rmSync(hostKeyPath, { force: true });
      rmSync(`${hostKeyPath}.pub`, { force: true });
      hostKey = generateKeyPair(dir, { name: 'ssh_host_ed25519_key', comment: 'sortie-test-host' });
      await launch(true);
      return { publicKey: hostKey.publicKey, fingerprint: hostKey.fingerprint };
    },
    opensshArgs() {
      return [
        // No user or system client config: the harness must not depend on the machine's ~/.ssh.
        '-F',
        '/dev/null',
        '-p',
        String(port),
        '-i',
        userKey.privateKeyPath,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'BatchMode=yes',
        '-o',
        'LogLevel=ERROR',
        '-o',
        'ConnectTimeout=5',
        `${account.username}@${HOST}`,
      ];
    },
    log: () => readFileSync(logPath, 'utf8'),
  };
  return sshd;
}

function sshdConfig(
  o: SshdOptions & { port: number; hostKeyPath: string; authorizedKeysPath: string; pidPath: string },
): string {
  const extra = o.extraConfig ?? [];
  const firstMatch = extra.findIndex((line) => /^\s*match\s/i.test(line));
  const [overrides, matchBlocks] =
    firstMatch < 0 ? [extra, []] : [extra.slice(0, firstMatch), extra.slice(firstMatch)];
  return [
    ...overrides,
    `ListenAddress ${HOST}`,
    `Port ${o.port}`,
    `HostKey ${o.hostKeyPath}`,
    `PidFile ${o.pidPath}`,
    `AuthorizedKeysFile ${o.authorizedKeysPath}`,
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    'AllowTcpForwarding yes',
    `MaxSessions ${o.maxSessions ?? 10}`,
    'MaxStartups 100:30:200',
    ...(o.sftp === false ? [] : [`Subsystem sftp ${SFTP_SERVER}`]),
    'LogLevel VERBOSE',
    'ClientAliveInterval 0',
    'PrintMotd no',
    ...matchBlocks,
    '',
  ].join('\n');
}

export interface SshConfigEntry {
  alias: string;
  hostName: string;
  port: number;
  user: string;
  identityFile: string;
  /** Alias (or `user@host:port`) of the jump host. */
  proxyJump?: string;
}

/** Writes an OpenSSH client config; every host is pinned to its identity and skips host key checks. */
export function writeSshConfig(file: string, entries: SshConfigEntry[]): void {
  const quote = (v: string) => (/[\s"]/.test(v) ? `"${v.replace(/"/g, '\\"')}"` : v);
  const blocks = entries.map((e) =>
    [
      `Host ${e.alias}`,
      `  HostName ${e.hostName}`,
      `  Port ${e.port}`,
      `  User ${e.user}`,
      `  IdentityFile ${quote(e.identityFile)}`,
      '  IdentitiesOnly yes',
      ...(e.proxyJump ? [`  ProxyJump ${e.proxyJump}`] : []),
      '  StrictHostKeyChecking no',
      '  UserKnownHostsFile /dev/null',
      '  BatchMode yes',
      '  LogLevel ERROR',
      '  ConnectTimeout 5',
    ].join('\n'),
  );
  writeFileSync(file, `${blocks.join('\n\n')}\n`);
}

function selfAccount(): { username: string; home: string } {
  const me = userInfo();
  return { username: me.username, home: me.homedir };
}

async function ensureTestUser(isRoot: boolean, name: string): Promise<{ username: string; home: string }> {
  if (!isRoot) throw new Error(`startSshd({ user: 'test-user' }) needs root to create and log in as ${name}`);
  // Test files run in parallel workers: useradd/usermod may find /etc/passwd locked (exit 10) or
  // the user just created by another worker (exit 9); both are retried or accepted.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if (!passwdEntry(name)) {
        // `*`, not useradd's default `!`: without PAM, sshd rejects `!` accounts as locked even for keys.
        execFileSync('useradd', ['-m', '-s', '/bin/bash', '-p', '*', name], { stdio: 'pipe' });
      } else if (isLocked(name)) {
        execFileSync('usermod', ['-p', '*', name], { stdio: 'pipe' });
      }
      const entry = passwdEntry(name);
      if (entry && !isLocked(name)) return { username: name, home: entry.home };
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 9 && status !== 10) throw error;
    }
    if (Date.now() > deadline) throw new Error(`could not create ${name}`);
    await sleep(50 + Math.random() * 100);
  }
}

function passwdEntry(name: string): { home: string } | null {
  try {
    const line = execFileSync('getent', ['passwd', name], { encoding: 'utf8' });
    const home = line.trim().split(':')[5];
    return home ? { home } : null;
  } catch {
    return null;
  }
}

function isLocked(name: string): boolean {
  const line = readFileSync('/etc/shadow', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  return line?.split(':')[1]?.startsWith('!') ?? false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once sshd logged "Server listening" and accepts TCP, or with 'failed' when it exits first. */
async function waitListening(
  proc: ChildProcess,
  logPath: string,
  offset: number,
  port: number,
): Promise<'ready' | 'failed'> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) return 'failed';
    const fresh = readFileSync(logPath).subarray(offset).toString('utf8');
    if (fresh.includes(`Server listening on ${HOST} port ${port}`) && (await canConnect(port)))
      return 'ready';
    await sleep(20);
  }
  if (proc.pid !== undefined) killProcessTree(proc.pid);
  throw new Error(
    `sshd on port ${port} was not ready within 10 s:\n${readFileSync(logPath).subarray(offset).toString('utf8')}`,
  );
}

/** pid → parent pid, and whether the process is already a zombie, for every process in /proc. */
function processTable(): Map<number, { ppid: number; zombie: boolean }> {
  const table = new Map<number, { ppid: number; zombie: boolean }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // `pid (comm) state ppid …`; comm may itself contain spaces and parentheses.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(ppid), zombie: state === 'Z' });
    } catch {
      // The process exited while we were reading.
    }
  }
  return table;
}

/** The process's command line, its arguments joined by spaces ('' once it is gone). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function descendantsAndSelf(root: number): number[] {
  const table = processTable();
  if (!table.has(root)) return [];
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const [pid, { ppid }] of table) if (ppid === found[i]) found.push(pid);
  }
  return found.filter((pid) => !table.get(pid)?.zombie);
}

/**
 * Kills sshd and everything below it. Each connection's sshd child calls setsid() and rewrites its
 * command line ("sshd: root [priv]"), so neither the process group nor `pgrep -f <config>` finds
 * it: only the parent chain does. The tree is frozen with SIGSTOP first, so nothing forks or gets
 * re-parented to init between listing and killing.
 */
export function killProcessTree(root: number): void {
  const frozen = new Set<number>();
  for (let round = 0; round < 10; round++) {
    const fresh = descendantsAndSelf(root).filter((pid) => !frozen.has(pid));
    if (fresh.length === 0) break;
    for (const pid of fresh) {
      signal(pid, 'SIGSTOP');
      frozen.add(pid);
    }
  }
  for (const pid of frozen) signal(pid, 'SIGKILL');
}

/**
 * The 'exit' hook never runs in vitest's fork workers: they end by SIGTERM (or SIGKILL). So a
 * detached shell waits for EOF on a pipe from this process (EOF comes however it dies), then kills
 * every process whose command line contains `pattern`, with its descendants, and deletes `dir`.
 * The pattern travels in the environment so the watchdog never matches itself.
 */
export function guardAgainstCrash(pattern: string, dir: string): { disarm(): void } {
  const script = [
    'cat >/dev/null',
    'tree() { echo "$1"; for c in $(pgrep -P "$1"); do tree "$c"; done; }',
    'for root in $(pgrep -f -- "$SORTIE_WATCH_PATTERN"); do',
    '  p=$(tree "$root"); kill -STOP $p; p=$(tree "$root"); kill -KILL $p',
    'done 2>/dev/null',
    'rm -rf -- "$SORTIE_WATCH_DIR"',
  ].join('\n');
  const watchdog = spawn('sh', ['-c', script], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, SORTIE_WATCH_PATTERN: pattern, SORTIE_WATCH_DIR: dir },
  });
  watchdog.unref();
  if (watchdog.stdin instanceof Socket) watchdog.stdin.unref();
  watchdog.stdin?.on('error', () => {});
  return {
    disarm() {
      // Its own process group: `sh` and the `cat` it waits on.
      if (watchdog.pid !== undefined) signal(-watchdog.pid, 'SIGKILL');
      watchdog.stdin?.destroy();
    },
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
