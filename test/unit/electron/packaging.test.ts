import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('packaging', () => {
  it('builds installers for every desktop platform', () => {
    expect(config).toMatch(/target: \[AppImage, deb\]/);
    expect(config).toMatch(/target: \[dmg\]/);
    expect(config).toMatch(/target: \[nsis\]/);
  });

  it('turns off running as Node and the inspector in the packaged app', () => {
    expect(config).toMatch(/runAsNode: false/);
    expect(config).toMatch(/enableNodeCliInspectArguments: false/);
    expect(config).toMatch(/enableNodeOptionsEnvironmentVariable: false/);
  });

  it('ships the icons electron-builder.yml names, at the sizes their names say', () => {
    const named = [...config.matchAll(/^\s*icon:\s*(\S+)\s*$/gm)].map((m) => m[1]!);
    // The app's icon, and Linux's folder of sizes.
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const path of named) {
      const full = join(root, path);
      expect(existsSync(full), path).toBe(true);
      if (!statSync(full).isDirectory()) {
        expect(pngSize(full), path).not.toBeNull();
        continue;
      }
      const sizes = readdirSync(full).filter((name) => name.endsWith('.png'));
      expect(sizes.length, path).toBeGreaterThan(0);
      for (const name of sizes) {
        const side = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
        expect(pngSize(join(full, name)), `${path}/${name}`).toEqual({ width: side, height: side });
      }
    }
  });

  it('copies the tray icons the tray loads into the package', () => {
    const copied = /-\s*from:\s*(\S+)\s*\n\s*to:\s*tray\s*$/m.exec(config)?.[1];
    expect(copied).toBeDefined();
    const tray = readFileSync(join(root, 'src/main/electron/tray.ts'), 'utf8');
    const loaded = [...tray.matchAll(/'([\w@-]+\.png)'/g)].map((m) => m[1]!);
    expect(loaded.length).toBeGreaterThan(0);
    for (const name of loaded) expect(pngSize(join(root, copied!, name)), name).not.toBeNull();
  });
});

/** A PNG's width and height from its header; null if the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } | null {
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
