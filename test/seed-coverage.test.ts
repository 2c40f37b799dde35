// Seed coverage: every value of the published report's ten 公开 tables and of its fourteen 绩效
// self-evaluation tables (13 项目支出绩效自评表 + the 部门整体支出绩效自评表) is in the data of the
// corrected report at reports/xunyang-digital-economy/2023.
//
// The seed is the text extracted from the published PDF: numbers are split by spaces ("292. 90"),
// cells are tab-separated, labels are damaged by OCR. The test parses it — no figure of the seed is
// copied here — and compares what it reads with what `compile` reads from the report. Where the
// corrected data knowingly departs from the seed, the departure is listed below with its reason,
// and the test checks that the seed really prints what the list says.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { inWan, type Amount } from '../src/amount/amount.js';
import { pathOf } from '../src/data/derived.js';
import type { Block, ReportData } from '../src/data/read.js';
import type { TableData } from '../src/data/tables.js';
import { child, textOf, type DataNode } from '../src/data/tree.js';
import { indicatorRows } from '../src/perf/indicators.js';
import { compile, SEED_REPORT, SEED_TEXT } from './helpers/report.js';

// ---------------------------------------------------------------------------------------------
// Known departures of the corrected data from the seed

/** The name the 部门整体支出绩效自评表 goes by in messages and in the lists below. */
const WHOLE = '部门整体支出绩效自评表';

/** Cells the seed prints blank that the corrected data fills. */
const TABLE_ADDITIONS = [
  {
    table: '公开06',
    row: '公用经费合计',
    value: '8.29',
    reason: 'blank in the seed; 基本支出 101.37 − 人员经费合计 93.08 = 8.29, which is the 302 商品和服务支出 row',
  },
];

const FUND_FIELDS = ['年初预算数', '全年预算数', '执行数'] as const;
type FundField = (typeof FUND_FIELDS)[number];
type FundRow = '年度资金总额' | '政府预算资金';

/** 资金 cells of a 项目支出绩效自评表 where the seed's reading differs from the data (seed null: blank cell). */
const FUND_EXCEPTIONS: { project: string; row: FundRow; field: FundField; seed: string | null; data: string; reason: string }[] = [
  {
    project: '政务上云建设经费',
    row: '年度资金总额',
    field: '年初预算数',
    seed: null,
    data: '100',
    reason: 'blank in the seed; 项目支出 年初预算 4,288,000.00元 (附件1) minus the 年初预算数 of the 12 other tables',
  },
  {
    project: '政务上云建设经费',
    row: '政府预算资金',
    field: '年初预算数',
    seed: null,
    data: '100',
    reason: 'blank in the seed (an OCR "至" stands in the cell); as in the 年度资金总额 row',
  },
  {
    project: '新冠疫情防控资金',
    row: '年度资金总额',
    field: '执行数',
    seed: '5.085',
    data: '25.0854',
    reason: 'the row is garbled ("0 25 5. 085 25. 08 5": the figures broke across the cell); its 政府预算资金 row reads 25.085',
  },
  {
    project: '信息用稿费',
    row: '政府预算资金',
    field: '执行数',
    seed: '3.152910',
    data: '3.152916',
    reason: 'printed "3. 152910 6", the digits split as in the other tables ("29. 0504 105" = 29.050405); with 3.152916 the 13 执行数 add up to 项目支出 1,915,336.51元 (asserted below)',
  },
];

/** Indicators whose 实际完成值 the data corrects. */
const ACTUAL_EXCEPTIONS: { table: string; indicator: string; seed: string; data: string; reason: string }[] = [
  {
    table: '新冠疫情防控资金',
    indicator: '项目费用',
    seed: '258054',
    data: '250854',
    reason: 'digit swap: the target is =250854元, 执行数 is 25.0854万元 = 250854元, and the score is full',
  },
  {
    table: WHOLE,
    indicator: '项目完成率（%）',
    seed: '98%',
    data: '97%',
    reason: 'a 得分 of 9.74 < 分值 10 says the ≥98% target was missed, and the report text says 实际完成97%',
  },
];

/** Seed names too damaged to match by their characters: data name → a fragment of the seed's name. */
const DAMAGED_NAMES = new Map([['共享交换平台运维费', '換平台运']]); // the seed prints "で換平台运生费"

/** Tables whose seed prints no 总分 row. */
const NO_PRINTED_TOTAL = new Set(['共享交换平台运维费']);

// ---------------------------------------------------------------------------------------------
// Reading the seed text

const SEED = readFileSync(SEED_TEXT, 'utf8').split(/\r?\n/u);

/** Rejoins a number the PDF extraction split around its point ("292. 90" → "292.90"); tabs stay cell breaks. */
function repair(line: string): string {
  return line.replace(/(\d) *\. *(?=\d)/gu, '$1.');
}

/** The words of a line: its tab-separated cells, split again at spaces (a PDF cell may hold several). */
function tokens(line: string): string[] {
  return repair(line)
    .split(/\s+/u)
    .filter((t) => t !== '');
}

/** The tab-separated cells of a line, trimmed. */
function cells(line: string): string[] {
  return repair(line)
    .split('\t')
    .map((c) => c.trim());
}

/** A line without any whitespace, to find labels the extraction broke up ("年度资→金总额"). */
function squeeze(line: string): string {
  return line.replace(/\s+/gu, '');
}

const NUMBER = /^\d+(?:\.\d+)?$/u;

/** The numbers among a line's words. */
function numbers(line: string): string[] {
  return tokens(line).filter((t) => NUMBER.test(t));
}

/** The index of the first line in [from, to) that passes `test`, or -1. */
function findLine(test: (line: string) => boolean, from = 0, to = SEED.length): number {
  for (let i = from; i < to; i++) if (test(SEED[i]!)) return i;
  return -1;
}

/** The lines of each 公开 table of the seed's 第二部分, keyed 公开01 … 公开10. */
function seedTables(): Map<string, string[]> {
  const heading = findLine((l) => squeeze(l) === '第二部分2023年度部门决算表');
  const start = findLine((l) => l.trim() === '收入支出决算总表', heading);
  const end = findLine((l) => squeeze(l).startsWith('第三部分'), start);
  const tables = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of SEED.slice(start, end)) {
    // A table's marker may be printed twice (公开04); a second marker continues the same table.
    const marker = /公开\s*(\d{2})\s*表/u.exec(line);
    if (marker) {
      const id = `公开${marker[1]!}`;
      current = tables.get(id) ?? [];
      tables.set(id, current);
    }
    current?.push(line);
  }
  return tables;
}

/** The 2-decimal amounts a 公开 table of the seed prints, normalized ("292.90" → "292.9"), sorted. */
function seedAmounts(lines: string[]): string[] {
  return lines
    .flatMap(tokens)
    .filter((t) => /^\d+\.\d{2}$/u.test(t))
    .map((t) => new Decimal(t).toString())
    .sort();
}

/** The counts of 公开10: the last cell of each row "<label> <行次> <决算数>". */
function seedCounts(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const c = cells(line);
    return c.length >= 3 && /^\d+$/u.test(c.at(-1)!) && /^\d+$/u.test(c.at(-2)!) ? [c.at(-1)!] : [];
  });
}

/** A 绩效 table of the seed: lines [start, end), its indicator header line, its name as printed. */
interface SeedPerfTable {
  name: string;
  start: number;
  header: number;
  end: number;
}

/** The 13 项目支出绩效自评表 of 第三部分's "(二) 部门决算中项目绩效自评情况", each from its 项目名称 row. */
function seedProjectTables(): SeedPerfTable[] {
  const from = findLine((l) => l.includes('部门决算中项目绩效自评情况'));
  const to = findLine((l) => l.includes('部门评价项目绩效评价情况'), from);
  const starts: number[] = [];
  // The 项目名称 row: "项目 名称", "项目名 3称", "项目 目名称", "项目名 新冠疫…" once squeezed.
  for (let i = from; i < to; i++) if (/^项目.?名/u.test(squeeze(SEED[i]!))) starts.push(i);
  return starts.map((start, k) => {
    const end = starts[k + 1] ?? to;
    const name = squeeze(SEED[start]!).replace(/^项目.?名(?:.?称)?/u, '');
    return { name, start, end, header: findLine((l) => squeeze(l).includes('三级'), start, end) };
  });
}

/** The 部门整体支出绩效自评表 of 附件1. */
function seedWholeTable(): SeedPerfTable {
  const start = findLine((l) => l.startsWith('附件') && l.includes('部门整体支出绩效自评表'));
  const end = findLine((l) => l.startsWith('说明'), start);
  return { name: WHOLE, start, end, header: findLine((l) => squeeze(l).includes('三级'), start, end) };
}

/** Whether two words are an indicator's 分值 and 得分: a whole 分值 of 1 to 40, a 得分 within it. */
function isScorePair(a: string, b: string): boolean {
  if (!/^[1-9]\d?$/u.test(a) || !/^\d+(?:\.\d{1,2})?$/u.test(b)) return false;
  const weight = new Decimal(a);
  return weight.gte(1) && weight.lte(40) && new Decimal(b).lte(weight);
}

/** An indicator row of a seed table: its line and words, and where a 分值/得分 pair may start. */
interface SeedIndicator {
  line: number;
  words: string[];
  pairs: number[];
}

/** The line of a seed table's 总分 row: labelled 总分, or a row of just "100 x"; -1 if none is printed. */
function totalLine(table: SeedPerfTable): number {
  const labelled = findLine((l) => squeeze(l).includes('总分'), table.header + 1, table.end);
  if (labelled >= 0) return labelled;
  return findLine((l) => numbers(l).length === 2 && numbers(l)[0] === '100', table.header + 1, table.end);
}

/** The 总分 a seed table prints: the number after 100 on its 总分 row. */
function seedTotal(table: SeedPerfTable): string | undefined {
  const line = totalLine(table);
  if (line < 0) return undefined;
  const n = numbers(SEED[line]!);
  return n[n.indexOf('100') + 1];
}

/** The indicator rows of a seed table: the lines between its header and 总分 row holding a 分值/得分 pair. */
function seedIndicators(table: SeedPerfTable): SeedIndicator[] {
  const out: SeedIndicator[] = [];
  const total = totalLine(table);
  for (let i = table.header + 1; i < (total >= 0 ? total : table.end); i++) {
    const words = tokens(SEED[i]!);
    const pairs = words.flatMap((w, k) => (k + 1 < words.length && isScorePair(w, words[k + 1]!) ? [k] : []));
    if (pairs.length) out.push({ line: i, words, pairs });
  }
  return out;
}

/** The numbers of a 资金 row after its label cell (a ")" of the "(万元)" cell may stick to a number). */
function fundNumbers(line: string): string[] {
  const c = cells(line);
  const label = c.findLastIndex((cell) => /[资金]/u.test(cell));
  return c
    .slice(label + 1)
    .filter((cell) => /^\d+(?:\.\d+)?\)?$/u.test(cell))
    .map((cell) => cell.replace(')', ''));
}

/** The two 资金 rows of a 项目 table: 年度资金总额, and 政府预算资金 (the next line, its label sometimes lost). */
function fundRows(table: SeedPerfTable): Record<FundRow, number> {
  const total = findLine((l) => squeeze(l).includes('资金总额'), table.start, table.header);
  const government = findLine((l) => l.trim() !== '', total + 1, table.header);
  return { 年度资金总额: total, 政府预算资金: government };
}

// ---------------------------------------------------------------------------------------------
// Reading the data

function loadReport(): ReportData {
  const report = compile(SEED_REPORT).data.report;
  if (!report) throw new Error('the seed report did not compile to data');
  return report;
}

const REPORT = loadReport();
const PROJECTS = REPORT.byKind.get('项目绩效') ?? [];

/** An amount's value in 万元. */
function wan(value: Amount | Decimal | null | undefined): Decimal {
  if (!value || value instanceof Decimal) throw new Error(`not an amount: ${String(value)}`);
  return inWan(value);
}

/** The amount (in 万元) or number at a path of a block. */
function valueAt(root: DataNode, ...path: string[]): Decimal {
  const node = path.reduce<DataNode | undefined>((n, key) => child(n, key), root);
  if (node?.kind === 'amount') return wan(node.value);
  if ((node?.kind === 'score' || node?.kind === 'count') && node.value) return node.value;
  throw new Error(`no number at ${path.join('.')}`);
}

/** A derived figure: an amount in 万元, or a number (score, rate). */
function derived(...segments: string[]): Decimal {
  const value = REPORT.derived.get(pathOf(segments))?.value;
  if (value instanceof Decimal) return value;
  return wan(value);
}

/** The 2-decimal amounts of a 公开 table's cells in 万元, normalized, sorted. */
function dataAmounts(table: TableData): string[] {
  const out: string[] = [];
  for (const section of table.sections.values()) {
    for (const row of section.rows) {
      for (const cell of row.cells.values()) if (cell.value && !(cell.value instanceof Decimal)) out.push(wan(cell.value).toString());
    }
  }
  return out.sort();
}

/** The counts of a 公开 table's cells, in row order. */
function dataCounts(table: TableData): string[] {
  const out: string[] = [];
  for (const section of table.sections.values()) {
    for (const row of section.rows) for (const cell of row.cells.values()) if (cell.value instanceof Decimal) out.push(cell.value.toString());
  }
  return out;
}

/** A value rounded to the precision of the seed figure it is compared with, normalized like the seed's. */
function atPrecisionOf(seed: string, value: Decimal): string {
  const decimals = seed.split('.')[1]?.length ?? 0;
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toString();
}

/**
 * A 资金 figure at the seed's precision. A figure too long for its cell wraps, and the extraction
 * keeps its first line only ("44. 7423 868" for 44.742368): cut there, not rounded. So the value
 * rounded or cut to the seed's decimals must be the seed's figure.
 */
function fundAtPrecisionOf(seed: string, value: Decimal): string {
  const decimals = seed.split('.')[1]?.length ?? 0;
  const cut = value.toDecimalPlaces(decimals, Decimal.ROUND_DOWN).toString();
  return cut === normalized(seed) ? cut : atPrecisionOf(seed, value);
}

function normalized(seed: string): string {
  return new Decimal(seed).toString();
}

/** Longest common subsequence of two strings, as a share of the first one's characters. */
function similarity(name: string, printed: string): number {
  const a = Array.from(name);
  const b = Array.from(printed);
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const ca of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(ca === b[j] ? previous[j]! + 1 : Math.max(previous[j + 1]!, row[j]!));
    previous = row;
  }
  return previous[b.length]! / a.length;
}

/** The seed table printing a project: by a listed fragment for a damaged name, else the closest name. */
function seedTableOf(name: string, tables: SeedPerfTable[]): { table: SeedPerfTable; similarity: number } {
  const fragment = DAMAGED_NAMES.get(name);
  const scored = tables.map((table) => ({ table, similarity: fragment ? Number(table.name.includes(fragment)) : similarity(name, table.name) }));
  return scored.reduce((best, s) => (s.similarity > best.similarity ? s : best));
}

/** Checks a 绩效 table's indicators, in order, against the seed table's indicator rows. */
function expectIndicators(table: SeedPerfTable, root: DataNode): void {
  const seed = seedIndicators(table);
  const rows = indicatorRows(root);
  expect(rows.length, `${table.name}: indicator rows in the data vs the seed`).toBe(seed.length);
  rows.forEach((row, i) => {
    const line = seed[i]!;
    const where = `${table.name} / ${row.name} (seed line ${line.line + 1}: ${SEED[line.line]!.replace(/\t/gu, ' | ')})`;
    const weight = valueAt(row.node, '分值');
    const score = valueAt(row.node, '得分');
    // The last place on the line where the data's 分值 and 得分 stand side by side.
    const at = line.pairs.filter((k) => weight.eq(line.words[k]!) && score.eq(line.words[k + 1]!)).at(-1);
    expect(at, `分值 ${weight.toString()} / 得分 ${score.toString()} of ${where}`).toBeDefined();
    if (at === undefined) return;

    // 实际完成值: a number (or percentage) is the word before the 分值; a text is on the line.
    const actual = textOf(child(row.node, '实际完成值'))?.trim() ?? '';
    const exception = ACTUAL_EXCEPTIONS.find((e) => e.table === table.name && e.indicator === row.name);
    const printed = line.words[at - 1] ?? '';
    if (exception) {
      expect(printed, `${where}: ${exception.reason}`).toBe(exception.seed);
      expect(actual, `${where}: ${exception.reason}`).toBe(exception.data);
    } else if (/^\d+(?:\.\d+)?%?$/u.test(actual)) {
      expect(printed.replace(/%$/u, ''), `实际完成值 of ${where}`).toBe(actual.replace(/%$/u, ''));
    } else if (actual !== '') {
      expect(squeeze(repair(SEED[line.line]!)), `实际完成值 of ${where}`).toContain(squeeze(actual));
    }
  });
}

// ---------------------------------------------------------------------------------------------

describe('seed coverage: the ten 公开 tables', () => {
  const tables = seedTables();
  const ids = Array.from({ length: 10 }, (_, i) => `公开${String(i + 1).padStart(2, '0')}`);

  it('finds the ten tables in the seed and in the data', () => {
    expect([...tables.keys()]).toEqual(ids);
    expect([...REPORT.tables.keys()].sort()).toEqual(ids);
  });

  for (const id of ids) {
    it(`${id}: every amount the seed prints is in the data, which adds only the listed corrections`, () => {
      const data = dataAmounts(REPORT.tables.get(id)!);
      for (const addition of TABLE_ADDITIONS.filter((a) => a.table === id)) {
        const row = [...REPORT.tables.get(id)!.sections.values()].flatMap((s) => s.rows).find((r) => r.key === addition.row);
        const cell = row ? [...row.cells.values()][0] : undefined;
        expect(cell?.value ? wan(cell.value).toString() : undefined, `${id} ${addition.row}: ${addition.reason}`).toBe(normalized(addition.value));
        data.splice(data.indexOf(normalized(addition.value)), 1);
      }
      expect(seedAmounts(tables.get(id) ?? [])).toEqual(data);
    });
  }

  it('公开10: the ten counts are the seed’s', () => {
    const seed = seedCounts(tables.get('公开10') ?? []);
    expect(seed).toHaveLength(10);
    expect(dataCounts(REPORT.tables.get('公开10')!)).toEqual(seed);
  });
});

describe('seed coverage: the 13 项目支出绩效自评表', () => {
  const tables = seedProjectTables();

  it('finds 13 tables in the seed, each printing one data block, in the same order', () => {
    expect(tables).toHaveLength(13);
    expect(PROJECTS).toHaveLength(13);
    const matched = PROJECTS.map((block) => seedTableOf(block.name ?? '', tables));
    for (const [i, m] of matched.entries()) expect(m.similarity, `${PROJECTS[i]!.name ?? ''} ~ ${m.table.name}`).toBeGreaterThanOrEqual(0.8);
    expect(matched.map((m) => tables.indexOf(m.table))).toEqual(tables.map((_, i) => i));
    for (const t of tables) expect(t.header, `indicator header of ${t.name}`).toBeGreaterThan(t.start);
  });

  for (const block of PROJECTS) {
    const name = block.name ?? '';
    const table = (): SeedPerfTable => ({ ...seedTableOf(name, tables).table, name });

    describe(name, () => {
      for (const row of ['年度资金总额', '政府预算资金'] as const) {
        it(`the ${row} row prints the data's 年初预算数, 全年预算数 and 执行数`, () => {
          const line = fundRows(table())[row];
          expect(line, `${row} row of ${name}`).toBeGreaterThan(0);
          const printed = fundNumbers(SEED[line]!);
          const fields = FUND_FIELDS.filter((f) => !FUND_EXCEPTIONS.some((e) => e.project === name && e.row === row && e.field === f && e.seed === null));
          expect(printed.length, `numbers of the ${row} row of ${name}: ${printed.join(' ')}`).toBeGreaterThan(fields.length);
          fields.forEach((field, i) => {
            const seed = printed[i]!;
            const value = valueAt(block.root, '资金', field);
            const exception = FUND_EXCEPTIONS.find((e) => e.project === name && e.row === row && e.field === field);
            if (exception) {
              expect(seed, `${name} ${row} ${field}: ${exception.reason}`).toBe(exception.seed);
              expect(value.toString(), `${name} ${field}: ${exception.reason}`).toBe(exception.data);
            } else {
              expect(fundAtPrecisionOf(seed, value), `${name} ${row} ${field}`).toBe(normalized(seed));
            }
          });
          for (const e of FUND_EXCEPTIONS.filter((x) => x.project === name && x.row === row && x.seed === null)) {
            expect(valueAt(block.root, '资金', e.field).toString(), `${name} ${e.field}: ${e.reason}`).toBe(e.data);
          }
          // The row ends with 执行率 and (年度资金总额 only) the 得分 of the 执行率 row.
          const rate = row === '年度资金总额' ? printed.at(-2)! : printed.at(-1)!;
          expect(atPrecisionOf(rate, derived('项目绩效', name, '执行率')), `${name} 执行率`).toBe(normalized(rate));
          if (row === '年度资金总额') expect(valueAt(block.root, '资金', '得分').toString(), `${name} 资金 得分`).toBe(normalized(printed.at(-1)!));
        });
      }

      it('the 总分 the seed prints is the derived 总分', () => {
        const total = seedTotal(table());
        if (NO_PRINTED_TOTAL.has(name)) {
          expect(total).toBeUndefined();
          return;
        }
        expect(total, `总分 row of ${name}`).toBeDefined();
        expect(derived('项目绩效', name, '总分').toString()).toBe(normalized(total!));
      });

      it('has the seed’s indicator rows, each with the seed’s 分值, 得分 and 实际完成值', () => {
        expectIndicators(table(), block.root);
      });
    });
  }

  it('the 13 执行数 add up to 项目支出 决算 (which fixes 信息用稿费 at 3.152916)', () => {
    const exec = REPORT.byKind.get('预算执行')![0]!.root;
    expect(derived('项目绩效', '执行数合计').toString()).toBe(valueAt(exec, '决算', '支出', '项目支出').toString());
  });
});

describe('seed coverage: the 部门整体支出绩效自评表', () => {
  const table = seedWholeTable();
  const whole: Block = REPORT.byKind.get('部门整体绩效')![0]!;
  const exec = REPORT.byKind.get('预算执行')![0]!.root;
  const rowOf = (test: (squeezed: string) => boolean): string[] => {
    const line = findLine((l) => test(squeeze(l)), table.start, table.header);
    expect(line, 'a 资金 row of the 部门整体支出绩效自评表').toBeGreaterThan(0);
    return numbers(SEED[line]!);
  };

  it('finds the table in 附件1', () => {
    expect(table.start).toBeGreaterThan(0);
    expect(table.header).toBeGreaterThan(table.start);
    expect(table.end).toBeGreaterThan(table.header);
  });

  it('prints the data’s 下属单位个数', () => {
    const words = tokens(SEED[findLine((l) => l.includes('下属单位个数'), table.start, table.header)]!);
    const printed = words.slice(words.findIndex((w) => w.includes('下属单位个数'))).find((w) => NUMBER.test(w));
    expect(valueAt(whole.root, '下属单位个数').toString()).toBe(printed);
  });

  it('the 年度资金总额 row prints the derived 全年预算数, 执行数, 执行率 and the 执行率 row’s 得分', () => {
    const printed = rowOf((l) => l.includes('资金总额'));
    expect(atPrecisionOf(printed[0]!, derived('部门整体绩效', '资金', '全年预算数'))).toBe(normalized(printed[0]!));
    expect(atPrecisionOf(printed[1]!, derived('部门整体绩效', '资金', '执行数'))).toBe(normalized(printed[1]!));
    expect(atPrecisionOf(printed.at(-2)!, derived('部门整体绩效', '资金', '执行率'))).toBe(normalized(printed.at(-2)!));
    expect(valueAt(whole.root, '资金', '得分').toString()).toBe(normalized(printed.at(-1)!));
  });

  it('the 资金来源 and 资金结构 rows print the 预算执行 figures', () => {
    // (2) 其他资金 is blank: (1) 财政拨款 is the whole 收入.
    const funding = rowOf((l) => l.includes('拨款'));
    expect(atPrecisionOf(funding[0]!, derived('预算执行', '全年预算', '收入总额'))).toBe(normalized(funding[0]!));
    expect(atPrecisionOf(funding[1]!, derived('预算执行', '决算', '收入总额'))).toBe(normalized(funding[1]!));
    const basic = rowOf((l) => l.includes('基本'));
    expect(atPrecisionOf(basic[0]!, derived('预算执行', '全年预算', '基本支出'))).toBe(normalized(basic[0]!));
    expect(atPrecisionOf(basic[1]!, derived('预算执行', '决算', '基本支出'))).toBe(normalized(basic[1]!));
    const project = rowOf((l) => l.includes('项目支出'));
    expect(atPrecisionOf(project[0]!, valueAt(exec, '全年预算', '支出', '项目支出'))).toBe(normalized(project[0]!));
    expect(atPrecisionOf(project[1]!, valueAt(exec, '决算', '支出', '项目支出'))).toBe(normalized(project[1]!));
  });

  it('the 总分 the seed prints is the derived 总分', () => {
    const total = seedTotal(table);
    expect(total).toBeDefined();
    expect(derived('部门整体绩效', '总分').toString()).toBe(normalized(total!));
  });

  it('has the seed’s indicator rows, each with the seed’s 分值, 得分 and 实际完成值', () => {
    expectIndicators(table, whole.root);
  });
});
