// Fixture sheets of the seed's 绩效 forms, laid out as the seed prints them (项目支出绩效自评表: 项目名称,
// 主管部门 | 实施单位, the 资金 rows 年度资金总额 / 政府预算资金, 年度总体目标, 绩效指标 with merged
// 一级/二级 cells, 总分; 部门整体支出绩效自评表 with its 权重 column): one sheet per project, the last
// two stacked in one sheet. The values are the seed report's own (a 绩效 form has ~15 indicators a
// project; typing 180 of them again would test the typing, not the import).
import type { ReportData } from '../../src/data/read.js';
import { child, textOf, type DataNode } from '../../src/data/tree.js';
import { indicatorRows } from '../../src/perf/indicators.js';
import { num, SheetBuilder, txt, type Value } from './sheet-builder.js';

/** A value cell as the form shows it: a number with the decimals written, or the text. */
function shown(node: DataNode | undefined): Value | undefined {
  const text = (textOf(node) ?? '').trim();
  if (text === '') return undefined;
  if ((node?.kind === 'amount' || node?.kind === 'score' || node?.kind === 'count') && /^-?\d+(\.\d+)?$/u.test(text)) {
    const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
    return num(text, decimals ? `0.${'0'.repeat(decimals)}` : '0');
  }
  return txt(text);
}

/** The indicator rows from `r`, 一级/二级 merged down their groups; returns the next row. */
function indicatorsAt(s: SheetBuilder, r: number, root: DataNode, c1: number, withWeight: boolean): number {
  const rows = indicatorRows(root);
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1]!.level1 === rows[i]!.level1) j++;
    s.span(r + i, c1, r + j, c1, rows[i]!.level1);
    if (withWeight) s.span(r + i, c1 + 1, r + j, c1 + 1, '');
    let k = i;
    while (k <= j) {
      let m = k;
      while (m + 1 <= j && rows[m + 1]!.level2 === rows[k]!.level2) m++;
      s.span(r + k, c1 + (withWeight ? 2 : 1), r + m, c1 + (withWeight ? 2 : 1), rows[k]!.level2);
      k = m + 1;
    }
    i = j + 1;
  }
  const c = c1 + (withWeight ? 3 : 2);
  rows.forEach((row, n) => {
    s.row(r + n, c, [shown(child(row.node, '三级指标')), shown(child(row.node, '年度指标值')), shown(child(row.node, '实际完成值')), shown(child(row.node, '分值')), shown(child(row.node, '得分'))]);
    // 偏差原因 as the table prints it: the report's helpers already filled in.
    const reason = (textOf(child(row.node, '偏差原因')) ?? '').replace(/\{\{数 资金\.执行数\}\}/gu, textOf(child(child(root, '资金'), '执行数')) ?? '');
    if (reason && !reason.includes('{{')) s.set(r + n, c + 5, reason);
  });
  return r + rows.length;
}

/** One 项目支出绩效自评表 from row `r0`; returns the row after it. */
function projectForm(s: SheetBuilder, r0: number, root: DataNode, year: number): number {
  const f = (path: string) => path.split('.').reduce<DataNode | undefined>((n, k) => child(n, k), root);
  s.span(r0, 0, r0, 8, '项目支出绩效自评表');
  s.span(r0 + 1, 0, r0 + 1, 8, `（${year}年度）`);
  s.span(r0 + 2, 0, r0 + 2, 1, '项目名称').span(r0 + 2, 2, r0 + 2, 8, shown(f('项目名称'))!);
  s.span(r0 + 3, 0, r0 + 3, 1, '主管部门').span(r0 + 3, 2, r0 + 3, 4, shown(f('主管部门'))!).set(r0 + 3, 5, '实施单位').span(r0 + 3, 6, r0 + 3, 8, shown(f('实施单位'))!);
  s.span(r0 + 4, 0, r0 + 6, 1, '项目资金（万元）');
  s.row(r0 + 4, 3, ['年初预算数', '全年预算数A', '全年执行数B', '分值', '执行率', '得分']);
  s.row(r0 + 5, 2, ['年度资金总额', shown(f('资金.年初预算数')), shown(f('资金.全年预算数')), shown(f('资金.执行数')), num('10', '0'), '', shown(f('资金.得分'))]);
  s.row(r0 + 6, 2, ['政府预算资金', shown(f('资金.年初预算数')), shown(f('资金.全年预算数')), shown(f('资金.执行数')), '—', '', '—']);
  s.span(r0 + 7, 0, r0 + 8, 1, '年度总体目标').span(r0 + 7, 2, r0 + 7, 4, '预期目标').span(r0 + 7, 5, r0 + 7, 8, '实际完成情况');
  s.span(r0 + 8, 2, r0 + 8, 4, shown(f('年度总体目标.预期目标')) ?? '').span(r0 + 8, 5, r0 + 8, 8, shown(f('年度总体目标.实际完成情况')) ?? '');
  const n = indicatorRows(root).length;
  s.span(r0 + 9, 0, r0 + 9 + n, 0, '绩效指标');
  s.row(r0 + 9, 1, ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  const end = indicatorsAt(s, r0 + 10, root, 1, false);
  s.span(end, 0, end, 5, '总分').set(end, 6, num('100', '0'));
  return end + 1;
}

function wholeForm(s: SheetBuilder, root: DataNode, department: string, year: number): void {
  const f = (path: string) => path.split('.').reduce<DataNode | undefined>((n, k) => child(n, k), root);
  s.span(0, 0, 0, 8, department);
  s.span(1, 0, 1, 8, '部门整体支出绩效自评表');
  s.span(2, 0, 2, 8, `（${year}年度）`);
  s.span(3, 0, 3, 1, '部门名称').span(3, 2, 3, 4, department).span(3, 5, 3, 6, '下属单位个数').span(3, 7, 3, 8, shown(f('下属单位个数'))!);
  s.span(4, 0, 9, 1, '年度预算执行情况（万元）').span(4, 2, 4, 3, '');
  s.row(4, 4, ['全年预算数', '全年执行数', '分值', '执行率', '得分']);
  s.span(5, 2, 5, 3, '年度资金总额').row(5, 4, ['', '', num('10', '0'), '', shown(f('资金.得分'))]);
  s.span(10, 0, 10, 1, '执行偏差原因及分析改进措施').span(10, 2, 10, 8, shown(f('资金.偏差原因')) ?? '');
  s.row(11, 0, ['一级指标', '权重', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  const end = indicatorsAt(s, 12, root, 0, true);
  s.span(end, 0, end, 5, '总分').set(end, 6, num('100', '0'));
}

/** The seed's 绩效 forms as sheets. */
export function perfSheets(report: ReportData): SheetBuilder[] {
  const year = report.frontMatter.year;
  const projects = report.byKind.get('项目绩效') ?? [];
  const sheets: SheetBuilder[] = [];
  projects.slice(0, -2).forEach((b, i) => {
    const s = new SheetBuilder(`项目${i + 1}`);
    projectForm(s, 0, b.root, year);
    sheets.push(s);
  });
  const last = new SheetBuilder(`项目${projects.length - 1}-${projects.length}`);
  let r = 0;
  for (const b of projects.slice(-2)) r = projectForm(last, r, b.root, year) + 2;
  sheets.push(last);
  const whole = report.byKind.get('部门整体绩效')?.[0];
  if (whole) {
    const s = new SheetBuilder('部门整体');
    wholeForm(s, whole.root, report.frontMatter.department, year);
    sheets.push(s);
  }
  return sheets;
}
