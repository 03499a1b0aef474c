import { refractor } from 'refractor';
import { tokenize, type HunkData, type HunkTokens } from 'react-diff-view';

/** Prism languages by file extension (refractor's common set registers these). */
const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'tsx',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'jsx',
  mjs: 'javascript',
  cjs: 'javascript',
  json: 'json',
  md: 'markdown',
  css: 'css',
  scss: 'scss',
  html: 'markup',
  xml: 'markup',
  svg: 'markup',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  rs: 'rust',
  java: 'java',
  kt: 'kotlin',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  hpp: 'cpp',
  cs: 'csharp',
  php: 'php',
  sh: 'bash',
  bash: 'bash',
  yml: 'yaml',
  yaml: 'yaml',
  sql: 'sql',
  swift: 'swift',
  lua: 'lua',
  diff: 'diff',
  ini: 'ini',
  toml: 'ini',
};

/** The highlighting language of a file, or null when there is none to use. */
export function languageOf(path: string): string | null {
  const name = path.split('/').pop() ?? '';
  if (name === 'Dockerfile') return null;
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  const language = LANGUAGES[extension];
  return language && refractor.registered(language) ? language : null;
}

/**
 * Syntax tokens for a file's hunks; null when its language is unknown or highlighting fails
 * (the diff then shows as plain text). react-diff-view reads refractor's older answer shape (a
 * list of nodes), so the newer root's children are handed over.
 */
export function highlightHunks(hunks: HunkData[], path: string): HunkTokens | null {
  const language = languageOf(path);
  if (!language) return null;
  try {
    const legacy = { highlight: (text: string, lang: string) => refractor.highlight(text, lang).children };
    return tokenize(hunks, {
      highlight: true,
      refractor: legacy as unknown as Parameters<typeof tokenize>[1] extends { refractor: infer R }
        ? R
        : never,
      language,
    });
  } catch {
    return null;
  }
}
