import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { Runner } from '@shared/contract';
import { AppError } from '../errors';

/** Where and as whom to connect, after ~/.ssh/config has been applied. */
export interface SshTarget {
  /** What the user wrote (a host or a config alias), for messages. */
  label: string;
  hostName: string;
  port: number;
  user: string;
  /** IdentityFile entries of the config, `~` expanded locally. */
  identityFiles: string[];
  /** The hop to go through first (ProxyJump), itself resolved through the config. */
  jump: SshTarget | null;
}

const MAX_JUMPS = 4;

/**
 * Applies the user's OpenSSH client config to a runner, as `ssh` would: the runner's own port
 * and user win over the config (like command-line options), HostName, User, Port,
 * IdentityFile and ProxyJump come from the matching Host blocks.
 */
export function resolveSshTarget(
  runner: Pick<Runner, 'host' | 'port' | 'user' | 'name'>,
  configText: string | null,
): SshTarget {
  const config = configText ? SSHConfig.parse(configText) : null;
  return resolve(runner.host, runner.port, runner.user, config, 0);
}

function resolve(
  host: string,
  port: number | null,
  user: string | null,
  config: SSHConfig | null,
  depth: number,
): SshTarget {
  const computed = config ? config.compute(host) : {};
  const first = (key: string): string | undefined => {
    const value = (computed as Record<string, unknown>)[key];
    if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const all = (key: string): string[] => {
    const value = (computed as Record<string, unknown>)[key];
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
    return typeof value === 'string' ? [value] : [];
  };

  const configPort = first('Port');
  const target: SshTarget = {
    label: host,
    hostName: first('HostName')?.replace(/%h/g, host) ?? host,
    port: port ?? (configPort ? Number(configPort) : 22),
    user: user ?? first('User') ?? userInfo().username,
    identityFiles: all('IdentityFile').map(expandLocalHome),
    jump: null,
  };
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new AppError(
      'VALIDATION_FAILED',
      `~/.ssh/config gives ${host} an invalid Port ${configPort}`,
      'host',
    );
  }

  const proxyJump = first('ProxyJump');
  if (proxyJump && proxyJump.toLowerCase() !== 'none') {
    if (depth >= MAX_JUMPS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `ProxyJump for ${host} goes through more than ${MAX_JUMPS} hops`,
        'host',
      );
    }
    // A chain `a,b` reaches b through a: the last hop is the one next to the target.
    const hops = proxyJump
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    let previous: SshTarget | null = null;
    for (const hop of hops) {
      const parsed = parseJumpSpec(hop);
      const resolved = resolve(parsed.host, parsed.port, parsed.user, config, depth + 1);
      resolved.jump = resolved.jump ?? previous;
      previous = resolved;
    }
    target.jump = previous;
  }
  return target;
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
function parseJumpSpec(spec: string): { host: string; port: number | null; user: string | null } {
  const bare = spec.replace(/^ssh:\/\//, '');
  const at = bare.lastIndexOf('@');
  const user = at >= 0 ? bare.slice(0, at) : null;
  const rest = at >= 0 ? bare.slice(at + 1) : bare;
  const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest) ?? /^([^:]+)(?::(\d+))?$/.exec(rest);
  if (!match)
    throw new AppError('VALIDATION_FAILED', `cannot read ProxyJump host ${JSON.stringify(spec)}`, 'host');
  return { host: match[1]!, port: match[2] ? Number(match[2]) : null, user };
}

export function expandLocalHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return path;
}
