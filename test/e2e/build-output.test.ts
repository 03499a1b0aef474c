import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const out = join(__dirname, '../../out');

describe('built app', () => {
  it('has a preload that needs nothing but electron, as the sandbox requires', () => {
    const preload = readFileSync(join(out, 'preload/index.js'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('ships a renderer page that only loads its own scripts under a restrictive CSP', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('leaves the benchmark hook out (only `npm run bench` builds it in)', () => {
    const assets = join(out, 'renderer/assets');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      // The hook's global keeps its name through minification; no other code uses it.
      expect(readFileSync(join(assets, name), 'utf8'), name).not.toContain('__sortieBench');
    }
  });
});
