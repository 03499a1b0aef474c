import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type LaunchedBrowser } from '../support/browser';
import { OLD_NODE_PATH, findOldNode } from '../support/old-node';
import { makeTempDir } from '../support/temp-dir';

const ROOT = join(__dirname, '../..');

/**
 * What a first run reads besides the committed tree: copied over the clone so the test checks the
 * working tree's version of them (once committed, the copies change nothing).
 */
const FIRST_RUN_FILES = [
  '.npmrc',
  '.nvmrc',
  '.node-version',
  'package.json',
  'scripts/check-node.cjs',
  'scripts/start.mjs',
  'scripts/build-state.mjs',
  'scripts/electron-binary.mjs',
];

/** A build and the host's start: seconds here, with room for a slow machine. */
const START_TIMEOUT_MS = 240_000;

const oldNode = findOldNode();

/** Whether this checkout's electron package has its binary: the tests then hide it behind an override. */
const BINARY_INSTALLED = existsSync(join(ROOT, 'node_modules/electron/path.txt'));

describe('a first run from a fresh clone, as the README says', () => {
  const temp = makeTempDir('sortie-first-run-');
  const clone = join(temp.path, 'sortie');
  const started: ChildProcess[] = [];
  let browser: LaunchedBrowser | undefined;

  beforeAll(() => {
    const cloned = spawnSync('git', ['clone', '-q', ROOT, clone], { encoding: 'utf8' });
    if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
    for (const file of FIRST_RUN_FILES) {
      if (existsSync(join(ROOT, file))) copyFileSync(join(ROOT, file), join(clone, file));
    }
  });

  afterAll(async () => {
    await browser?.close();
    for (const child of started) await stopGroup(child);
    temp.remove();
  });

  /**
   * `npm install` would take minutes and need the network, so the clone borrows this checkout's
   * installed dependencies through a link. No test may run `npm install` after this: npm
   * replaces a linked node_modules folder.
   */
  function borrowDependencies(): void {
    if (!existsSync(join(clone, 'node_modules'))) {
      symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    }
  }

  /**
   * A user's environment in which the Electron binary cannot be had: a download goes to a port
   * nothing listens on (with a cache of its own, so no earlier download is reused). Where this
   * checkout has the binary, a missing override hides it.
   */
  function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SORTIE_HOME: join(temp.path, 'data'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(temp.path, 'electron-cache'),
    };
    // Each of these would point the run elsewhere (npm's electron_mirror settings win over ELECTRON_MIRROR).
    for (const name of [
      'ELECTRON_EXEC_PATH',
      'ELECTRON_OVERRIDE_DIST_PATH',
      'ELECTRON_SKIP_BINARY_DOWNLOAD',
      'npm_config_electron_mirror',
      'NPM_CONFIG_ELECTRON_MIRROR',
    ]) {
      delete env[name];
    }
    if (BINARY_INSTALLED) env.ELECTRON_OVERRIDE_DIST_PATH = join(temp.path, 'no-electron');
    return { ...env, ...extra };
  }

  /** Runs npm in the clone in a process group of its own, so everything it starts can be stopped. */
  function npm(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
    const child = spawn('npm', args, { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output };
  }

  describe.skipIf('missing' in oldNode)(
    'missing' in oldNode
      ? `under a too-old Node (skipped: ${oldNode.missing})`
      : `under Node ${oldNode.version} (${OLD_NODE_PATH})`,
    () => {
      /** PATH with the old Node first: what `node` and npm's own `#!/usr/bin/env node` find. */
      function oldNodeEnv(): NodeJS.ProcessEnv {
        const bin = join(temp.path, 'old-node-bin');
        if (!existsSync(bin)) {
          mkdirSync(bin);
          symlinkSync(OLD_NODE_PATH, join(bin, 'node'));
        }
        return userEnv({ PATH: `${bin}:${process.env.PATH}` });
      }

      it('npm install stops at once and leaves package-lock.json as committed', async () => {
        const lock = readFileSync(join(clone, 'package-lock.json'), 'utf8');
        const install = npm(['install', '--no-audit', '--no-fund'], oldNodeEnv());
        const code = await exitOf(install.child, 60_000);
        expect(code).not.toBe(0);
        expect(install.output()).toContain('EBADENGINE');
        expect(install.output()).toContain('"node":">=');
        expect(readFileSync(join(clone, 'package-lock.json'), 'utf8')).toBe(lock);
        expect(existsSync(join(clone, 'node_modules'))).toBe(false);
      });

      it('npm start and npm run serve print one line saying what to do, and build nothing', async () => {
        borrowDependencies();
        for (const script of [['start'], ['run', 'serve']]) {
          const run = npm(script, oldNodeEnv());
          expect(await exitOf(run.child, 60_000)).not.toBe(0);
          const ours = sortieLines(run.output());
          expect(ours, run.output()).toEqual([
            expect.stringMatching(
              /^sortie: Node \d+\.\d+\.\d+ is too old, Sortie needs \S+ or newer: run `source scripts\/ensure-node\.sh`/,
            ),
          ]);
          expect(run.output()).not.toMatch(/Segmentation fault|Electron uninstall/);
        }
        expect(existsSync(join(clone, 'out'))).toBe(false);
      });
    },
  );

  it(
    'npm start, when the Electron binary cannot be downloaded, says so, builds, and serves the app to a browser',
    async () => {
      borrowDependencies();
      const start = npm(['start', '--', '--port', '0'], userEnv());
      const url = await printedUrl(start, START_TIMEOUT_MS);

      const ours = sortieLines(start.output());
      if (!BINARY_INSTALLED) {
        expect(ours[0]).toMatch(/^sortie: downloading the Electron binary/);
        expect(ours[1]).toMatch(/^sortie: the Electron binary is missing \(its download failed: .+\)/);
      }
      expect(ours.find((line) => line.includes('missing'))).toMatch(
        /so this starts the headless host instead/,
      );
      expect(ours.at(-1)).toMatch(/^sortie: building the app into out\/ \(no build yet\)$/);
      expect(start.output()).not.toMatch(/Electron uninstall|Segmentation fault|^\s+at /m);

      browser = await launchBrowser();
      await browser.page.goto(url);
      await browser.page.getByRole('button', { name: 'Add a project' }).waitFor({ timeout: 30_000 });
      expect(browser.uncaught).toEqual([]);

      await stopGroup(start.child);
      expect(groupMembers(start.child.pid!)).toEqual([]);
    },
    START_TIMEOUT_MS + 60_000,
  );

  it('npm start with ELECTRON_SKIP_BINARY_DOWNLOAD=1 tries no download, and reuses a current build', async () => {
    borrowDependencies();
    const start = npm(['start', '--', '--port', '0'], userEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }));
    await printedUrl(start, 60_000);
    const ours = sortieLines(start.output());
    expect(ours).toHaveLength(1);
    if (!BINARY_INSTALLED) {
      expect(ours[0]).toMatch(
        /^sortie: the Electron binary is missing \(not downloaded: ELECTRON_SKIP_BINARY_DOWNLOAD is set\)/,
      );
    }
    await stopGroup(start.child);
  });

  it(
    'npm start with an Electron binary opens the app in it through electron-vite preview',
    async () => {
      borrowDependencies();
      // A stand-in for the binary that notes how it was started and exits, as closing the window would.
      const electronDir = join(temp.path, 'fake-electron');
      mkdirSync(electronDir, { recursive: true });
      const log = join(temp.path, 'electron-started');
      writeFileSync(
        join(electronDir, 'electron'),
        `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > ${JSON.stringify(log)}\n`,
      );
      chmodSync(join(electronDir, 'electron'), 0o755);

      const start = npm(['start'], userEnv({ ELECTRON_OVERRIDE_DIST_PATH: electronDir }));
      expect(await exitOf(start.child, START_TIMEOUT_MS), start.output()).toBe(0);
      expect(start.output()).not.toContain('Electron binary is missing');
      // electron-vite builds first, then starts Electron in the app's folder with the app itself (`.`).
      expect(readFileSync(log, 'utf8').split('\n').slice(0, 2)).toEqual([clone, '.']);
      expect(readdirSync(join(clone, 'out'))).toEqual(
        expect.arrayContaining(['main', 'preload', 'renderer']),
      );
    },
    START_TIMEOUT_MS + 60_000,
  );
});

/** The lines Sortie's own scripts print (npm's and the build's have other prefixes). */
function sortieLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('sortie:'));
}

/** The URL the headless host prints once it listens; fails with everything printed so far. */
function printedUrl(run: { child: ChildProcess; output: () => string }, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no URL within ${timeoutMs / 1000} s`)), timeoutMs);
    const poll = setInterval(() => {
      const match = /listening at (http:\/\/\S+)/.exec(run.output());
      if (match) done(undefined, match[1]);
    }, 100);
    const onExit = (code: number | null) => done(new Error(`npm start exited with ${code}`));
    run.child.once('exit', onExit);
    function done(error?: Error, url?: string) {
      clearTimeout(timer);
      clearInterval(poll);
      run.child.off('exit', onExit);
      if (error) reject(new Error(`${error.message}\n${run.output()}`));
      else resolve(url!);
    }
  });
}

function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Live (not zombie) processes of a process group, read from /proc. */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) === pgid && state !== 'Z') members.push(Number(entry));
    } catch {
      // ended while being read
    }
  }
  return members;
}

/** TERM to the whole group npm leads (npm, its shell, Node, the host), KILL to what is left after 5 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid!;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pgid, name);
    } catch {
      // the group is gone already
    }
  };
  if (groupMembers(pgid).length === 0) return;
  signal('SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupMembers(pgid).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupMembers(pgid).length > 0) signal('SIGKILL');
  while (groupMembers(pgid).length > 0) await new Promise((r) => setTimeout(r, 50));
}
