// juesuan import of the second template: every Shanghai report in reports/ (template
// shanghai-district-2025) laid out as its tables print (test/workbooks/shanghai.ts: no 行次/栏次, the
// code in one column, 表七 transposed, zeros printed 0, 表八 and 表九 in one sheet) and imported into a
// copy whose table values are blank gives the report's data, cell for cell (value and 尾数 precision).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/cli/import.js';
import { blankValues } from './helpers/blank.js';
import { compile, copyReport, remove, ROOT } from './helpers/report.js';
import { tableCells } from './helpers/table-cells.js';
import { num, workbookBytes } from './workbooks/sheet-builder.js';
import { shanghaiSheets } from './workbooks/shanghai.js';

const TEMPLATE = 'shanghai-district-2025';

/** Every full (non-partial) report of the Shanghai template under reports/. */
function shanghaiReports(): string[] {
  const base = join(ROOT, 'reports');
  return readdirSync(base).flatMap((dept) =>
    readdirSync(join(base, dept))
      .map((year) => join(base, dept, year))
      .filter((dir) => existsSync(join(dir, 'index.md')))
      .filter((dir) => {
        const head = readFileSync(join(dir, 'index.md'), 'utf8');
        return new RegExp(`^template:\\s*${TEMPLATE}\\s*$`, 'mu').test(head) && !/^partial:/mu.test(head);
      }),
  );
}

const made: string[] = [];
afterAll(() => made.forEach(remove));

describe('import of the Shanghai tables, in their printed layout', () => {
  const all = shanghaiReports();
  it('finds the Shanghai reports', () => expect(all.length).toBeGreaterThanOrEqual(1));
  for (const dir of all) {
    it(`${relative(ROOT, dir)}: the nine tables into a blank copy give the report's data`, () => {
      const source = compile(dir);
      const report = source.data.report!;
      const copy = copyReport(dir);
      made.push(copy);
      const book = join(copy, '..', 'shanghai.xlsx');
      writeFileSync(book, workbookBytes(shanghaiSheets(report), 'xlsx'));
      blankValues(copy, (kind) => report.tables.has(kind));
      expect(tableCells(compile(copy))).not.toEqual(tableCells(source));
      let output = '';
      const status = runImport([book], { into: copy, dryRun: false, force: false }, (s) => (output += s));
      expect(output).not.toMatch(/ {2}(错误|警告) {2}/u);
      expect(status, output).toBe(0);
      expect(output).toMatch(new RegExp(`✔ ${report.tables.size} 张表,0 个错误,0 个警告`, 'u'));
      expect(tableCells(compile(copy))).toEqual(tableCells(source));
    });
  }
});

describe('a faulty Shanghai workbook is refused at its cell, nothing written', () => {
  it('表七 (transposed): a 决算数 that its parts do not add up to', () => {
    const dir = join(ROOT, 'reports', 'shanghai-putuo-wenhualvyou', '2025');
    const report = compile(dir).data.report!;
    const copy = copyReport(dir);
    made.push(copy);
    const sheets = shanghaiSheets(report);
    // 合计 › 决算数 (B7) 3.04 → 3.40; its parts 0 + 2.64 + 0.40 still make 3.04.
    sheets.find((s) => s.name === '三公经费')!.set(6, 1, num('3.40'));
    const book = join(copy, '..', 'fault.xlsx');
    writeFileSync(book, workbookBytes(sheets, 'xlsx'));
    blankValues(copy, (kind) => report.tables.has(kind));
    const before = readFileSync(join(copy, 'tables.md'), 'utf8');
    let output = '';
    const status = runImport([book], { into: copy, dryRun: false, force: false }, (s) => (output += s));
    expect(status).toBe(1);
    expect(output).toMatch(/fault\.xlsx:三公经费!B7 {2}错误 {2}表七/u);
    expect(output).toContain('三公经费!D7');
    expect(output).toContain('未写入任何文件');
    expect(readFileSync(join(copy, 'tables.md'), 'utf8')).toBe(before);
  });
});
