// Test helpers for the Shanghai district reports: where they and their published texts are, and the
// published 第三部分 cut into sentences as the sentence-by-sentence tests compare them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VFile } from 'vfile';
import { partThree, withoutDataBlocks } from '../../src/cli/narrate.js';
import { ROOT } from './report.js';

export const WENLV_REPORT = join(ROOT, 'reports', 'shanghai-putuo-wenhualvyou', '2025');
export const WENLV_TEXT = join(ROOT, 'test', 'fixtures', 'published', 'shanghai-putuo-2025', 'putuo-wenhualvyou-2025.txt');
export const SHIQUAN_REPORT = join(ROOT, 'reports', 'shanghai-putuo-shiquanlu', '2025');
export const SHIQUAN_TEXT = join(ROOT, 'test', 'fixtures', 'published', 'shanghai-putuo-2025', 'putuo-shiquanlu-jiedao-2025.txt');

/** Same text whatever the width of the punctuation and the spacing: for comparing sentences. */
export function normalize(text: string): string {
  return text
    .replace(/\s+/gu, '')
    .replace(/[，]/gu, ',')
    .replace(/[；]/gu, ';')
    .replace(/[：]/gu, ':')
    .replace(/[（]/gu, '(')
    .replace(/[）]/gu, ')')
    .replace(/[“”]/gu, '"');
}

export function sentences(text: string): string[] {
  return normalize(text)
    .split(/(?<=。)/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A heading line of the published 第三部分 (一、…情况说明, （一）…情况): left out of the comparison. */
const HEADING = [/^[一二三四五六七八九十]+、\S+(情况说明|管理情况)$/u, /^（[一二三四五]）[^。]+(情况|情况说明)$/u];

/** The published 第三部分 of a Shanghai report (from its first section to 第四部分), headings left out. */
export function publishedPartThree(path: string, firstSection: string): string[] {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(firstSection, text.indexOf('=== page', text.lastIndexOf('第三部分') - 200));
  const end = text.indexOf('第四部分 名词解释', start);
  const body = text
    .slice(start, end)
    .split('\n')
    .filter((line) => !line.startsWith('=== page') && !HEADING.some((h) => h.test(line.trim())))
    .join('');
  return sentences(body);
}

/** The generated 第三部分 of a compiled report, headings, comments and data blocks left out. */
export function generatedPartThree(vfile: VFile): string[] {
  const narration = vfile.data.narration!;
  const report = vfile.data.report!;
  const markdown = ['index.md', ...report.frontMatter.parts].map((f) => narration.files.get(f) ?? '').join('\n');
  const part = withoutDataBlocks(partThree(markdown))
    .replace(/<!--[\s\S]*?-->/gu, '')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
  return sentences(part);
}

/** A difference a published sentence may have from the generated one, with its reason. */
export interface Exception {
  /** The published text (normalized), or a pattern of it… */
  published: string | RegExp;
  /** …and what the generated sentence has in its place. */
  generated: string;
  reason: string;
}

/** A published sentence with the listed differences replaced, in order; `used` collects those that applied. */
export function withExceptions(sentence: string, exceptions: Exception[], used: Set<Exception>): string {
  let out = sentence;
  for (const e of exceptions) {
    const pattern = typeof e.published === 'string' ? normalize(e.published) : e.published;
    const next = typeof pattern === 'string' ? out.split(pattern).join(normalize(e.generated)) : out.replace(pattern, normalize(e.generated));
    if (next !== out) used.add(e);
    out = next;
  }
  return out;
}
