import { existsSync, readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, type AgentAuthMethod, type ConnectConfig, type PublicKeyAuthMethod } from 'ssh2';
import type { HostKeyPolicy } from '@shared/domain/runner';
import { createHostKeyCheck, type HostKeyOutcome } from './host-keys/check';
import type { KnownHostsStore } from './host-keys/store';
import type { Credentials } from './credentials';
import { connectionError } from './ssh-errors';
import type { SshTarget } from './ssh-target';

export interface ConnectOptions {
  target: SshTarget;
  credentials: Credentials;
  knownHosts: KnownHostsStore;
  hostKeyPolicy: HostKeyPolicy;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
}

export interface SshConnection {
  client: Client;
  /** What happened with the target's host key (recorded on first contact, or known). */
  hostKey: HostKeyOutcome | null;
  /** The jump hosts' connections, closed with this one. */
  close(): void;
}

/**
 * Opens an authenticated ssh2 connection, through ProxyJump hops when the config names them.
 * Every hop's host key is checked (during key exchange, so before any credential is sent).
 */
export async function openSshConnection(
  options: ConnectOptions,
  hop: SshTarget = options.target,
): Promise<SshConnection> {
  const jump = hop.jump ? await openSshConnection(options, hop.jump) : null;
  const where = hop === options.target ? hop.label : `jump host ${hop.label}`;
  try {
    const sock = jump ? await forward(jump.client, hop) : tcpSocket(hop);
    const connection = await handshake(options, hop, sock, where);
    return {
      client: connection.client,
      hostKey: connection.hostKey,
      close() {
        connection.client.end();
        jump?.close();
      },
    };
  } catch (error) {
    jump?.close();
    throw error;
  }
}

function tcpSocket(hop: SshTarget): Duplex {
  // No-delay: SSH sends many small packets and Nagle adds ~40 ms to each round trip.
  return netConnect({ host: hop.hostName, port: hop.port, noDelay: true });
}

function forward(via: Client, hop: SshTarget): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, hop.hostName, hop.port, (error, stream) => {
      if (error) reject(connectionError(error, `jump to ${hop.label}`));
      else resolve(stream);
    });
  });
}

function authMethods(hop: SshTarget, credentials: Credentials): (PublicKeyAuthMethod | AgentAuthMethod)[] {
  const username = hop.user;
  const methods: (PublicKeyAuthMethod | AgentAuthMethod)[] = [];
  if (credentials.privateKey) {
    methods.push({
      type: 'publickey',
      username,
      key: credentials.privateKey,
      passphrase: credentials.passphrase,
    });
  }
  if (credentials.agent) methods.push({ type: 'agent', username, agent: credentials.agent });
  for (const file of [...credentials.identityFiles, ...hop.identityFiles]) {
    if (existsSync(file)) methods.push({ type: 'publickey', username, key: readFileSync(file) });
  }
  return methods;
}

function handshake(
  options: ConnectOptions,
  hop: SshTarget,
  sock: Duplex,
  where: string,
): Promise<{ client: Client; hostKey: HostKeyOutcome | null }> {
  const check = createHostKeyCheck(
    options.knownHosts,
    options.hostKeyPolicy,
    hop.hostName,
    hop.port,
    hop.label,
  );
  const client = new Client();
  const config: ConnectConfig = {
    sock,
    host: hop.hostName,
    port: hop.port,
    username: hop.user,
    readyTimeout: options.readyTimeoutMs,
    keepaliveInterval: options.keepaliveIntervalMs,
    keepaliveCountMax: options.keepaliveCountMax,
    hostVerifier: (key: Buffer) => check.verify(key),
    authHandler: authMethods(hop, options.credentials),
    ...(check.serverHostKeyAlgorithms
      ? { algorithms: { serverHostKey: check.serverHostKeyAlgorithms as never } }
      : {}),
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    client.once('ready', () => {
      settled = true;
      // Requests, answers and a terminal's keystrokes are small and wait on each other: Nagle's
      // algorithm would hold a small packet back until the previous one is acknowledged.
      client.setNoDelay(true);
      resolve({ client, hostKey: check.outcome() });
    });
    client.on('error', (error) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(check.error() ?? connectionError(error, where));
    });
    client.once('close', () => {
      if (settled) return;
      settled = true;
      reject(
        check.error() ?? connectionError(new Error('the connection closed during the handshake'), where),
      );
    });
    client.connect(config);
  });
}
