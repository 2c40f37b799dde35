// The fonts of the print, from npm packages under free licences (never system fonts): the
// template's body and heading fonts (宋体 → Noto Serif SC, 黑体 → Noto Sans SC, both SIL OFL 1.1,
// from @fontsource), as the per-range files of the packages; the set of characters they cover (the
// glyph gate); and the @font-face rules for only the files a document needs, with the URLs the
// caller gives (files copied next to the HTML, or local files for the print).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PrintSettings } from '../template/print.js';

const require = createRequire(import.meta.url);

type Style = '宋体' | '仿宋' | '楷体' | '黑体';

/** The font juesuan prints each style with; 仿宋 and 楷体 have no free simplified-Chinese font packaged on npm or Debian. */
const PACKAGES: Record<Style, { pkg: string; family: string } | undefined> = {
  宋体: { pkg: '@fontsource/noto-serif-sc', family: 'Noto Serif SC' },
  黑体: { pkg: '@fontsource/noto-sans-sc', family: 'Noto Sans SC' },
  仿宋: undefined,
  楷体: undefined,
};

export interface FontFace {
  /** The family the print style names: juesuan-body, juesuan-heading, juesuan-toc-digits. */
  family: string;
  weight: number;
  /** The font file. */
  path: string;
  /** The file name it is published under. */
  name: string;
  format: 'woff2' | 'woff';
  ranges: [number, number][];
  /** The font's own family name (Noto Serif SC), which a print style may name too. */
  alias?: string;
}

export interface Fonts {
  faces: FontFace[];
  /** Folders the page may load files from. */
  roots: string[];
  /** Whether the body font has a glyph for a code point. */
  covers(codePoint: number): boolean;
  /** Styles the template asks for that juesuan has no font for, with the one printed instead. */
  substitutes: { wanted: string; used: string }[];
  /** <style> with every face, by local file URL (for callers that print from the package files). */
  styles: string;
}

function ranges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of text.split(',')) {
    const r = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/iu.exec(part.trim());
    if (r) out.push([Number.parseInt(r[1]!, 16), Number.parseInt(r[2] ?? r[1]!, 16)]);
  }
  return out;
}

/** The faces of an @fontsource stylesheet (one weight): each range file with its unicode-range. */
function facesOf(pkg: string, weight: number, family: string, realFamily?: string): FontFace[] {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
  const out: FontFace[] = [];
  for (const block of css.matchAll(/@font-face\s*\{([^}]*)\}/gu)) {
    const body = block[1]!;
    const src = /url\(\.\/files\/([^)]+\.woff2)\)/u.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/u.exec(body)?.[1];
    if (!src || !range) continue;
    out.push({ family, weight, path: join(dir, 'files', src), name: src, format: 'woff2', ranges: ranges(range), alias: realFamily });
  }
  return out;
}

function coversIn(faces: FontFace[], cp: number): boolean {
  return faces.some((f) => f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
}

/** Locates the fonts the template asks for; throws when the packages are not installed. */
export function loadFonts(choice: PrintSettings['font'] = {}): Fonts {
  const substitutes: Fonts['substitutes'] = [];
  const pick = (wanted: Style, fallback: Style) => {
    const found = PACKAGES[wanted];
    if (found) return found;
    substitutes.push({ wanted, used: fallback });
    return PACKAGES[fallback]!;
  };
  const body = pick(choice.body ?? '宋体', '宋体');
  const heading = pick(choice.heading ?? '黑体', '黑体');
  const faces: FontFace[] = [];
  for (const weight of [400, 700]) faces.push(...facesOf(body.pkg, weight, 'juesuan-body', body.family));
  for (const weight of [400, 700]) faces.push(...facesOf(heading.pkg, weight, 'juesuan-heading', heading.family));
  // The 目录's page numbers: the body's Latin digits from a file of their own (the .woff twin),
  // so the PDF holds them in a font of their own that a one-pass print can fill in.
  const latin = facesOf(body.pkg, 400, 'juesuan-toc-digits').find((f) => coversIn([f], 0x30));
  if (latin) faces.push({ ...latin, alias: undefined, path: latin.path.replace(/\.woff2$/u, '.woff'), name: latin.name.replace(/\.woff2$/u, '.woff'), format: 'woff', ranges: [[0x30, 0x39]] });
  const bodyFaces = faces.filter((f) => f.family === 'juesuan-body' && f.weight === 400);
  const roots = [...new Set(faces.map((f) => dirname(f.path)))];
  const fonts: Fonts = {
    faces,
    roots,
    substitutes,
    covers: (cp) => cp < 0x20 || coversIn(bodyFaces, cp),
    styles: '',
  };
  fonts.styles = fontFaces(fonts, undefined, (f) => `file://${f.path}`).css;
  return fonts;
}

function rangeCss(r: [number, number][]): string {
  return r.map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`)).join(',');
}

/**
 * The @font-face rules for the faces that `text` needs (all of them when undefined), with each
 * file's URL from `url`, in a <style>; and the faces used, to be copied next to the HTML.
 */
export function fontFaces(fonts: Fonts, text: string | undefined, url: (face: FontFace) => string): { css: string; used: FontFace[] } {
  const points = text === undefined ? undefined : [...new Set([...text].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  // Whether any code point of the text falls in [lo, hi] (binary search in the sorted points).
  const any = (lo: number, hi: number) => {
    let a = 0;
    let b = points!.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (points![m]! < lo) a = m + 1;
      else b = m;
    }
    return a < points!.length && points![a]! <= hi;
  };
  const used = fonts.faces.filter((f) => !points || f.ranges.some(([lo, hi]) => any(lo, hi)));
  const rule = (family: string, f: FontFace) =>
    `@font-face{font-family:"${family}";font-style:normal;font-weight:${f.weight};font-display:block;src:url("${url(f)}") format("${f.format}");unicode-range:${rangeCss(f.ranges)}}`;
  const aliases = new Set<string>();
  const rules = used.flatMap((f) => {
    const key = `${f.alias}/${f.weight}/${f.name}`;
    const withAlias = f.alias && !aliases.has(key);
    if (withAlias) aliases.add(key);
    return withAlias ? [rule(f.family, f), rule(f.alias!, f)] : [rule(f.family, f)];
  });
  return { css: `<style>${rules.join('')}</style>`, used };
}
