// Printing the seed in-process: one print is enough — the 目录's placeholder digits are replaced by
// the pages its bookmarks point at; when the placeholders cannot be found the PDF is printed again
// with the numbers in the HTML; the bookmarks carry the report's headings, not the table titles.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, SEED_REPORT } from './helpers/report.js';
import { renderDocument } from '../src/render/document.js';
import { loadFonts } from '../src/print/fonts.js';
import { finishPdf } from '../src/print/finish.js';
import { readOutline } from '../src/print/outline.js';
import { openPdf } from '../src/print/lazy-pdf.js';
import { printFile, writeTemp } from '../src/print/pdf.js';
import { BrowserPool } from '../src/orchestrate/pool.js';
import { printReport, type Printed } from '../src/orchestrate/print-report.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-print-'));
const vfile = compile(SEED_REPORT);
const fonts = loadFonts(vfile.data.report!.template.manifest.print?.font);
const rendered = renderDocument(vfile, vfile.data.report!, vfile.data.narration!, { fontStyles: fonts.styles });
const pool = new BrowserPool();
let printed: Printed;

beforeAll(async () => {
  printed = await printReport(() => pool.get(), { vfile, name: 'seed', hash: '' }, fonts, out, rendered);
}, 300_000);

afterAll(async () => {
  await pool.close();
  rmSync(out, { recursive: true, force: true });
});

function pageText(pdf: Uint8Array, page: number): string {
  const path = join(out, 'check.pdf');
  writeFileSync(path, pdf);
  return spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }).stdout;
}

describe('one print per report', () => {
  it('prints the seed once, its 目录 numbers filled in from the bookmarks', async () => {
    expect(printed.twoPasses).toBe(false);
    const doc = openPdf(printed.pdf);
    const marks = readOutline(doc);
    const toc = pageText(printed.pdf, 2);
    const listed = rendered.headings.filter((h) => h.toc);
    expect(listed.length).toBeGreaterThan(20);
    for (const h of listed) {
      const mark = marks.find((m) => m.title === h.text)!;
      expect(mark, h.text).toBeDefined();
      const line = toc.split('\n').find((l) => l.replace(/\s/gu, '').startsWith(h.text.replace(/\s/gu, '')));
      expect(line?.trim().split(/\s+/u).pop(), h.text).toBe(String(mark.page));
    }
    // No placeholder digit is left: every number is a page of the document.
    const numbers = toc.split('\n').flatMap((l) => /\s(\d+)\s*$/u.exec(l)?.[1] ?? []).map(Number);
    expect(numbers.every((n) => n >= 1 && n <= printed.pages)).toBe(true);
  });

  it('bookmarks the report’s headings (二、收入决算表), not the titles the table pages show', async () => {
    const doc = openPdf(printed.pdf);
    const titles = readOutline(doc).map((m) => m.title);
    expect(titles).toContain('二、收入决算表');
    expect(titles).not.toContain('收入决算表');
    expect(titles).toEqual(rendered.headings.map((h) => h.text));
  });

  it('says so when the placeholders are not where they were laid out, so that the caller prints again', async () => {
    const temp = writeTemp(out, 'again', rendered.html);
    const pass = await printFile(await pool.get(), temp, fonts.roots);
    const wrong = rendered.placeholders.map((d) => (d + 1) % 10);
    const meta = { title: 't', author: 'a', subject: 's', keywords: [], lang: 'zh-CN', date: new Date(0) };
    const finished = finishPdf(pass.pdf, rendered.headings, rendered.headings.map((h) => h.shown), wrong, meta);
    expect(finished.filled).toBe(false);
    expect(finished.pages.get(rendered.headings.find((h) => h.text === '二、收入决算表')!.id)).toBeGreaterThan(2);
  }, 120_000);
});
