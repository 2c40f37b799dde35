// Prints one report: the glyph check, a first print for the 目录's page numbers, then the final
// print, the PDF's bytes made deterministic (dates from SOURCE_DATE_EPOCH or the report).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import { pointAt } from '../parse/locate.js';
import { renderDocument } from '../render/document.js';
import type { Fonts } from '../print/fonts.js';
import { bookmarkPages, normalizePdf, printFile, removeTemp, writeTemp } from '../print/pdf.js';
import { writeAtomic } from '../cli/write.js';
import type { Browser } from 'puppeteer-core';
import type { Job } from './plan.js';

export interface Printed {
  pdf: Uint8Array;
  html: string;
  pages: number;
}

/** The date printed in the PDF: SOURCE_DATE_EPOCH, else the report's date, else the end of its year. */
export function buildDate(vfile: VFile): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/u.test(epoch)) return new Date(Number(epoch) * 1000);
  const fm = vfile.data.frontMatter;
  return new Date(`${fm?.date ?? `${fm?.year ?? 1970}-12-31`}T00:00:00Z`);
}

/** Characters of the printed text that the fonts do not cover, reported where the sources have them. */
export function checkGlyphs(vfile: VFile, html: string, fonts: Fonts): void {
  const body = html.replace(/<style>[\s\S]*?<\/style>/u, '').replace(/<[^>]+>/gu, '').replace(/&[a-z#0-9]+;/giu, ' ');
  const missing = new Set<string>();
  for (const ch of body) if (!fonts.covers(ch.codePointAt(0)!) && !/\s/u.test(ch)) missing.add(ch);
  for (const ch of missing) {
    const file = vfile.data.parsed?.files.find((f) => f.file.text.includes(ch));
    const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    diagnose(vfile, {
      rule: 'print/missing-glyph',
      reason: `字符「${ch}」(${code})在印刷字体中没有字形,会印成方框;请改用常用字或补充字体`,
      file: file?.file.path ?? vfile.path,
      place: file ? pointAt(file.file, file.file.text.indexOf(ch)) : undefined,
    });
  }
}

/** The report folder as a file URL (ending in /): its images are resolved against it, never against --out. */
export function reportBase(vfile: VFile): string {
  return pathToFileURL(resolve(vfile.path) + '/').href;
}

/** The temporary files of the prints in progress (removed on a signal before exiting). */
export const liveTemps = new Set<string>();

/** Prints one report with the browser `browserOf` gives: a first pass for the 目录's page numbers, then the final one. */
export async function printReport(browserOf: () => Promise<Browser>, job: Job, fonts: Fonts, outDir: string): Promise<Printed> {
  const { vfile, name } = job;
  const report = vfile.data.report!;
  const narration = vfile.data.narration!;
  const base = reportBase(vfile);
  const roots = [...fonts.roots, resolve(vfile.path)];
  const first = renderDocument(vfile, report, narration, { fontStyles: fonts.styles, pages: new Map(), base });
  const temp = writeTemp(outDir, name, first.html);
  liveTemps.add(temp);
  try {
    const browser = await browserOf();
    if (process.env.JUESUAN_TEST_CRASH_BROWSER === name) browser.process()?.kill('SIGKILL');
    const pass1 = await printFile(browser, temp, roots);
    const byTitle = await bookmarkPages(pass1.pdf);
    const pages = new Map(first.headings.map((h) => [h.id, byTitle.get(h.text.replace(/\s+/gu, '')) ?? 0] as const).filter(([, p]) => p > 0));
    const html = renderDocument(vfile, report, narration, { fontStyles: fonts.styles, pages, base }).html;
    writeAtomic(temp, html);
    const pass2 = await printFile(await browserOf(), temp, roots);
    for (const url of new Set([...pass1.refused, ...pass2.refused])) {
      diagnose(vfile, { rule: 'print/remote-resource', reason: `印刷时拒绝加载「${url}」:只能加载报告与字体的本地文件`, file: vfile.path });
    }
    return { pdf: normalizePdf(pass2.pdf, buildDate(vfile)), html, pages: byTitle.get('\0pages') ?? 0 };
  } finally {
    removeTemp(temp);
    liveTemps.delete(temp);
  }
}
