import { expect, it } from 'vitest';
import { sshNativeCrypto } from '../../../src/main/core/remote/native-crypto';

// A fresh machine's install builds ssh2's binding for the Node that runs Sortie (scripts/
// ensure-node.sh points npm at that Node's headers). Built against other headers it fails to
// load without a word, and every SSH packet goes through the slower fallback.
it("ssh2's compiled ciphers load in the Node that runs Sortie", () => {
  expect(
    sshNativeCrypto(),
    'ssh2 fell back to its JavaScript ciphers: `source scripts/ensure-node.sh && npm rebuild ssh2 cpu-features`',
  ).toBe(true);
});
