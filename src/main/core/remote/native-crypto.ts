import { createRequire } from 'node:module';

/**
 * Whether ssh2 loaded its compiled cipher binding, which npm builds at install for the Node it
 * runs under (the headless host says so when it starts, see server/serve.ts). Without it
 * ssh2 quietly falls back to ciphers built on `node:crypto` objects made afresh for every
 * packet: each call then costs about 0.2 ms more on both ends of a loopback round trip (bench:
 * 0.34 against 0.13 ms), and every byte of output more CPU. A binding built against other
 * headers fails to load the same quiet way.
 */
export function sshNativeCrypto(): boolean {
  try {
    const load = createRequire(__filename);
    return (load('ssh2/lib/protocol/crypto.js') as { bindingAvailable?: boolean }).bindingAvailable === true;
  } catch {
    return false;
  }
}
