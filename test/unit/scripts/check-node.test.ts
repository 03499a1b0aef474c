import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OLD_NODE_PATH, findOldNode, minimumNode } from '../../support/old-node';

const CHECK = join(__dirname, '../../../scripts/check-node.cjs');
const oldNode = findOldNode();
const floor = minimumNode();
const wanted = floor[2] ? floor.join('.') : `${floor[0]}.${floor[1]}`;

describe('scripts/check-node.cjs', () => {
  it('lets a new enough Node through without a word', () => {
    const result = spawnSync(process.execPath, [CHECK], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toBe('');
  });

  describe.skipIf('missing' in oldNode)(
    'missing' in oldNode
      ? `under an old Node (skipped: ${oldNode.missing})`
      : `under Node ${oldNode.version}`,
    () => {
      it('stops with one line saying what to do', () => {
        const result = spawnSync(OLD_NODE_PATH, [CHECK], { encoding: 'utf8' });
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        const lines = result.stderr.split('\n').filter((line) => line !== '');
        expect(lines).toEqual([
          `sortie: Node ${(oldNode as { version: string }).version} is too old, Sortie needs ${wanted} or newer: ` +
            'run `source scripts/ensure-node.sh` (or `nvm use`) and try again.',
        ]);
      });
    },
  );
});
