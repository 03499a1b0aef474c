import { randomBytes } from 'node:crypto';
import { ID_KINDS, type IdKind } from '@shared/domain/ids';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export interface IdSource {
  next(kind: IdKind): string;
}

function base32(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/**
 * Time-ordered ids (see @shared/domain/ids). Within one millisecond the random part is
 * incremented instead of redrawn, so ids made in a burst still sort in creation order.
 */
export function createIdSource(now: () => number = Date.now): IdSource {
  let lastMs = -1;
  let lastRandom = 0n;
  return {
    next(kind) {
      const ms = now();
      if (ms === lastMs) {
        lastRandom = (lastRandom + 1n) & ((1n << 52n) - 1n);
      } else {
        lastMs = ms;
        lastRandom = BigInt('0x' + randomBytes(7).toString('hex')) >> 4n;
      }
      return `${ID_KINDS[kind]}_${base32(BigInt(ms), 10)}${base32(lastRandom, 10)}`;
    },
  };
}
