// juesuan export: every report in reports/ exported to .xlsx and imported back into a copy whose
// table values are blank gives the same cells (value and 尾数 precision); the workbook is laid out
// as the tables print (title, 表号, unit line, merged headers, 栏次, split codes, 2-decimal formats,
// empty cells empty) and is the same bytes on every export.
import * as XLSX from '@e965/xlsx';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExport } from '../src/cli/export.js';
import { runImport } from '../src/cli/import.js';
import { blankValues } from './helpers/blank.js';
import { compile, copyReport, remove, ROOT, SEED_REPORT } from './helpers/report.js';
import { tableCells } from './helpers/table-cells.js';

/** Every report folder under reports/ (reports/<dept>/<year>/index.md). */
function reports(): string[] {
  const base = join(ROOT, 'reports');
  return readdirSync(base).flatMap((dept) =>
    readdirSync(join(base, dept))
      .filter((year) => existsSync(join(base, dept, year, 'index.md')))
      .map((year) => join(base, dept, year)),
  );
}

const made: string[] = [];
afterAll(() => made.forEach(remove));

function exportTo(dir: string, file: string): string {
  let output = '';
  let errors = '';
  const status = runExport([dir], file, false, (s) => (output += s), (s) => (errors += s));
  expect(status, errors).toBe(0);
  return output;
}

describe('export → import round-trips every report', () => {
  const all = reports();
  it('finds the reports', () => expect(all.length).toBeGreaterThanOrEqual(2));
  for (const dir of all) {
    it(relative(ROOT, dir), () => {
      const copy = copyReport(dir);
      made.push(copy);
      const book = join(copy, '..', 'tables.xlsx');
      exportTo(dir, book);
      const tables = compile(dir).data.report!.tables;
      blankValues(copy, (kind) => tables.has(kind));
      let output = '';
      const status = runImport([book], { into: copy, dryRun: false, force: false }, (s) => (output += s));
      expect(output).not.toMatch(/ {2}错误 {2}/u);
      expect(status, output).toBe(0);
      expect(tableCells(compile(copy))).toEqual(tableCells(compile(dir)));
    });
  }
});

describe('the exported workbook', () => {
  const copy = copyReport();
  made.push(copy);
  const file = join(copy, '..', 'seed.xlsx');
  const output = exportTo(SEED_REPORT, file);
  const wb = XLSX.read(readFileSync(file), { cellNF: true });

  it('has one sheet per official table, in the template order', () => {
    expect(output).toContain('已导出 10 张表');
    expect(wb.SheetNames).toEqual(['公开01', '公开02', '公开03', '公开04', '公开05', '公开06', '公开07', '公开08', '公开09', '公开10']);
  });

  it('prints title, 表号, 编制单位, 年度 and unit above each table', () => {
    const s = wb.Sheets['公开02']!;
    expect(s['A1']!.v).toBe('收入决算表');
    expect(s['!merges']).toContainEqual({ s: { r: 0, c: 0 }, e: { r: 0, c: 10 } });
    expect(s['K2']!.v).toBe('公开02表');
    expect(s['A3']!.v).toBe('编制单位：九江市浔阳区数字经济发展中心');
    expect(s['I3']!.v).toBe('2023年度');
    expect(s['K3']!.v).toBe('金额单位：万元');
  });

  it('lays out a classified table: merged code header, 类/款/项 and 栏次 row, split codes, 2-decimal numbers, empty cells empty', () => {
    const s = wb.Sheets['公开05']!;
    expect(s['A4']!.v).toBe('支出功能分类科目编码');
    expect(s['!merges']).toContainEqual({ s: { r: 3, c: 0 }, e: { r: 3, c: 2 } });
    expect(['A5', 'B5', 'C5', 'D5', 'E5', 'F5', 'G5'].map((a) => s[a]!.v)).toEqual(['类', '款', '项', '栏次', '1', '2', '3']);
    expect(s['D6']!.v).toBe('合计');
    expect(s['E6']).toMatchObject({ t: 'n', v: 292.9, z: '#,##0.00', w: '292.90' });
    // 2010504 信息事务 → 201 | 05 | 04
    expect(['A9', 'B9', 'C9', 'D9'].map((a) => s[a]!.v)).toEqual(['201', '05', '04', '信息事务']);
    // 208 rows have no 项目支出: the cell is there (for its border) but holds nothing.
    expect(s['G10']?.v).toBeUndefined();
    expect(s['A16']!.v).toBe('注:本表反映部门(单位)本年度一般公共预算财政拨款支出情况。');
  });

  it('lays out the ledger (收入 | 支出 with 行次 and 栏次) and the panels of 公开06', () => {
    const l = wb.Sheets['公开01']!;
    expect(['A4', 'D4'].map((a) => l[a]!.v)).toEqual(['收入', '支出']);
    expect(['A5', 'B5', 'C5', 'D5', 'E5', 'F5'].map((a) => l[a]!.v)).toEqual(['项目', '行次', '决算数', '项目(按功能分类)', '行次', '决算数']);
    expect(['A7', 'B7', 'C7', 'D7', 'E7', 'F7'].map((a) => l[a]!.w)).toEqual(['一、一般公共预算财政拨款收入', '1', '292.90', '一、一般公共服务支出', '32', '261.26']);
    const p = wb.Sheets['公开06']!;
    expect(['A4', 'D4'].map((a) => p[a]!.v)).toEqual(['人员经费', '公用经费']);
    expect(p['!merges']).toContainEqual({ s: { r: 3, c: 3 }, e: { r: 3, c: 8 } });
    expect(['A6', 'B6', 'C6'].map((a) => p[a]!.w)).toEqual(['301', '工资福利支出', '86.52']);
  });

  it('prints "——" where the official table does, and counts without decimals', () => {
    const s = wb.Sheets['公开09']!;
    expect(s['A14']!.v).toBe('(2) 国(境)外接待费');
    expect(s['C14']!.v).toBe('——');
    const t = wb.Sheets['公开10']!;
    expect(t['C6']).toMatchObject({ t: 'n', v: 0, w: '0' });
  });

  it('is the same bytes on every export', () => {
    const again = join(copy, '..', 'again.xlsx');
    exportTo(SEED_REPORT, again);
    expect(Buffer.compare(readFileSync(again), readFileSync(file))).toBe(0);
  });
});
