// Reference page images: the seed report and the Shanghai 文化和旅游局 report are built (one batch,
// shared browser), the pages listed in fixtures/print-reference/pages.ts rendered with pdftoppm (grey,
// 50 dpi) and compared with the kept images: at most 1.5 % of the pixels may differ, so a layout
// change is seen. UPDATE_REFERENCE=1 rewrites the images instead (look at them before committing).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/report.js';
import { differingShare, readPng, type Grey } from './helpers/png.js';
import { REFERENCE_REPORTS } from './fixtures/print-reference/pages.js';

const UPDATE = process.env.UPDATE_REFERENCE === '1';
const FIXTURES = join(ROOT, 'test', 'fixtures', 'print-reference');
const LIMIT = 0.015;
const out = mkdtempSync(join(tmpdir(), 'juesuan-reference-'));
const pdftoppm = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
const missing = pdftoppm.error ? 'pdftoppm 未安装(poppler-utils):请运行 bash scripts/ensure-browser.sh --with-poppler,或 apt-get install -y poppler-utils' : '';

const folder = (report: string) => basename(report.replace(/\/\d{4}$/u, '')) + '-' + report.slice(-4);
const fixture = (report: string, page: number) => join(FIXTURES, folder(report), `page-${String(page).padStart(2, '0')}.png`);

/** One page of a PDF as a grey image (50 dpi); the PNG's path. */
function render(pdf: string, page: number): string {
  const base = join(out, `${basename(pdf, '.pdf')}-${page}`);
  const r = spawnSync('pdftoppm', ['-gray', '-r', '50', '-f', String(page), '-l', String(page), '-singlefile', '-png', pdf, base], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return `${base}.png`;
}

const pageText = (pdf: string, page: number) => spawnSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/gu, '');

beforeAll(() => {
  if (missing) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'juesuan.js'), 'build', ...REFERENCE_REPORTS.map((x) => x.report), '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stdout + r.stderr).toBe(0);
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('printed pages look like their reference images', () => {
  it('has pdftoppm to render pages with', () => {
    expect(missing, missing).toBe('');
  });

  for (const { report, pdf, pages } of REFERENCE_REPORTS) {
    for (const { page, shows } of pages) {
      it.skipIf(missing !== '')(`${folder(report)} page ${page} (${shows})`, () => {
        const file = join(out, pdf);
        expect(pageText(file, page), `page ${page} no longer shows「${shows}」: the pages moved; update pages.ts and the images`).toContain(shows.replace(/\s+/gu, ''));
        const png = render(file, page);
        const target = fixture(report, page);
        if (UPDATE) {
          mkdirSync(join(target, '..'), { recursive: true });
          copyFileSync(png, target);
          return;
        }
        const share = differingShare(readPng(readFileSync(png)), readPng(readFileSync(target)));
        expect(share, `page ${page}: ${Math.round(share * 10000) / 100}% of the pixels differ from ${target.slice(ROOT.length + 1)} (UPDATE_REFERENCE=1 rewrites it after a wanted change)`).toBeLessThan(LIMIT);
      });
    }
  }

  it.skipIf(missing !== '' || UPDATE)('tells two different pages apart (the comparison can fail)', () => {
    const [seed, shanghai] = REFERENCE_REPORTS as [(typeof REFERENCE_REPORTS)[0], (typeof REFERENCE_REPORTS)[0]];
    const a: Grey = readPng(readFileSync(fixture(seed.report, seed.pages[2]!.page)));
    const b: Grey = readPng(readFileSync(fixture(seed.report, seed.pages[3]!.page)));
    expect(differingShare(a, b)).toBeGreaterThan(LIMIT);
    // A landscape page against a portrait one: different sizes are entirely different.
    expect(differingShare(a, readPng(readFileSync(fixture(shanghai.report, shanghai.pages[1]!.page))))).toBe(1);
  });
});
