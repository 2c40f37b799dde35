// Figures that the report implies but never types: totals of the 预算执行 block, the 总分, 等级 and
// 执行率 of each 绩效 table, project counts by grade, 实有人数… Computed once from the data, exactly,
// and named by path like typed facts, so rules, prose and the narrative can use them.
import { Decimal } from 'decimal.js';
import { sumAmounts, type Amount } from '../amount/amount.js';
import { executionRate, gradeOf, totalScore } from '../perf/indicators.js';
import type { ReportData } from './read.js';
import { child, type DataNode } from './tree.js';
import { pathOf } from '../expr/path.js';

export interface DerivedValue {
  value: Amount | Decimal | null;
  text?: string;
  kind: 'amount' | 'count' | 'score' | 'text';
}

export { pathOf, quoteSegment } from '../expr/path.js';

function amountsIn(node: DataNode | undefined): Amount[] {
  if (node?.kind !== 'map') return [];
  return [...node.entries.values()].flatMap((n) => (n.kind === 'amount' && n.value ? [n.value] : []));
}

function countOf(node: DataNode | undefined): Decimal {
  return node?.kind === 'count' && node.value ? node.value : new Decimal(0);
}

/** Computes every derived figure of a report. */
export function deriveFacts(report: ReportData): Map<string, DerivedValue> {
  const out = new Map<string, DerivedValue>();
  const set = (segments: string[], value: DerivedValue) => out.set(pathOf(segments), value);
  const grades = report.template.manifest.performance?.grades ?? [];

  const org = report.byKind.get('机构')?.[0]?.root;
  if (org) {
    const staff = child(org, '人员');
    set(['机构', '人员', '实有人数'], { value: countOf(child(staff, '在职')).plus(countOf(child(staff, '离退休'))).plus(countOf(child(staff, '养老金离退休'))), kind: 'count' });
    const units = child(org, '单位');
    set(['机构', '单位数'], { value: new Decimal(units?.kind === 'list' ? units.items.length : 0), kind: 'count' });
  }

  const exec = report.byKind.get('预算执行')?.[0]?.root;
  if (exec) {
    for (const stage of ['年初预算', '全年预算', '决算']) {
      const income = amountsIn(child(child(exec, stage), '收入'));
      const expense = child(child(exec, stage), '支出');
      set(['预算执行', stage, '收入总额'], { value: sumAmounts(income), kind: 'amount' });
      set(['预算执行', stage, '支出总额'], { value: sumAmounts(amountsIn(expense)), kind: 'amount' });
      const basic = [child(expense, '人员经费'), child(expense, '公用经费')].map((n) => (n?.kind === 'amount' ? n.value : null));
      set(['预算执行', stage, '基本支出'], { value: sumAmounts(basic), kind: 'amount' });
    }
    const initial = sumAmounts(amountsIn(child(child(exec, '年初预算'), '收入')));
    const full = sumAmounts(amountsIn(child(child(exec, '全年预算'), '收入')));
    const spent = sumAmounts(amountsIn(child(child(exec, '决算'), '支出')));
    const budget = sumAmounts(amountsIn(child(child(exec, '全年预算'), '支出')));
    set(['预算执行', '预算调整'], { value: { ...full, yuan: full.yuan.minus(initial.yuan), halfWidth: full.halfWidth.plus(initial.halfWidth) }, kind: 'amount' });
    const rate = executionRate(spent, budget);
    // No budget, no rate: the figure exists but is empty (printed as "——").
    set(['预算执行', '执行率'], { value: rate ?? null, kind: 'score' });
    const whole = report.byKind.get('部门整体绩效')?.[0];
    if (whole) {
      set(['部门整体绩效', '资金', '全年预算数'], { value: budget, kind: 'amount' });
      set(['部门整体绩效', '资金', '执行数'], { value: spent, kind: 'amount' });
      set(['部门整体绩效', '资金', '执行率'], { value: rate ?? null, kind: 'score' });
    }
  }

  const whole = report.byKind.get('部门整体绩效')?.[0];
  if (whole) {
    const total = totalScore(whole.root);
    set(['部门整体绩效', '总分'], { value: total, kind: 'score' });
    set(['部门整体绩效', '等级'], { value: null, text: gradeOf(total, grades), kind: 'text' });
  }

  const projects = report.byKind.get('项目绩效') ?? [];
  const byGrade = new Map<string, number>(grades.map((g) => [g.grade, 0]));
  const spentAll: (Amount | null)[] = [];
  for (const block of projects) {
    const name = block.name ?? '';
    const total = totalScore(block.root);
    const grade = gradeOf(total, grades);
    byGrade.set(grade, (byGrade.get(grade) ?? 0) + 1);
    set(['项目绩效', name, '总分'], { value: total, kind: 'score' });
    set(['项目绩效', name, '等级'], { value: null, text: grade, kind: 'text' });
    const fund = child(block.root, '资金');
    const spent = child(fund, '执行数');
    const budget = child(fund, '全年预算数');
    const spentValue = spent?.kind === 'amount' ? spent.value : null;
    spentAll.push(spentValue);
    const rate = executionRate(spentValue, budget?.kind === 'amount' ? budget.value : null);
    set(['项目绩效', name, '执行率'], { value: rate ?? null, kind: 'score' });
  }
  set(['项目绩效', '数量'], { value: new Decimal(projects.length), kind: 'count' });
  set(['项目绩效', '执行数合计'], { value: sumAmounts(spentAll), kind: 'amount' });
  for (const [grade, n] of byGrade) set(['项目绩效', '等级计数', grade], { value: new Decimal(n), kind: 'count' });

  const procurement = report.byKind.get('政府采购')?.[0]?.root;
  if (procurement) {
    const kinds = ['货物', '工程', '服务'].map((k) => child(procurement, k)).map((n) => (n?.kind === 'amount' ? n.value : null));
    set(['政府采购', '总额'], { value: sumAmounts(kinds), kind: 'amount' });
    set(['政府采购', '中小企业', '合计'], { value: sumAmounts(amountsIn(child(procurement, '中小企业'))), kind: 'amount' });
  }
  return out;
}
