import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');
const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');

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

  it('ships the icons it names', () => {
    for (const file of [
      'resources/icon.png',
      'resources/icons/512x512.png',
      'resources/tray/tray-idle.png',
      'resources/tray/tray-running.png',
      'resources/tray/tray-attention.png',
    ]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
  });
});
