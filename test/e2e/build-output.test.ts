import { readFileSync } from 'node:fs';
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
});
