// The fonts of the print: @fontsource's Noto Serif SC and Noto Sans SC, loaded from the local
// package files (never system fonts), and the set of characters they cover, so a build can name
// the characters that would print as boxes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export interface Fonts {
  /** <link> elements for the page. */
  styles: string;
  /** Folders the page may load files from. */
  roots: string[];
  /** Whether the body font has a glyph for a code point. */
  covers(codePoint: number): boolean;
}

const FACES = [
  ['@fontsource/noto-serif-sc', ['400.css', '700.css']],
  ['@fontsource/noto-sans-sc', ['400.css', '700.css']],
] as const;

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

function ranges(css: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of css.matchAll(/unicode-range:\s*([^;]+);/gu)) {
    for (const part of m[1]!.split(',')) {
      const r = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/iu.exec(part.trim());
      if (r) out.push([Number.parseInt(r[1]!, 16), Number.parseInt(r[2] ?? r[1]!, 16)]);
    }
  }
  return out;
}

/** Locates the font packages; throws when they are not installed. */
export function loadFonts(): Fonts {
  const roots: string[] = [];
  const links: string[] = [];
  let bodyRanges: [number, number][] = [];
  for (const [name, files] of FACES) {
    const dir = packageDir(name);
    roots.push(dir);
    for (const file of files) {
      const path = join(dir, file);
      links.push(`<link rel="stylesheet" href="${pathToFileURL(path).href}">`);
      if (name === '@fontsource/noto-serif-sc' && file === '400.css') bodyRanges = ranges(readFileSync(path, 'utf8'));
    }
  }
  bodyRanges.sort((a, b) => a[0] - b[0]);
  return {
    styles: links.join(''),
    roots,
    covers(codePoint) {
      if (codePoint < 0x80) return true;
      return bodyRanges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi);
    },
  };
}
