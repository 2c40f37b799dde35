// The 绩效 tables as HTML, laid out as in the seed: a 项目支出绩效自评表 (资金, 年度总体目标,
// indicators grouped by 一级/二级 with merged cells, 总分) and the 部门整体支出绩效自评表; and the
// 单位 list of 第一部分. Figures come from the data and the derived 总分/执行率 — none is typed here.
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { Block, ReportData } from '../data/read.js';
import { child, textOf, type DataNode } from '../data/tree.js';
import { indicatorRows, type IndicatorRow } from '../perf/indicators.js';
import { chineseNumber, percent, wan } from '../narrate/phrases.js';
import { cell, el, text } from './html.js';
import { pathOf } from '../data/derived.js';

/** Column widths of the 9-column 绩效 tables. */
const COLUMNS = el('colgroup', undefined, ...[5, 7, 11, 17, 10, 11, 6, 7, 26].map((w) => el('col', { style: `width:${w}%` })));

export interface PerfContext {
  report: ReportData;
  year: number;
  /** Renders a text field that may hold helpers, with its block as scope. */
  renderText(text: string, block: Block): string;
}

function amountOf(node: DataNode | undefined): Amount | null {
  return node?.kind === 'amount' ? node.value : null;
}

function asWritten(node: DataNode | undefined): string {
  return (textOf(node) ?? '').trim().replace(/万?元$/u, '');
}

function indicatorRowsHtml(rows: IndicatorRow[], block: Block, ctx: PerfContext, levelHeader: boolean): string[] {
  const out: string[] = [];
  const span1 = new Map<string, number>();
  const span2 = new Map<string, number>();
  for (const r of rows) {
    span1.set(r.level1, (span1.get(r.level1) ?? 0) + 1);
    span2.set(`${r.level1}/${r.level2}`, (span2.get(`${r.level1}/${r.level2}`) ?? 0) + 1);
  }
  const done1 = new Set<string>();
  const done2 = new Set<string>();
  rows.forEach((r, i) => {
    const cells: string[] = [];
    if (i === 0 && levelHeader) cells.push(cell('th', '绩效指标', { rowspan: rows.length + 1, class: 'vertical' }));
    if (!done1.has(r.level1)) {
      done1.add(r.level1);
      cells.push(cell('td', r.level1, { rowspan: span1.get(r.level1) }));
    }
    const k2 = `${r.level1}/${r.level2}`;
    if (!done2.has(k2)) {
      done2.add(k2);
      cells.push(cell('td', r.level2, { rowspan: span2.get(k2) }));
    }
    const reason = textOf(child(r.node, '偏差原因')) ?? '';
    cells.push(
      cell('td', textOf(child(r.node, '三级指标')) ?? '', { class: 'item' }),
      cell('td', textOf(child(r.node, '年度指标值')) ?? ''),
      cell('td', textOf(child(r.node, '实际完成值')) ?? ''),
      cell('td', asWritten(child(r.node, '分值')), { class: 'num' }),
      cell('td', asWritten(child(r.node, '得分')), { class: 'num' }),
      cell('td', reason.includes('{{') ? ctx.renderText(reason, block) : reason, { class: 'reason' }),
    );
    out.push(el('tr', undefined, ...cells));
  });
  return out;
}

/** A 项目支出绩效自评表. */
export function renderProject(block: Block, ctx: PerfContext): string {
  const root = block.root;
  const fund = child(root, '资金');
  const budget0 = amountOf(child(fund, '年初预算数'));
  const budget = amountOf(child(fund, '全年预算数'));
  const spent = amountOf(child(fund, '执行数'));
  const rate = budget && spent && !budget.yuan.isZero() ? percent(spent.yuan.div(budget.yuan).times(100)) : '';
  const score = child(fund, '得分');
  const total = ctx.report.derived.get(pathOf(['项目绩效', block.name ?? '', '总分']))?.value as Decimal | undefined;
  const goals = child(root, '年度总体目标');
  const short = (a: Amount | null) => (a ? new Decimal(wan(a.yuan)).toString() : '');
  const rows = indicatorRows(root);
  const table = el(
    'table',
    { class: 'perf' },
    COLUMNS,
    el(
      'tbody',
      undefined,
      el('tr', undefined, cell('th', '项目名称', { colspan: 2 }), cell('td', block.name ?? '', { colspan: 7 })),
      el('tr', undefined, cell('th', '主管部门', { colspan: 2 }), cell('td', textOf(child(root, '主管部门')) ?? '', { colspan: 3 }), cell('th', '实施单位', { colspan: 1 }), cell('td', textOf(child(root, '实施单位')) ?? '', { colspan: 3 })),
      el('tr', undefined, cell('th', '项目资金（万元）', { colspan: 2, rowspan: 3 }), cell('th', ''), cell('th', '年初预算数'), cell('th', '全年预算数A'), cell('th', '全年执行数B'), cell('th', '分值'), cell('th', '执行率'), cell('th', '得分')),
      el('tr', undefined, cell('td', '年度资金总额'), cell('td', short(budget0), { class: 'num' }), cell('td', short(budget), { class: 'num' }), cell('td', short(spent), { class: 'num' }), cell('td', String(ctx.report.template.manifest.performance?.executionWeight ?? 10), { class: 'num' }), cell('td', rate, { class: 'num' }), cell('td', asWritten(score), { class: 'num' })),
      el('tr', undefined, cell('td', '政府预算资金'), cell('td', asWritten(child(fund, '年初预算数')), { class: 'num' }), cell('td', asWritten(child(fund, '全年预算数')), { class: 'num' }), cell('td', asWritten(child(fund, '执行数')), { class: 'num' }), cell('td', '—', { class: 'na' }), cell('td', rate, { class: 'num' }), cell('td', '—', { class: 'na' })),
      el('tr', undefined, cell('th', '年度总体目标', { colspan: 2, rowspan: 2 }), cell('th', '预期目标', { colspan: 3 }), cell('th', '实际完成情况', { colspan: 4 })),
      el('tr', undefined, cell('td', textOf(child(goals, '预期目标')) ?? '', { colspan: 3, class: 'goal' }), cell('td', textOf(child(goals, '实际完成情况')) ?? '', { colspan: 4, class: 'goal' })),
      el('tr', undefined, cell('th', '绩效指标', { rowspan: rows.length + 1 }), cell('th', '一级指标'), cell('th', '二级指标'), cell('th', '三级指标'), cell('th', '年度指标值'), cell('th', '实际完成值'), cell('th', '分值'), cell('th', '得分'), cell('th', '偏差原因分析及改进措施')),
      ...indicatorRowsHtml(rows, block, ctx, false),
      el('tr', { class: 'totals' }, cell('td', '总分', { colspan: 6 }), cell('td', '100', { class: 'num' }), cell('td', total ? total.toString() : '', { class: 'num' }), cell('td', '')),
    ),
  );
  return el('section', { class: 'perf-table' }, el('div', { class: 'table-title' }, '项目支出绩效自评表'), el('div', { class: 'table-sub' }, text(`（${ctx.year}年度）`)), table);
}

/** The 部门整体支出绩效自评表. */
export function renderWhole(block: Block, ctx: PerfContext): string {
  const d = (path: string) => ctx.report.derived.get(path)?.value;
  const budget = d('部门整体绩效.资金.全年预算数') as Amount | undefined;
  const spent = d('部门整体绩效.资金.执行数') as Amount | undefined;
  const rate = d('部门整体绩效.资金.执行率') as Decimal | undefined;
  const total = d('部门整体绩效.总分') as Decimal | undefined;
  const basic = (stage: string) => d(`预算执行.${stage}.基本支出`) as Amount | undefined;
  const project = (stage: string) => {
    const node = child(child(child(ctx.report.byKind.get('预算执行')?.[0]?.root as DataNode, stage), '支出'), '项目支出');
    return amountOf(node);
  };
  const fund = child(block.root, '资金');
  const w = (a: Amount | null | undefined) => (a ? wan(a.yuan) : '');
  const rows = indicatorRows(block.root);
  const table = el(
    'table',
    { class: 'perf whole' },
    COLUMNS,
    el(
      'tbody',
      undefined,
      el('tr', undefined, cell('th', '部门名称', { colspan: 2 }), cell('td', ctx.report.frontMatter.department, { colspan: 3 }), cell('th', '下属单位个数', { colspan: 2 }), cell('td', asWritten(child(block.root, '下属单位个数')) || '0', { colspan: 2 })),
      el('tr', undefined, cell('th', '年度预算执行情况（万元）', { colspan: 2, rowspan: 6 }), cell('th', '', { colspan: 2 }), cell('th', '全年预算数'), cell('th', '全年执行数'), cell('th', '分值'), cell('th', '执行率'), cell('th', '得分')),
      el('tr', undefined, cell('td', '年度资金总额', { colspan: 2 }), cell('td', w(budget), { class: 'num' }), cell('td', w(spent), { class: 'num' }), cell('td', String(ctx.report.template.manifest.performance?.executionWeight ?? 10), { class: 'num' }), cell('td', rate ? percent(rate) : '', { class: 'num' }), cell('td', asWritten(child(fund, '得分')), { class: 'num' })),
      el('tr', undefined, cell('td', '资金来源：（1）财政拨款', { colspan: 2 }), cell('td', w(budget), { class: 'num' }), cell('td', w(spent), { class: 'num' }), cell('td', '—'), cell('td', rate ? percent(rate) : '', { class: 'num' }), cell('td', asWritten(child(fund, '得分')), { class: 'num' })),
      el('tr', undefined, cell('td', '（2）其他资金', { colspan: 2 }), cell('td', ''), cell('td', ''), cell('td', '—'), cell('td', ''), cell('td', '')),
      el('tr', undefined, cell('td', '资金结构：（1）基本支出', { colspan: 2 }), cell('td', w(basic('全年预算')), { class: 'num' }), cell('td', w(basic('决算')), { class: 'num' }), cell('td', '—'), cell('td', ''), cell('td', '')),
      el('tr', undefined, cell('td', '（2）项目支出', { colspan: 2 }), cell('td', w(project('全年预算')), { class: 'num' }), cell('td', w(project('决算')), { class: 'num' }), cell('td', '—'), cell('td', ''), cell('td', '')),
      el('tr', undefined, cell('th', '执行偏差原因及分析改进措施', { colspan: 2 }), cell('td', textOf(child(fund, '偏差原因')) ?? '', { colspan: 7 })),
      el('tr', undefined, cell('th', '一级指标'), cell('th', '二级指标'), cell('th', '三级指标'), cell('th', '年度指标值'), cell('th', '实际完成值'), cell('th', '分值'), cell('th', '得分'), cell('th', '偏差原因分析及改进措施', { colspan: 2 })),
      ...indicatorRowsHtml(rows, block, ctx, false).map((r) => r.replace(/<td class="reason">/u, '<td class="reason" colspan="2">')),
      el('tr', { class: 'totals' }, cell('td', '总分', { colspan: 5 }), cell('td', '100', { class: 'num' }), cell('td', total ? total.toString() : '', { class: 'num' }), cell('td', '', { colspan: 2 })),
    ),
  );
  const notes = child(block.root, '说明');
  const noteHtml = notes?.kind === 'list' ? notes.items.map((n, i) => el('p', { class: 'table-note' }, text(`说明${i + 1}. ${textOf(n) ?? ''}`))).join('') : '';
  const date = textOf(child(block.root, '落款日期'));
  const signature = el('p', { class: 'signature' }, text(ctx.report.frontMatter.department), date ? `<br>${text(chineseDate(date))}` : '');
  return el('section', { class: 'perf-table' }, el('div', { class: 'table-title' }, '部门整体支出绩效自评表'), el('div', { class: 'table-sub' }, text(`（${ctx.year}年度）`)), table, noteHtml, signature);
}

const YEAR_DIGITS = '〇一二三四五六七八九';

/** 2024-04-19 → 二〇二四年四月十九日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${String(y).split('').map((c) => YEAR_DIGITS[Number(c)]).join('')}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** The 单位 list of 第一部分 (序号, 单位名称, 预算级次). */
export function renderUnits(block: Block): string {
  const units = child(block.root, '单位');
  const rows = units?.kind === 'list' ? units.items : [];
  return el(
    'table',
    { class: 'units' },
    el('thead', undefined, el('tr', undefined, cell('th', '序号'), cell('th', '单位名称'), cell('th', '预算级次'))),
    el('tbody', undefined, ...rows.map((r) => el('tr', undefined, cell('td', asWritten(child(r, '序号'))), cell('td', textOf(child(r, '单位名称')) ?? ''), cell('td', textOf(child(r, '预算级次')) ?? '')))),
  );
}
