// Prints one report: the glyph check, one print with the 目录's page numbers filled in afterwards
// (a second print only if that fails), bookmarks and metadata, the PDF's bytes made deterministic
// (dates from SOURCE_DATE_EPOCH or the report); and the HTML to publish, with its fonts and images.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import { pointAt } from '../parse/locate.js';
import { fillTocPages, type Rendered } from '../render/document.js';
import { fontFaces, type FontFace, type Fonts } from '../print/fonts.js';
import { finishPdf } from '../print/finish.js';
import { printFile, removeTemp, writeTemp } from '../print/pdf.js';
import { writeAtomic } from '../cli/write.js';
import type { Browser } from 'puppeteer-core';
import type { Job } from './plan.js';

export interface Printed {
  pdf: Uint8Array;
  html: string;
  pages: number;
  /** The font files the HTML names (under fonts/). */
  fonts: FontFace[];
  /** The report's images (relative to its folder), named by the HTML under imageDir(name). */
  images: string[];
  /** The 目录 needed a second print. */
  twoPasses: boolean;
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

/** The font files the published HTML uses, copied next to it under fonts/. */
export const FONT_DIR = 'fonts';

/** The folder next to a published HTML that holds its images (paths as in the report folder). */
export const imageDir = (name: string): string => `${name}.files`;

/** The report folder as a file URL (ending in /): its images are resolved against it, never against --out. */
export function reportBase(vfile: VFile): string {
  return pathToFileURL(resolve(vfile.path) + '/').href;
}

/** The temporary files of the prints in progress (removed on a signal before exiting). */
export const liveTemps = new Set<string>();

/**
 * Prints one report from its rendered HTML (placeholder page numbers in the 目录, images under
 * `reportBase`) with the browser `browserOf` gives: one print, the 目录's numbers, bookmarks and
 * metadata filled into the PDF; a second print only when the numbers cannot be filled in. Returns
 * the PDF, the HTML to publish (fonts and images by relative URL) and its fonts.
 */
export async function printReport(browserOf: () => Promise<Browser>, job: Job, fonts: Fonts, outDir: string, rendered: Rendered): Promise<Printed> {
  const { vfile, name } = job;
  const report = vfile.data.report!;
  const print = report.template.manifest.print ?? {};
  const fill = (t: string) => t.replace(/\{\{\s*部门\s*\}\}/gu, report.frontMatter.department).replace(/\{\{\s*年度\s*\}\}/gu, String(report.frontMatter.year));
  const meta = {
    title: fill(print.title ?? '{{部门}}'),
    author: report.frontMatter.department,
    subject: fill(print.metadata?.subject ?? ''),
    keywords: (print.metadata?.keywords ?? []).map(fill),
    lang: 'zh-CN',
    date: buildDate(vfile),
  };
  const roots = [...fonts.roots, resolve(vfile.path)];
  const titles = rendered.headings.map((h) => h.shown);
  const temp = writeTemp(outDir, name, rendered.html);
  liveTemps.add(temp);
  const refused: string[] = [];
  try {
    const browser = await browserOf();
    if (process.env.JUESUAN_TEST_CRASH_BROWSER === name) browser.process()?.kill('SIGKILL');
    const pass1 = await printFile(browser, temp, roots);
    refused.push(...pass1.refused);
    let finished = finishPdf(pass1.pdf, rendered.headings, titles, rendered.placeholders, meta);
    if (!finished.filled) {
      // The 目录 could not be filled in place: print it again with its numbers.
      writeAtomic(temp, fillTocPages(rendered.html, rendered.headings, finished.pages));
      const pass2 = await printFile(await browserOf(), temp, roots);
      refused.push(...pass2.refused);
      finished = finishPdf(pass2.pdf, rendered.headings, titles, [], meta);
    }
    for (const url of new Set(refused)) {
      diagnose(vfile, { rule: 'print/remote-resource', reason: `印刷时拒绝加载「${url}」:只能加载报告与字体的本地文件`, file: vfile.path });
    }
    // The HTML to publish: the printed one with its page numbers, naming only the font files it needs, by relative URL.
    const printedHtml = fillTocPages(rendered.html, rendered.headings, finished.pages);
    const faces = fontFaces(fonts, printedHtml.replace(/<style>[\s\S]*?<\/style>/gu, '').replace(/<[^>]+>/gu, ''), (f) => `${FONT_DIR}/${f.name}`);
    const base = reportBase(vfile);
    const html = printedHtml.replace(fonts.styles, () => faces.css).split(`src="${base}`).join(`src="${encodeURIComponent(imageDir(name))}/`);
    return { pdf: finished.pdf, html, pages: finished.pageCount, fonts: faces.used, images: rendered.images, twoPasses: !finished.filled };
  } finally {
    removeTemp(temp);
    liveTemps.delete(temp);
  }
}
