// The indicators of a 绩效 block (项目绩效, 部门整体绩效, 部门评价) in their written order, with
// their 一级/二级 groups, and the derived figures of a 绩效 table: 总分, 等级, 执行率.
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { GradeBand } from '../template/types.js';
import { child, textOf, type DataNode } from '../data/tree.js';
import { DEFAULT_FIELDS, type PerfFields } from './fields.js';

export interface IndicatorRow {
  level1: string;
  level2: string;
  name: string;
  node: DataNode;
}

/** The indicators of a 绩效 block in their written order, with their 一级/二级 groups. */
export function indicatorRows(root: DataNode, fields: Pick<PerfFields, 'indicators' | 'name'> = DEFAULT_FIELDS): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  const groups = child(root, fields.indicators);
  if (groups?.kind !== 'map') return out;
  for (const [level1, l2] of groups.entries) {
    if (l2.kind !== 'map') continue;
    for (const [level2, list] of l2.entries) {
      if (list.kind !== 'list') continue;
      for (const node of list.items) out.push({ level1, level2, name: textOf(child(node, fields.name))?.trim() ?? '', node });
    }
  }
  return out;
}

function scoreOf(node: DataNode | undefined): Decimal {
  return node && (node.kind === 'score' || node.kind === 'count') && node.value ? node.value : new Decimal(0);
}

/** 总分: the 执行率 row's score plus every indicator's score. */
export function totalScore(root: DataNode, fields: PerfFields = DEFAULT_FIELDS): Decimal {
  let total = scoreOf(child(child(root, fields.funds), fields.score));
  for (const row of indicatorRows(root, fields)) total = total.plus(scoreOf(child(row.node, fields.score)));
  return total;
}

/** The grade (优/良/中/差) of a total score by the template's bands. */
export function gradeOf(total: Decimal, bands: GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => new Decimal(b.min).comparedTo(new Decimal(a.min)));
  return sorted.find((b) => total.gte(new Decimal(b.min)))?.grade ?? '';
}

/** 执行率 in percent, unrounded: 执行数 ÷ 全年预算数 × 100 (undefined when the budget is 0). */
export function executionRate(spent: Amount | null, budget: Amount | null): Decimal | undefined {
  if (!spent || !budget || budget.yuan.isZero()) return undefined;
  return spent.yuan.div(budget.yuan).times(100);
}
