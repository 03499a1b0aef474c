import type { HostKeyPolicy } from '@shared/domain/runner';
import { AppError } from '../../errors';
import { fingerprintOf, keyTypeOf, signatureAlgorithmsFor } from './fingerprint';
import type { KnownHostsStore } from './store';

export type HostKeyOutcome =
  | { kind: 'known'; fingerprint: string }
  | { kind: 'recorded'; fingerprint: string }
  | { kind: 'unknown-refused'; fingerprint: string }
  | { kind: 'mismatch'; fingerprint: string; expected: string[] };

/** A refused host key, with what was presented and expected, so the UI can show both. */
export class HostKeyError extends AppError {
  constructor(
    code: 'HOST_KEY_MISMATCH' | 'HOST_KEY_UNKNOWN',
    message: string,
    readonly outcome: HostKeyOutcome,
  ) {
    super(code, message);
  }
}

export interface HostKeyCheck {
  /**
   * Host key algorithms to offer: when keys are recorded, only their types, so a server (or
   * someone in the middle) cannot dodge the comparison by showing a key of another type.
   */
  readonly serverHostKeyAlgorithms: string[] | undefined;
  /** ssh2's hostVerifier: runs during key exchange, before any credential is sent. */
  verify(keyBlob: Buffer): boolean;
  outcome(): HostKeyOutcome | null;
  /** The error to report when verification refused the key. */
  error(): HostKeyError | null;
}

export function createHostKeyCheck(
  store: KnownHostsStore,
  policy: HostKeyPolicy,
  host: string,
  port: number,
  label: string,
): HostKeyCheck {
  const known = store.lookup(host, port);
  const knownTypes = [...new Set(known.map((k) => k.keyType))];
  let outcome: HostKeyOutcome | null = null;
  const where = port === 22 ? host : `${host}:${port}`;

  return {
    serverHostKeyAlgorithms: knownTypes.length > 0 ? knownTypes.flatMap(signatureAlgorithmsFor) : undefined,
    verify(keyBlob) {
      const fingerprint = fingerprintOf(keyBlob);
      if (known.length > 0) {
        const matches = known.some((k) => k.keyBlob.equals(keyBlob));
        outcome = matches
          ? { kind: 'known', fingerprint }
          : { kind: 'mismatch', fingerprint, expected: known.map((k) => fingerprintOf(k.keyBlob)) };
        return matches;
      }
      if (policy === 'strict') {
        outcome = { kind: 'unknown-refused', fingerprint };
        return false;
      }
      store.record(host, port, keyTypeOf(keyBlob), keyBlob);
      outcome = { kind: 'recorded', fingerprint };
      return true;
    },
    outcome: () => outcome,
    error() {
      if (outcome?.kind === 'mismatch') {
        return new HostKeyError(
          'HOST_KEY_MISMATCH',
          `The host key of ${label} (${where}) has changed: it presents ${outcome.fingerprint}, but ` +
            `${outcome.expected.join(' or ')} was recorded. Someone may be intercepting the connection. ` +
            `If the machine was reinstalled, check the new fingerprint with its administrator, then ` +
            `choose "Forget the recorded key" on the Runners page (or remove its entry from ${store.file}) and ` +
            `test the runner again.`,
          outcome,
        );
      }
      if (outcome?.kind === 'unknown-refused') {
        return new HostKeyError(
          'HOST_KEY_UNKNOWN',
          `${label} (${where}) presents host key ${outcome.fingerprint}, which is not recorded, and the ` +
            `runner's host key policy is strict. Check the fingerprint with the machine's administrator, ` +
            `then switch the policy to accept-new once to record it.`,
          outcome,
        );
      }
      return null;
    },
  };
}
