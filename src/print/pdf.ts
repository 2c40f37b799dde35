// Prints the rendered report to PDF with Chromium: JavaScript off, every request that is not a
// local file of the build refused (and reported), tagged PDF with bookmarks; and makes the bytes
// deterministic (dates from the report or SOURCE_DATE_EPOCH, tagged-PDF node ids renumbered).
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';

export interface PrintResult {
  pdf: Uint8Array;
  /** URLs the page asked for and was refused. */
  refused: string[];
}

/** Prints an HTML file; only files under `roots` may be loaded. */
export async function printFile(browser: Browser, htmlPath: string, roots: string[]): Promise<PrintResult> {
  const page = await browser.newPage();
  const refused: string[] = [];
  const allowed = [dirname(resolve(htmlPath)), ...roots].map((r) => resolve(r) + sep);
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      let ok = false;
      if (url.startsWith('file:')) {
        const path = resolve(fileURLToPath(url));
        ok = allowed.some((root) => path.startsWith(root)) || path === resolve(htmlPath);
      }
      // A request can outlive its page (closed after a failure): never an unhandled rejection.
      if (ok) request.continue().catch(() => undefined);
      else {
        refused.push(url);
        request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluateHandle('document.fonts.ready').catch(() => undefined);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, timeout: 120_000 });
    return { pdf, refused };
  } finally {
    await page.close();
  }
}

/** A PDF date (D:YYYYMMDDHHmmSS) for an instant. */
function pdfDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

/**
 * Makes the bytes depend on the inputs only: the creation and modification dates become `date`,
 * and the tagged-PDF node ids are renumbered in order — each rewrite keeps the byte length, so the
 * cross-reference table stays valid.
 */
export function normalizePdf(pdf: Uint8Array, date: Date): Uint8Array {
  let text = Buffer.from(pdf).toString('latin1');
  const stamp = pdfDate(date);
  text = text.replace(/\/(CreationDate|ModDate) \((D:[^)]*)\)/gu, (_m, key: string, old: string) => `/${key} (${(stamp + old.slice(stamp.length)).slice(0, old.length)})`);
  let n = 0;
  const ids = new Map<string, string>();
  text = text.replace(/\(node(\d+)\)/gu, (m, digits: string) => {
    let id = ids.get(digits);
    if (!id) {
      id = String(++n).padStart(digits.length, '0').slice(-digits.length);
      ids.set(digits, id);
    }
    return `(node${id})`;
  });
  return Buffer.from(text, 'latin1');
}

/** Writes a temporary HTML file next to the output; the caller removes it. */
export function writeTemp(dir: string, name: string, html: string): string {
  const path = join(dir, `.${name}.${process.pid}.tmp.html`);
  try {
    writeFileSync(path, html);
  } catch (error) {
    // A full disk leaves no half-written file behind.
    rmSync(path, { force: true });
    throw error;
  }
  return path;
}

export function removeTemp(path: string): void {
  rmSync(path, { force: true });
}
