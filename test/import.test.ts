// juesuan import on real inputs: the seed's ten tables from workbooks laid out as the 决算 software
// exports them (test/fixtures/workbooks/), into a copy of the seed whose table values are blank;
// faulty workbooks refused at their cells with nothing written; edits that keep prose and comments.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/cli/import.js';
import { blankValues } from './helpers/blank.js';
import { compile, edit, reportCopies, ROOT, SEED_REPORT } from './helpers/report.js';
import { tableCells } from './helpers/table-cells.js';
import { SheetBuilder, workbookBytes } from './workbooks/sheet-builder.js';

const BOOKS = join(ROOT, 'test', 'fixtures', 'workbooks');
const copies = reportCopies();
afterAll(() => copies.removeAll());

function run(books: string[], into: string, options: { dryRun?: boolean; force?: boolean } = {}): { output: string; status: number } {
  let output = '';
  const status = runImport(books, { into, dryRun: options.dryRun ?? false, force: options.force ?? false }, (s) => (output += s));
  return { output, status };
}

function snapshot(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

const isTable = (kind: string) => /^公开\d\d$/u.test(kind);

describe('import of the seed tables', () => {
  for (const book of ['xunyang-2023-split.xls', 'xunyang-2023-joined.xlsx', 'xunyang-2023-sparse.xlsx']) {
    it(`${book} into a copy with blank tables gives the seed's data, text for text`, () => {
      const dir = blankValues(copies.copy(), isTable);
      expect(readFileSync(join(dir, 'tables.md'), 'utf8')).not.toBe(readFileSync(join(SEED_REPORT, 'tables.md'), 'utf8'));
      const { output, status } = run([join(BOOKS, book)], dir);
      expect(status, output).toBe(0);
      expect(output).toMatch(/✔ 10 张表,0 个错误,0 个警告;已写入 .*tables\.md/u);
      expect(readFileSync(join(dir, 'tables.md'), 'utf8')).toBe(readFileSync(join(SEED_REPORT, 'tables.md'), 'utf8'));
      expect(tableCells(compile(dir))).toEqual(tableCells(compile(SEED_REPORT)));
      expect(compile(dir).messages.filter((m) => m.fatal)).toEqual([]);
    });
  }

  it('fills blocks that hold no rows at all (rows added in the sheet order, same data)', () => {
    const dir = copies.copy();
    const text = readFileSync(join(dir, 'tables.md'), 'utf8');
    // Every classified block emptied to its 合计 key; the fixed ones blanked.
    const emptied = text.replace(/(```yaml data=公开0[235]\n)[\s\S]*?```/gu, '$1合计:\n```');
    writeFileSync(join(dir, 'tables.md'), emptied);
    blankValues(dir, isTable);
    const { output, status } = run([join(BOOKS, 'xunyang-2023-joined.xlsx')], dir);
    expect(status, output).toBe(0);
    expect(tableCells(compile(dir))).toEqual(tableCells(compile(SEED_REPORT)));
  });

  it('into the seed itself: nothing to change', () => {
    const dir = copies.copy();
    const before = snapshot(dir);
    const { output, status } = run([join(BOOKS, 'xunyang-2023-split.xls')], dir);
    expect(status, output).toBe(0);
    expect(output).toContain('报告中的数据已与工作簿一致,没有改动');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a changed value is shown as a diff of that line only; --dry-run writes nothing', () => {
    const dir = copies.copy();
    edit(dir, 'tables.md', '30201 办公费: 0.24', '30201 办公费: 0.42');
    edit(dir, 'tables.md', '30228 工会经费: 2.52', '30228 工会经费: 2.52  # 工会经费 2%');
    const before = snapshot(dir);
    const dry = run([join(BOOKS, 'xunyang-2023-split.xls')], dir, { dryRun: true });
    expect(dry.status, dry.output).toBe(0);
    expect(dry.output).toContain('-30201 办公费: 0.42\n+30201 办公费: 0.24\n');
    expect(dry.output.split('\n').filter((l) => /^[-+][^-+]/u.test(l))).toEqual(['-30201 办公费: 0.42', '+30201 办公费: 0.24']);
    expect(dry.output).toContain('--dry-run: 未写入');
    expect(snapshot(dir)).toEqual(before);
    const real = run([join(BOOKS, 'xunyang-2023-split.xls')], dir);
    expect(real.status, real.output).toBe(0);
    const after = readFileSync(join(dir, 'tables.md'), 'utf8');
    expect(after).toContain('30201 办公费: 0.24\n');
    expect(after).toContain('30228 工会经费: 2.52  # 工会经费 2%\n');
  });

  it('a row the workbook does not have is removed from a classified table; one it has is added', () => {
    const dir = copies.copy();
    edit(dir, 'tables.md', '2100409 重大公共卫生服务:\n  本年收入合计: 25.09\n  财政拨款收入: 25.09\n', '2100499 其他公共卫生支出:\n  本年收入合计: 25.09\n  财政拨款收入: 25.09\n');
    const { output, status } = run([join(BOOKS, 'xunyang-2023-split.xls')], dir);
    expect(status, output).toBe(0);
    expect(readFileSync(join(dir, 'tables.md'), 'utf8')).toBe(readFileSync(join(SEED_REPORT, 'tables.md'), 'utf8'));
  });
});

describe('faulty workbooks are refused at their cells, nothing written', () => {
  const cases: [string, RegExp][] = [
    ['fault-unknown-code.xlsx', /fault-unknown-code\.xlsx:公开05表!A10 {2}错误 {2}公开05: 模板的支出功能分类科目中没有编码「2010599」\(信息事务\);「信息事务」的编码是「2010504」 {2}import\/unknown-code/u],
    ['fault-shifted-column.xlsx', /fault-shifted-column\.xlsx:公开03表!K8 {2}错误 {2}公开03: 此单元格有数「166\.45」,但第 K 栏\(没有表头\)不是表定义中的任何一栏;表头与数据是否错位\? {2}import\/unplaced-value/u],
    ['fault-wrong-total.xlsx', /fault-wrong-total\.xlsx:公开05表!F7 {2}错误 {2}公开05 合计应等于各类之和: 公开05 合计 › 基本支出 为 103\.37万元.*hierarchy\/sum/u],
  ];
  for (const [book, expected] of cases) {
    it(book, () => {
      const dir = blankValues(copies.copy(), isTable);
      const before = snapshot(dir);
      const { output, status } = run([join(BOOKS, book)], dir);
      expect(status).toBe(1);
      expect(output).toMatch(expected);
      expect(output).toContain('未写入任何文件');
      expect(snapshot(dir)).toEqual(before);
    });
  }

  it('the wrong total names the total cell and the cells it should equal', () => {
    const dir = blankValues(copies.copy(), isTable);
    const { output } = run([join(BOOKS, 'fault-wrong-total.xlsx')], dir);
    expect(output).toMatch(/公开05表!F7 {2}错误 {2}公开05 每行「本年支出合计」|公开05表!E7 {2}错误 {2}公开05 每行「本年支出合计」/u);
    expect(output).toMatch(/公开05 201 一般公共服务支出 › 基本支出 = 94\.81万元 公开05表!F8/u);
    expect(output).toMatch(/公开05表!F7 {2}错误 {2}公开05 基本支出应等于公开06 人员经费合计与公用经费合计之和.*公开06表!C40/u);
  });

  it('--force writes despite the errors (an unknown code imported by its name in the sheet)', () => {
    const dir = blankValues(copies.copy(), isTable);
    const { output, status } = run([join(BOOKS, 'fault-unknown-code.xlsx')], dir, { force: true });
    expect(status).toBe(1);
    expect(output).toContain('已写入');
    expect(readFileSync(join(dir, 'tables.md'), 'utf8')).toContain('2010599 信息事务:\n  本年支出合计: 261.26');
  });
});

describe('other inputs', () => {
  it('one CSV per table, found by its title', () => {
    const dir = blankValues(copies.copy(), (k) => k === '公开05');
    const csv = ['一般公共预算财政拨款支出决算表', ',,,,,,金额单位:万元', '支出功能分类科目编码,,,科目名称,本年支出合计,基本支出,项目支出', '类,款,项,栏次,1,2,3', ',,,合计,292.90,101.37,191.53'];
    const rows = [
      ['201', '', '', '一般公共服务支出', '261.26', '94.81', '166.45'],
      ['201', '05', '', '统计信息事务', '261.26', '94.81', '166.45'],
      ['201', '05', '04', '信息事务', '261.26', '94.81', '166.45'],
      ['208', '', '', '社会保障和就业支出', '6.56', '6.56', ''],
      ['208', '05', '', '行政事业单位养老支出', '6.56', '6.56', ''],
      ['208', '05', '01', '行政单位离退休', '6.56', '6.56', ''],
      ['210', '', '', '卫生健康支出', '25.09', '', '25.09'],
      ['210', '04', '', '公共卫生', '25.09', '', '25.09'],
      ['210', '04', '09', '重大公共卫生服务', '25.09', '', '25.09'],
    ];
    const text = [...csv, ...rows.map((r) => r.join(','))].join('\r\n');
    const path = join(dir, '..', '公开05.csv');
    writeFileSync(path, Buffer.from(new TextEncoder().encode(text)));
    const { output, status } = run([path], dir);
    expect(status, output).toBe(0);
    expect(readFileSync(join(dir, 'tables.md'), 'utf8')).toBe(readFileSync(join(SEED_REPORT, 'tables.md'), 'utf8'));
  });

  it('a sheet that holds no table of the template is named, and a workbook without any is refused', () => {
    const dir = copies.copy();
    const cover = new SheetBuilder('封面').set(0, 0, '2023年度部门决算公开').set(2, 1, '九江市浔阳区数字经济发展中心');
    const path = join(dir, '..', 'cover.xlsx');
    writeFileSync(path, workbookBytes([cover], 'xlsx'));
    const { output, status } = run([path], dir);
    expect(status).toBe(1);
    expect(output).toMatch(/cover\.xlsx:封面!A1 {2}警告 {2}工作表「封面」中没有模板 jiangxi-county-2023 的表/u);
    expect(output).toContain('✖ 工作簿中没有找到模板 jiangxi-county-2023 的任何表,未导入');
  });

  it('a table whose block the report lacks is named at the table\'s title', () => {
    const dir = copies.copy();
    const text = readFileSync(join(dir, 'tables.md'), 'utf8').replace(/```yaml data=公开10\n[\s\S]*?```\n/u, '');
    writeFileSync(join(dir, 'tables.md'), text);
    const { output, status } = run([join(BOOKS, 'xunyang-2023-split.xls')], dir);
    expect(status).toBe(1);
    expect(output).toMatch(/xunyang-2023-split\.xls:公开10表!A1 {2}错误 {2}报告中没有数据块「公开10」,此表未导入/u);
  });
});
