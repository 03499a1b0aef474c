import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** A Node older than package.json's "engines" asks for: SORTIE_OLD_NODE, else the system one. */
export const OLD_NODE_PATH = process.env.SORTIE_OLD_NODE ?? '/usr/bin/node';

/** The lowest Node version package.json accepts, as [major, minor, patch]. */
export function minimumNode(): number[] {
  const range = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
  ).engines.node;
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range);
  if (!match) throw new Error(`package.json engines.node is not ">=X.Y": ${range}`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

/**
 * The version of OLD_NODE_PATH when it is older than the minimum, else why there is no old Node
 * to test with (tests name that reason when they skip).
 */
export function findOldNode(): { version: string } | { missing: string } {
  if (!existsSync(OLD_NODE_PATH)) return { missing: `no Node at ${OLD_NODE_PATH} (set SORTIE_OLD_NODE)` };
  const answer = spawnSync(OLD_NODE_PATH, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  const version = answer.stdout.trim();
  const have = version.split('.').map(Number);
  const floor = minimumNode();
  const older =
    have[0]! !== floor[0]!
      ? have[0]! < floor[0]!
      : have[1]! !== floor[1]!
        ? have[1]! < floor[1]!
        : have[2]! < floor[2]!;
  return older
    ? { version }
    : {
        missing: `${OLD_NODE_PATH} is Node ${version}, not older than ${floor.join('.')} (set SORTIE_OLD_NODE)`,
      };
}
