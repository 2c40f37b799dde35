// Test helper: a report whose 情况说明 is typed as published. The published 第三部分 (text taken from
// the PDF) is cut into headings and paragraphs — a line opening with 一、, （一） or 1、 starts one —
// its wrapped lines joined; it replaces the prose of the report's explanation file, whose data blocks
// are kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The published 第三部分 as Markdown: "## " headings and joined paragraphs. */
export function typedPartThree(publishedText: string, from: RegExp, to: RegExp): string {
  const lines = publishedText.split('\n');
  // The last heading that matches: the first ones are the 目录's.
  const start = lines.findLastIndex((l) => from.test(l));
  const end = lines.findIndex((l, i) => i > start && to.test(l));
  const out: string[] = [];
  let paragraph = '';
  const flush = () => {
    if (paragraph.trim()) out.push(paragraph.trim());
    paragraph = '';
  };
  for (const raw of lines.slice(start + 1, end < 0 ? undefined : end)) {
    const line = raw.trim();
    // The heading's second line, page breaks.
    if (!line || line.startsWith('=== page') || (out.length === 0 && !paragraph && /^(部门决算情况)?说明$|^部门决算情况说明$/u.test(line))) continue;
    if (/^[一二三四五六七八九十]+、/u.test(line) || /^（[一二三四五六七八九十]+）/u.test(line)) {
      flush();
      out.push(`## ${line}`);
      continue;
    }
    if (/^\d+(、|\.(?!\d))/u.test(line)) flush();
    paragraph += line;
  }
  flush();
  return out.join('\n\n');
}

/** Replaces the prose of a report's explanation file by `typed`, keeping its data blocks (before it). */
export function typeExplanation(dir: string, file: string, typed: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const blocks = [...text.matchAll(/^```ya?ml data=[^\n]*\n[\s\S]*?^```\n/gmu)].map((m) => m[0]);
  const title = /^# [^\n]*\n/u.exec(text)?.[0] ?? '';
  writeFileSync(path, `${title}\n${blocks.join('\n')}\n${typed}\n`);
}
