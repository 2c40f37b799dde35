// Workbooks laid out as the Shanghai district 部门决算 tables print (表一…表九, as in
// test/fixtures/published/shanghai-putuo-2025/): the title and 单位：万元 only (no 表号, 编制单位,
// 行次 or 栏次), 项目 over 功能分类科目编码 | 科目名称 with the code in one column, headers wrapped
// inside their cells (年初结转和\n结余), 合计 merged over code and name (at the foot of 表五), 表六's
// two panels without their labels, 表七 transposed (财政拨款“三公”经费 › 合计 | 因公出国（境）费 |
// 公务用车购置及运行维护费 › 小计… › 预算数 | 决算数, one row of values), zeros printed 0, 表八 and
// 表九 stacked in one sheet. The headers are typed here as printed; the values are the report's.
import { Decimal } from 'decimal.js';
import { WAN, type Amount } from '../../src/amount/amount.js';
import { fixed, group } from '../../src/amount/format.js';
import type { SectionData, TableData } from '../../src/data/tables.js';
import { rowLabel } from '../../src/template/types.js';
import type { ReportData } from '../../src/data/read.js';
import { num, SheetBuilder, txt, type Value } from './sheet-builder.js';

interface Style {
  /** Amounts of the ledger tables as text with thousands separators (2,002.80), as the PDF prints them. */
  textLedgers: boolean;
}

function amountText(v: Amount): string {
  return fixed(v.yuan.div(WAN), v.decimals);
}

/** A value cell as Shanghai prints it: 2 decimals, 0 for an exact zero typed 0, blank when empty. */
function value(cell: { value: Amount | Decimal | null } | undefined, asText = false): Value | undefined {
  const v = cell?.value;
  if (v === null || v === undefined) return undefined;
  if (Decimal.isDecimal(v)) return num((v as Decimal).toString(), '0');
  const a = v as Amount;
  const text = amountText(a);
  if (asText) return txt(group(text));
  return num(text, a.decimals === 0 ? '0' : '#,##0.00');
}

function sectionAt(table: TableData, i: number): SectionData {
  return [...table.sections.values()][i]!;
}

function head(s: SheetBuilder, r: number, width: number, title: string): number {
  s.span(r, 0, r, width - 1, title);
  s.set(r + 1, width - 1, '单位：万元');
  return r + 2;
}

/** 表一 / 表四: 收入 | 支出, each side 项目 and its columns; rows in the definition's order. */
function ledger(s: SheetBuilder, table: TableData, style: Style, rightHeaders: string[]): void {
  const left = sectionAt(table, 0);
  const right = sectionAt(table, 1);
  const width = 2 + 1 + rightHeaders.length;
  let r = head(s, 0, width, table.def.title);
  s.span(r, 0, r, 1, '收入').span(r, 2, r, width - 1, '支出');
  s.row(r + 1, 0, ['项目', '决算数', '项目', ...rightHeaders]);
  r += 2;
  // Both sides in the definition's order, blank lines included, so that 本年收入合计 and 本年支出合计 share a line.
  const byDef = (section: SectionData) =>
    (section.def.rows ?? []).map((def) => ({ def, label: rowLabel(def, section.classification), row: section.rows.find((x) => x.def === def) }));
  const l = byDef(left);
  const rt = byDef(right);
  const n = Math.max(l.length, rt.length);
  for (let i = 0; i < n; i++) {
    for (const [side, c0] of [[l[i], 0], [rt[i], 2]] as const) {
      if (!side || !(side.def.key || side.def.code)) continue;
      const section = c0 === 0 ? left : right;
      s.row(r + i, c0, [side.label, ...section.def.columns.map((c) => value(side.row?.cells.get(c.key), style.textLedgers))]);
    }
  }
  s.span(r + n, 0, r + n, width - 1, table.def.notes?.[0] ?? '');
}

/** 表二/三/五/八/九: 项目 over 功能分类科目编码 | 科目名称; the columns merged down (or under a group). */
function classified(s: SheetBuilder, r0: number, table: TableData, headers: (string | [string, string[]])[]): number {
  const section = sectionAt(table, 0);
  const flat = headers.flatMap((h) => (typeof h === 'string' ? [h] : h[1]));
  const width = 2 + flat.length;
  let r = head(s, r0, width, table.def.title);
  s.span(r, 0, r, 1, '项目');
  s.set(r + 1, 0, '功能分类\n科目编码').set(r + 1, 1, '科目名称');
  let c = 2;
  for (const h of headers) {
    if (typeof h === 'string') s.span(r, c, r + 1, c, h);
    else {
      s.span(r, c, r, c + h[1].length - 1, h[0]);
      h[1].forEach((sub, i) => s.set(r + 1, c + i, sub));
    }
    c += typeof h === 'string' ? 1 : h[1].length;
  }
  r += 2;
  const totalKey = section.def.total?.key;
  const bottom = (section.def.total as { position?: string } | undefined)?.position === 'bottom';
  const total = section.rows.find((x) => x.key === totalKey);
  const putTotal = () => {
    s.span(r, 0, r, 1, '合计');
    section.def.columns.forEach((col, i) => s.set(r, 2 + i, value(total?.cells.get(col.key))));
    r++;
  };
  if (total && !bottom) putTotal();
  for (const row of section.rows.filter((x) => x.code)) {
    s.row(r, 0, [row.code!, row.label, ...section.def.columns.map((col) => value(row.cells.get(col.key)))]);
    r++;
  }
  if (total && bottom) putTotal();
  s.span(r, 0, r, width - 1, table.def.notes?.[0] ?? '');
  return r + 1;
}

/** 表六: 经济分类科目编码 | 科目名称 | 决算数, twice; 人员经费合计 and 公用经费合计 under them. */
function panels(s: SheetBuilder, table: TableData): void {
  const section = sectionAt(table, 0);
  let r = head(s, 0, 6, table.def.title);
  s.row(r, 0, ['经济分类\n科目编码', '科目名称', '决算数', '经济分类\n科目编码', '科目名称', '决算数']);
  r++;
  const sides = [['301', '303'], ['302', '310']].map((classes) => section.rows.filter((x) => x.code && classes.includes(x.code.slice(0, 3))));
  const n = Math.max(...sides.map((x) => x.length));
  for (let i = 0; i < n; i++) {
    sides.forEach((side, p) => {
      const row = side[i];
      if (row) s.row(r + i, 3 * p, [row.code!, row.label, value(row.cells.get('决算数'))]);
    });
  }
  r += n;
  const totals = section.rows.filter((x) => !x.code);
  totals.forEach((row, p) => s.span(r, 3 * p, r, 3 * p + 1, row.label).set(r, 3 * p + 2, value(row.cells.get('决算数'))));
  s.span(r + 1, 0, r + 1, 5, table.def.notes?.[0] ?? '');
}

/** 表七, transposed as printed: one column group per row of the data, one row of values. */
function threePublic(s: SheetBuilder, table: TableData): void {
  const section = sectionAt(table, 0);
  const r = head(s, 0, 12, table.def.title);
  s.span(r, 0, r, 11, '财政拨款“三公”经费');
  s.span(r + 1, 0, r + 2, 1, '合计');
  s.span(r + 1, 2, r + 2, 3, '因公出国\n（境）费');
  s.span(r + 1, 4, r + 1, 9, '公务用车购置及运行维护费');
  s.span(r + 2, 4, r + 2, 5, '小计').span(r + 2, 6, r + 2, 7, '公务用车\n购置费').span(r + 2, 8, r + 2, 9, '公务用车\n运行维护费');
  s.span(r + 1, 10, r + 2, 11, '公务接待费');
  for (let i = 0; i < 6; i++) s.row(r + 3, 2 * i, ['预算数', '决算数']);
  const order = ['三公经费支出', '因公出国(境)费', '公务用车购置及运行维护费', '公务用车购置费', '公务用车运行维护费', '公务接待费'];
  order.forEach((key, i) => {
    const row = section.byKey.get(key);
    s.row(r + 4, 2 * i, [value(row?.cells.get('预算数')), value(row?.cells.get('决算数'))]);
  });
  s.set(r + 5, 0, table.def.notes?.[0] ?? '');
}

const FUND_HEADERS: (string | [string, string[]])[] = ['年初结转和\n结余', '本年收入', ['本年支出', ['合计', '基本支出', '项目支出']], '年末结转和\n结余'];

/** The nine tables of a Shanghai report in the printed layout. */
export function shanghaiSheets(report: ReportData, style: Style = { textLedgers: true }): SheetBuilder[] {
  const t = (id: string) => report.tables.get(id)!;
  const sheets: SheetBuilder[] = [];
  const one = (name: string) => {
    const s = new SheetBuilder(name);
    sheets.push(s);
    return s;
  };
  const s1 = one('收入支出决算总表');
  ledger(s1, t('表一'), style, ['决算数']);
  classified(one('收入决算表'), 0, t('表二'), ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位\n上缴收入', '其他收入']);
  classified(one('支出决算表'), 0, t('表三'), ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位\n补助支出']);
  ledger(one('财政拨款收入支出决算总表'), t('表四'), style, ['合计', '一般公共预算\n财政拨款', '政府性基金预算\n财政拨款', '国有资本经营预算\n财政拨款']);
  classified(one('一般公共预算财政拨款支出决算表'), 0, t('表五'), ['合计', '基本支出', '项目支出']);
  panels(one('基本支出决算表'), t('表六'));
  threePublic(one('三公经费'), t('表七'));
  const funds = one('基金和国资');
  const next = classified(funds, 0, t('表八'), FUND_HEADERS);
  classified(funds, next + 1, t('表九'), FUND_HEADERS);
  return sheets;
}
