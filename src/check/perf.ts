// The 绩效 rules: each 自评表's weights add to 100 and its scores to its 总分; a score agrees with
// whether its indicator met its target; cost indicators add up to the 执行数 and stay within the
// budget; the printed 执行率 is 执行数 ÷ 全年预算数; a 部门评价 table repeats its 自评表 exactly.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { WAN, makeAmount, type Amount } from '../amount/amount.js';
import { exact } from '../amount/format.js';
import { diagnose } from '../diagnostics/message.js';
import type { Block, ReportData } from '../data/read.js';
import { child, textOf, type DataNode, type Where } from '../data/tree.js';
import { factOf } from '../expr/fact.js';
import { keyOf } from '../expr/path.js';
import { indicators } from '../expr/resolve.js';
import { halfWidth, intersects, intervalOf, type Interval } from '../expr/interval.js';
import type { Part, Relation } from './relations.js';
import { meets, moneyUnit, normalizeIndicatorText, parseActual, parseTarget } from '../perf/indicator.js';
import { indicatorRows, type IndicatorRow } from '../perf/indicators.js';

function decimalOf(node: DataNode | undefined): Decimal | null {
  return node && (node.kind === 'score' || node.kind === 'count') ? node.value : null;
}

function amountOf(node: DataNode | undefined): Amount | null {
  return node?.kind === 'amount' ? node.value : null;
}

function at(node: DataNode | undefined, fallback: Where): { file: string; place: Where['place'] } {
  const where = node?.where ?? fallback;
  return { file: where.file.path, place: where.place };
}

function nameOf(block: Block): string {
  return block.kind === '项目绩效' ? `「${block.name}」自评表` : block.kind === '部门评价' ? `「${block.name}」部门评价表` : '部门整体支出绩效自评表';
}

/** Σ 分值 = 100, 得分 ≤ 分值, Σ 得分 = 总分 (when 总分 is written). */
function scores(vfile: VFile, block: Block, weight: Decimal): Decimal {
  const rows = indicatorRows(block.root);
  const fund = child(block.root, '资金');
  const fundScore = decimalOf(child(fund, '得分')) ?? new Decimal(0);
  let weights = weight;
  let total = fundScore;
  for (const row of rows) {
    const w = decimalOf(child(row.node, '分值')) ?? new Decimal(0);
    const s = decimalOf(child(row.node, '得分')) ?? new Decimal(0);
    weights = weights.plus(w);
    total = total.plus(s);
    if (s.gt(w)) {
      diagnose(vfile, {
        rule: 'perf/score-over-weight',
        reason: `${nameOf(block)}「${row.name}」得分 ${exact(s)} 超过分值 ${exact(w)}`,
        ...at(child(row.node, '得分'), block.root.where),
        expected: `≤ ${exact(w)}`,
        actual: exact(s),
      });
    }
  }
  if (fundScore.gt(weight)) {
    diagnose(vfile, { rule: 'perf/score-over-weight', reason: `${nameOf(block)} 预算执行率得分 ${exact(fundScore)} 超过分值 ${exact(weight)}`, ...at(child(fund, '得分'), block.root.where) });
  }
  if (!weights.eq(100)) {
    diagnose(vfile, {
      rule: 'perf/weight-total',
      reason: `${nameOf(block)} 各指标分值之和(含预算执行率 ${exact(weight)} 分)应为 100,实为 ${exact(weights)}`,
      ...at(child(block.root, '指标'), block.root.where),
      expected: '100',
      actual: exact(weights),
      difference: exact(weights.minus(100)),
    });
  }
  const written = child(block.root, '总分');
  const printed = decimalOf(written);
  if (printed && !printed.eq(total)) {
    diagnose(vfile, {
      rule: 'perf/score-total',
      reason: `${nameOf(block)} 总分应为各项得分之和 ${exact(total)},表中为 ${exact(printed)}`,
      ...at(written, block.root.where),
      expected: exact(total),
      actual: exact(printed),
      difference: exact(printed.minus(total)),
    });
  }
  return total;
}

/** A score agrees with whether its indicator met its target (核实性). */
function scoreAgainstTarget(vfile: VFile, block: Block): void {
  for (const row of indicatorRows(block.root)) {
    const target = parseTarget(textOf(child(row.node, '年度指标值')));
    const actual = parseActual(textOf(child(row.node, '实际完成值')));
    const w = decimalOf(child(row.node, '分值'));
    const s = decimalOf(child(row.node, '得分'));
    if (!target || !actual || !w || !s) continue;
    const met = meets(target, actual);
    if (met && s.lt(w)) {
      diagnose(vfile, {
        rule: 'perf/score-vs-target',
        severity: 'warning',
        reason: `${nameOf(block)}「${row.name}」实际完成值 ${textOf(child(row.node, '实际完成值'))} 已达到年度指标 ${textOf(child(row.node, '年度指标值'))},得分 ${exact(s)} 却低于分值 ${exact(w)}`,
        ...at(child(row.node, '实际完成值'), block.root.where),
        related: [{ file: block.file.path, place: child(row.node, '得分')?.where.place, label: '得分' }],
      });
    } else if (!met && s.eq(w) && w.gt(0)) {
      diagnose(vfile, {
        rule: 'perf/score-vs-target',
        severity: 'warning',
        reason: `${nameOf(block)}「${row.name}」实际完成值 ${textOf(child(row.node, '实际完成值'))} 未达到年度指标 ${textOf(child(row.node, '年度指标值'))},却得满分 ${exact(w)};请在偏差原因中说明`,
        ...at(child(row.node, '实际完成值'), block.root.where),
      });
    }
  }
}

/** The money cost indicators of a project, when every cost indicator is in money. */
function costRows(block: Block) {
  const fund = child(block.root, '资金');
  const spent = child(fund, '执行数');
  const rows = indicatorRows(block.root).filter((r) => r.level1.includes('成本'));
  if (!rows.length || spent?.kind !== 'amount') return undefined;
  const parts: Part[] = [];
  let fixedTargets = new Decimal(0);
  const targetRows: IndicatorRow[] = [];
  for (const row of rows) {
    const target = parseTarget(textOf(child(row.node, '年度指标值')));
    const size = target ? moneyUnit(target.unit) : undefined;
    const actualNode = child(row.node, '实际完成值');
    const actual = parseActual(textOf(actualNode));
    if (!target || !size || !actual) return undefined; // a cost indicator not in money: nothing to add up
    const decimals = actual.value.decimalPlaces();
    const amount = makeAmount(actual.value, size.eq(WAN) ? '万元' : '元', decimals, textOf(actualNode) ?? '');
    const key = keyOf([block.kind, ...(block.name ? [block.name] : []), '指标', row.name, '实际完成值']);
    parts.push({ fact: factOf(amount, { where: actualNode?.where, fallback: block.root.where, label: `「${row.name}」实际完成值`, kind: 'amount', key }), weight: new Decimal(1) });
    if (target.op === '=') {
      fixedTargets = fixedTargets.plus(target.value.times(size));
      targetRows.push(row);
    }
  }
  return { spent, parts, fixedTargets, targetRows };
}

/** Cost indicators of a project: their actual values add up to its 执行数. */
function costRelation(block: Block): Relation | undefined {
  const found = costRows(block);
  if (!found) return undefined;
  const { spent } = found;
  const key = keyOf([block.kind, ...(block.name ? [block.name] : []), '资金', '执行数']);
  const total = factOf(spent.kind === 'amount' ? spent.value : null, { where: spent.where, fallback: block.root.where, label: `${nameOf(block)} 执行数`, kind: 'amount', key });
  return { rule: 'perf/cost-actual', kind: 'sum', severity: 'error', description: `${nameOf(block)} 成本指标实际完成值之和应等于执行数`, total, parts: found.parts };
}

/** The targets of a project's cost indicators fit its budget (核实性). */
function costTargets(vfile: VFile, block: Block): void {
  const found = costRows(block);
  if (!found) return;
  const { fixedTargets, targetRows } = found;
  const budget = child(child(block.root, '资金'), '全年预算数');
  const budgetValue = amountOf(budget);
  if (budgetValue && targetRows.length) {
    const b: Interval = intervalOf(budgetValue);
    if (fixedTargets.gt(b.hi)) {
      diagnose(vfile, {
        rule: 'perf/cost-target-budget',
        severity: 'warning',
        reason: `${nameOf(block)} 成本指标的年度指标值合计 ${exact(fixedTargets.div(WAN), 2)}万元 超过全年预算数 ${exact(budgetValue.yuan.div(WAN), 2)}万元`,
        ...at(child(targetRows[0]!.node, '年度指标值'), block.root.where),
        related: [{ file: block.file.path, place: budget?.where.place, label: '全年预算数' }],
      });
    }
  }
}

/** A printed 执行率 (when written) is 执行数 ÷ 全年预算数 at its printed precision. */
function executionRate(vfile: VFile, block: Block): void {
  const fund = child(block.root, '资金');
  const rate = child(fund, '执行率');
  const spent = amountOf(child(fund, '执行数'));
  const budget = amountOf(child(fund, '全年预算数'));
  if (!rate || rate.kind !== 'score' || !rate.value || !spent || !budget || budget.yuan.isZero()) return;
  const s = intervalOf(spent);
  const b = intervalOf(budget);
  if (b.lo.lte(0)) return;
  const ratio: Interval = { lo: s.lo.div(b.hi).times(100), hi: s.hi.div(b.lo).times(100) };
  const half = new Decimal(10).pow(-rate.value.decimalPlaces()).div(2);
  const printed: Interval = { lo: rate.value.minus(half), hi: rate.value.plus(half) };
  if (!intersects(ratio, printed)) {
    const expected = spent.yuan.div(budget.yuan).times(100);
    diagnose(vfile, {
      rule: 'perf/execution-rate',
      reason: `${nameOf(block)} 执行率应为执行数 ÷ 全年预算数 = ${exact(expected.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), 2)}%,表中为 ${exact(rate.value)}%`,
      ...at(rate, block.root.where),
      expected: exact(expected.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), 2),
      actual: exact(rate.value),
      tolerance: exact(halfWidth(printed)),
    });
  }
}

/** Whether two printed forms of one indicator value say the same ("≥98%" / ">=98%", "1次" / "1"). */
function sameIndicatorText(a: string | undefined, b: string | undefined): boolean {
  if (normalizeIndicatorText(a) === normalizeIndicatorText(b)) return true;
  const ta = parseTarget(a);
  const tb = parseTarget(b);
  if (ta && tb) return ta.op === tb.op && ta.value.eq(tb.value);
  // A table that prints a target without its operator ("98%") states only the number.
  const na = ta?.value ?? parseActual(a)?.value;
  const nb = tb?.value ?? parseActual(b)?.value;
  return Boolean(na && nb && na.eq(nb) && !(ta && tb));
}

/** The 产出表 rows of a 部门评价 block (二级指标 → rows). */
function outputRows(root: DataNode): { name: string; node: DataNode }[] {
  const table = child(root, '产出表');
  if (table?.kind !== 'map') return [];
  return [...table.entries.values()].flatMap((list) =>
    list.kind === 'list' ? list.items.map((node) => ({ name: textOf(child(node, '三级指标'))?.trim() ?? '', node })) : [],
  );
}

/** A 部门评价 table that repeats the project's indicators repeats them exactly. */
function evaluationCopy(vfile: VFile, report: ReportData, block: Block): void {
  const project = report.byKind.get('项目绩效')?.find((b) => b.name === block.name);
  if (!project) {
    diagnose(vfile, {
      rule: 'cross/evaluation-project',
      reason: `部门评价的项目「${block.name}」没有对应的项目支出绩效自评表`,
      ...at(child(block.root, '项目名称'), block.root.where),
    });
    return;
  }
  const own = indicators(project.root);
  const copies: [string, { name: string; node: DataNode }[], string[]][] = [
    ['评分表', indicatorRows(block.root), ['年度指标值', '实际完成值', '分值', '得分']],
    ['产出情况表', outputRows(block.root), ['年度指标值', '实际完成值']],
  ];
  for (const [table, rows, fields] of copies) {
    for (const row of rows) {
      // Such tables may add the unit to the name: 高频服务事项接入(项), 维护系统次数(次/每月).
      const original = own.get(row.name) ?? own.get(row.name.replace(/\s*[(（][^()（）]*[)）]$/u, ''));
      if (!original) {
        diagnose(vfile, {
          rule: 'cross/evaluation-indicator',
          reason: `部门评价${table}的指标「${row.name}」不在「${block.name}」的自评表中`,
          ...at(child(row.node, '三级指标'), block.root.where),
        });
        continue;
      }
      for (const field of fields) {
        const mine = child(row.node, field);
        const theirs = child(original, field);
        if (sameIndicatorText(textOf(mine), textOf(theirs))) continue;
        diagnose(vfile, {
          rule: 'cross/evaluation-indicator',
          reason: `部门评价${table}中「${row.name}」的${field}为「${textOf(mine) ?? ''}」,与自评表的「${textOf(theirs) ?? ''}」不一致`,
          ...at(mine, block.root.where),
          expected: textOf(theirs) ?? '',
          actual: textOf(mine) ?? '',
          related: [{ file: project.file.path, place: theirs?.where.place, label: '自评表' }],
        });
      }
    }
  }
}

/** A 部门整体 table that writes its 全年预算数 / 执行数 writes the 附件1 totals. */
function wholeFunds(report: ReportData, block: Block): Relation[] {
  const out: Relation[] = [];
  const fund = child(block.root, '资金');
  for (const key of ['全年预算数', '执行数']) {
    const written = child(fund, key);
    const path = ['部门整体绩效', '资金', key];
    const derived = report.derived.get(path.join('.'));
    if (written?.kind !== 'amount' || !derived?.value) continue;
    const stage = key === '执行数' ? '决算' : '全年预算';
    out.push({
      rule: 'perf/whole-funds',
      kind: 'equal',
      severity: 'error',
      description: `部门整体支出绩效自评表的${key}应等于附件1 的${stage}支出总额`,
      total: factOf(written.value, { where: written.where, fallback: block.root.where, label: `部门整体绩效 › 资金 › ${key}`, kind: 'amount', key: keyOf(path) }),
      parts: [{ fact: factOf(derived.value as Amount, { where: undefined, fallback: block.root.where, label: `预算执行 ${stage}支出总额`, kind: 'amount', key: keyOf(['预算执行', stage, '支出总额']), derived: true }), weight: new Decimal(1) }],
    });
  }
  return out;
}

/** The relations of the 绩效 tables (evaluated with every other relation). */
export function performanceRelations(report: ReportData): Relation[] {
  const out: Relation[] = [];
  for (const block of report.byKind.get('项目绩效') ?? []) {
    const cost = costRelation(block);
    if (cost) out.push(cost);
  }
  for (const block of report.byKind.get('部门整体绩效') ?? []) out.push(...wholeFunds(report, block));
  return out;
}

/** Runs every 绩效 rule that is not a relation. */
export function runPerformanceRules(vfile: VFile, report: ReportData): void {
  const weight = new Decimal(report.template.manifest.performance?.executionWeight ?? 10);
  for (const block of report.byKind.get('项目绩效') ?? []) {
    scores(vfile, block, weight);
    scoreAgainstTarget(vfile, block);
    costTargets(vfile, block);
    executionRate(vfile, block);
  }
  for (const block of report.byKind.get('部门整体绩效') ?? []) {
    scores(vfile, block, weight);
    scoreAgainstTarget(vfile, block);
  }
  for (const block of report.byKind.get('部门评价') ?? []) {
    evaluationCopy(vfile, report, block);
    scoreAgainstTarget(vfile, block);
  }
}
