// The 绩效 rules, on the block kinds the pack declares 绩效 tables (performance.tables) with its
// field names (performance.fields): weights add to 100 and scores to the 总分; a score agrees with
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
import { rate } from '../expr/functions.js';
import { keyOf, pathOf } from '../expr/path.js';
import { indicators } from '../expr/resolve.js';
import { halfWidth, intersects, intervalOf, type Interval } from '../expr/interval.js';
import type { Part, Relation } from './relations.js';
import { meets, moneyUnit, normalizeIndicatorText, parseActual, parseTarget } from '../perf/indicator.js';
import { indicatorRows, type IndicatorRow } from '../perf/indicators.js';
import { halfUnit, writtenDecimals } from './precision.js';
import { kindsOf, perfFields, type PerfFields, type PerfRole } from '../perf/fields.js';

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

/** The pack's roles of 绩效 tables and its field names, for the rules of one report. */
interface Perf {
  f: PerfFields;
  role: Map<string, PerfRole>;
}

function nameOf(block: Block, p: Perf): string {
  const role = p.role.get(block.kind);
  return role === 'project' ? `「${block.name}」自评表` : role === 'evaluation' ? `「${block.name}」部门评价表` : '部门整体支出绩效自评表';
}

/** Σ 分值 = 100, 得分 ≤ 分值, Σ 得分 = 总分 (when 总分 is written). */
function scores(vfile: VFile, block: Block, weight: Decimal, p: Perf): Decimal {
  const { f } = p;
  const rows = indicatorRows(block.root, f);
  const fund = child(block.root, f.funds);
  const fundScore = decimalOf(child(fund, f.score)) ?? new Decimal(0);
  let weights = weight;
  let total = fundScore;
  for (const row of rows) {
    const w = decimalOf(child(row.node, f.weight)) ?? new Decimal(0);
    const s = decimalOf(child(row.node, f.score)) ?? new Decimal(0);
    weights = weights.plus(w);
    total = total.plus(s);
    if (s.gt(w)) {
      diagnose(vfile, {
        rule: 'perf/score-over-weight',
        reason: `${nameOf(block, p)}「${row.name}」得分 ${exact(s)} 超过分值 ${exact(w)}`,
        ...at(child(row.node, f.score), block.root.where),
        expected: `≤ ${exact(w)}`,
        actual: exact(s),
      });
    }
  }
  if (fundScore.gt(weight)) {
    diagnose(vfile, { rule: 'perf/score-over-weight', reason: `${nameOf(block, p)} 预算执行率得分 ${exact(fundScore)} 超过分值 ${exact(weight)}`, ...at(child(fund, f.score), block.root.where) });
  }
  if (!weights.eq(100)) {
    diagnose(vfile, {
      rule: 'perf/weight-total',
      reason: `${nameOf(block, p)} 各指标分值之和(含预算执行率 ${exact(weight)} 分)应为 100,实为 ${exact(weights)}`,
      ...at(child(block.root, f.indicators), block.root.where),
      expected: '100',
      actual: exact(weights),
      difference: exact(weights.minus(100)),
    });
  }
  const written = child(block.root, f.total);
  const printed = decimalOf(written);
  if (printed && !printed.eq(total)) {
    diagnose(vfile, {
      rule: 'perf/score-total',
      reason: `${nameOf(block, p)} 总分应为各项得分之和 ${exact(total)},表中为 ${exact(printed)}`,
      ...at(written, block.root.where),
      expected: exact(total),
      actual: exact(printed),
      difference: exact(printed.minus(total)),
    });
  }
  return total;
}

/** A score agrees with whether its indicator met its target (核实性). */
function scoreAgainstTarget(vfile: VFile, block: Block, p: Perf): void {
  const { f } = p;
  for (const row of indicatorRows(block.root, f)) {
    const target = parseTarget(textOf(child(row.node, f.target)));
    const actual = parseActual(textOf(child(row.node, f.actual)));
    const w = decimalOf(child(row.node, f.weight));
    const s = decimalOf(child(row.node, f.score));
    if (!target || !actual || !w || !s) continue;
    const met = meets(target, actual);
    if (met && s.lt(w)) {
      diagnose(vfile, {
        rule: 'perf/score-vs-target',
        severity: 'warning',
        reason: `${nameOf(block, p)}「${row.name}」实际完成值 ${textOf(child(row.node, f.actual))} 已达到年度指标 ${textOf(child(row.node, f.target))},得分 ${exact(s)} 却低于分值 ${exact(w)}`,
        ...at(child(row.node, f.actual), block.root.where),
        related: [{ file: block.file.path, place: child(row.node, f.score)?.where.place, label: f.score }],
      });
    } else if (!met && s.eq(w) && w.gt(0)) {
      diagnose(vfile, {
        rule: 'perf/score-vs-target',
        severity: 'warning',
        reason: `${nameOf(block, p)}「${row.name}」实际完成值 ${textOf(child(row.node, f.actual))} 未达到年度指标 ${textOf(child(row.node, f.target))},却得满分 ${exact(w)};请在偏差原因中说明`,
        ...at(child(row.node, f.actual), block.root.where),
      });
    }
  }
}

/** The money cost indicators of a project, when every cost indicator is in money. */
function costRows(block: Block, p: Perf) {
  const { f } = p;
  const fund = child(block.root, f.funds);
  const spent = child(fund, f.spent);
  const rows = indicatorRows(block.root, f).filter((r) => r.level1.includes(f.cost));
  if (!rows.length || spent?.kind !== 'amount') return undefined;
  const parts: Part[] = [];
  let fixedTargets = new Decimal(0);
  const targetRows: IndicatorRow[] = [];
  for (const row of rows) {
    const target = parseTarget(textOf(child(row.node, f.target)));
    const size = target ? moneyUnit(target.unit) : undefined;
    const actualNode = child(row.node, f.actual);
    const actual = parseActual(textOf(actualNode));
    if (!target || !size || !actual) return undefined; // a cost indicator not in money: nothing to add up
    // The decimals as written ("34.10万元" is ±0.005 万元), not Decimal#decimalPlaces (which drops zeros).
    const decimals = writtenDecimals(textOf(actualNode) ?? '');
    const amount = makeAmount(actual.value, size.eq(WAN) ? '万元' : '元', decimals, textOf(actualNode) ?? '');
    const key = keyOf([block.kind, ...(block.name ? [block.name] : []), f.indicators, row.name, f.actual]);
    parts.push({ fact: factOf(amount, { where: actualNode?.where, fallback: block.root.where, label: `「${row.name}」实际完成值`, kind: 'amount', key }), weight: new Decimal(1) });
    if (target.op === '=') {
      fixedTargets = fixedTargets.plus(target.value.times(size));
      targetRows.push(row);
    }
  }
  return { spent, parts, fixedTargets, targetRows };
}

/** Cost indicators of a project: their actual values add up to its 执行数. */
function costRelation(block: Block, p: Perf): Relation | undefined {
  const { f } = p;
  const found = costRows(block, p);
  if (!found) return undefined;
  const { spent } = found;
  const key = keyOf([block.kind, ...(block.name ? [block.name] : []), f.funds, f.spent]);
  const total = factOf(spent.kind === 'amount' ? spent.value : null, { where: spent.where, fallback: block.root.where, label: `${nameOf(block, p)} 执行数`, kind: 'amount', key });
  return { rule: 'perf/cost-actual', kind: 'sum', severity: 'error', description: `${nameOf(block, p)} 成本指标实际完成值之和应等于执行数`, total, parts: found.parts };
}

/** The targets of a project's cost indicators fit its budget (核实性). */
function costTargets(vfile: VFile, block: Block, p: Perf): void {
  const { f } = p;
  const found = costRows(block, p);
  if (!found) return;
  const { fixedTargets, targetRows } = found;
  const budget = child(child(block.root, f.funds), f.budget);
  const budgetValue = amountOf(budget);
  if (budgetValue && targetRows.length) {
    const b: Interval = intervalOf(budgetValue);
    if (fixedTargets.gt(b.hi)) {
      diagnose(vfile, {
        rule: 'perf/cost-target-budget',
        severity: 'warning',
        reason: `${nameOf(block, p)} 成本指标的年度指标值合计 ${exact(fixedTargets.div(WAN), 2)}万元 超过全年预算数 ${exact(budgetValue.yuan.div(WAN), 2)}万元`,
        ...at(child(targetRows[0]!.node, f.target), block.root.where),
        related: [{ file: block.file.path, place: budget?.where.place, label: f.budget }],
      });
    }
  }
}

/** A printed 执行率 (when written) is 执行数 ÷ 全年预算数 at its printed precision: it meets the range rate() allows. */
function executionRate(vfile: VFile, block: Block, p: Perf): void {
  const { f } = p;
  const fund = child(block.root, f.funds);
  const written = child(fund, f.rate);
  const spent = amountOf(child(fund, f.spent));
  const budget = amountOf(child(fund, f.budget));
  if (!written || written.kind !== 'score' || !written.value || !spent || !budget || budget.yuan.isZero()) return;
  if (intervalOf(budget).lo.lte(0)) return;
  const fact = (value: Amount, label: string) => factOf(value, { where: undefined, fallback: block.root.where, label, kind: 'amount' });
  const computed = rate(fact(spent, f.spent), fact(budget, f.budget));
  // The decimals as written ("72.60" is ±0.005), not Decimal#decimalPlaces (which drops zeros).
  const half = halfUnit(writtenDecimals(written.text));
  const printed: Interval = { lo: written.value.minus(half), hi: written.value.plus(half) };
  if (!intersects(computed.interval, printed)) {
    const expected = exact((computed.value as Decimal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), 2);
    diagnose(vfile, {
      rule: 'perf/execution-rate',
      reason: `${nameOf(block, p)} 执行率应为执行数 ÷ 全年预算数 = ${expected}%,表中为 ${exact(written.value)}%`,
      ...at(written, block.root.where),
      expected,
      actual: exact(written.value),
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
function outputRows(root: DataNode, f: PerfFields): { name: string; node: DataNode }[] {
  const table = child(root, f.outputs);
  if (table?.kind !== 'map') return [];
  return [...table.entries.values()].flatMap((list) =>
    list.kind === 'list' ? list.items.map((node) => ({ name: textOf(child(node, f.name))?.trim() ?? '', node })) : [],
  );
}

/** A 部门评价 table that repeats the project's indicators repeats them exactly. */
function evaluationCopy(vfile: VFile, report: ReportData, block: Block, p: Perf): void {
  const { f } = p;
  const project = kindsOf(report.template, 'project').flatMap((k) => report.byKind.get(k) ?? []).find((b) => b.name === block.name);
  const nameField = report.template.manifest.blocks.repeatable?.[block.kind] ?? '';
  if (!project) {
    diagnose(vfile, {
      rule: 'cross/evaluation-project',
      reason: `部门评价的项目「${block.name}」没有对应的项目支出绩效自评表`,
      ...at(child(block.root, nameField), block.root.where),
    });
    return;
  }
  const own = indicators(project.root, f);
  const copies: [string, { name: string; node: DataNode }[], string[]][] = [
    ['评分表', indicatorRows(block.root, f), [f.target, f.actual, f.weight, f.score]],
    ['产出情况表', outputRows(block.root, f), [f.target, f.actual]],
  ];
  for (const [table, rows, fields] of copies) {
    for (const row of rows) {
      // Such tables may add the unit to the name: 高频服务事项接入(项), 维护系统次数(次/每月).
      const original = own.get(row.name) ?? own.get(row.name.replace(/\s*[(（][^()（）]*[)）]$/u, ''));
      if (!original) {
        diagnose(vfile, {
          rule: 'cross/evaluation-indicator',
          reason: `部门评价${table}的指标「${row.name}」不在「${block.name}」的自评表中`,
          ...at(child(row.node, f.name), block.root.where),
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

/** A 部门整体 table that writes its 全年预算数 / 执行数 writes the figures the pack derives for them (附件1's totals). */
function wholeFunds(report: ReportData, block: Block, p: Perf): Relation[] {
  const { f } = p;
  const out: Relation[] = [];
  const fund = child(block.root, f.funds);
  for (const key of [f.budget, f.spent]) {
    const written = child(fund, key);
    const path = [block.kind, f.funds, key];
    const derived = report.derived.get(pathOf(path));
    if (written?.kind !== 'amount' || !derived?.value) continue;
    const label = derived.label ?? path.join(' › ');
    out.push({
      rule: 'perf/whole-funds',
      kind: 'equal',
      severity: 'error',
      description: `${nameOf(block, p)}的${key}应等于${label}`,
      total: factOf(written.value, { where: written.where, fallback: block.root.where, label: path.join(' › '), kind: 'amount', key: keyOf(path) }),
      parts: [{ fact: factOf(derived.value as Amount, { where: undefined, fallback: block.root.where, label, kind: 'amount', key: keyOf(path), derived: true }), weight: new Decimal(1) }],
    });
  }
  return out;
}

function perfOf(report: ReportData): Perf {
  return { f: perfFields(report.template), role: new Map(Object.entries(report.template.manifest.performance?.tables ?? {})) };
}

const blocksOf = (report: ReportData, role: PerfRole) => kindsOf(report.template, role).flatMap((k) => report.byKind.get(k) ?? []);

/** The relations of the 绩效 tables (evaluated with every other relation). */
export function performanceRelations(report: ReportData): Relation[] {
  const p = perfOf(report);
  const out: Relation[] = [];
  for (const block of blocksOf(report, 'project')) {
    const cost = costRelation(block, p);
    if (cost) out.push(cost);
  }
  for (const block of blocksOf(report, 'whole')) out.push(...wholeFunds(report, block, p));
  return out;
}

/** Runs every 绩效 rule that is not a relation, on the block kinds the pack declares 绩效 tables. */
export function runPerformanceRules(vfile: VFile, report: ReportData): void {
  const p = perfOf(report);
  const weight = new Decimal(report.template.manifest.performance?.executionWeight ?? 10);
  for (const block of blocksOf(report, 'project')) {
    scores(vfile, block, weight, p);
    scoreAgainstTarget(vfile, block, p);
    costTargets(vfile, block, p);
    executionRate(vfile, block, p);
  }
  for (const block of blocksOf(report, 'whole')) {
    scores(vfile, block, weight, p);
    scoreAgainstTarget(vfile, block, p);
  }
  for (const block of blocksOf(report, 'evaluation')) {
    evaluationCopy(vfile, report, block, p);
    scoreAgainstTarget(vfile, block, p);
  }
}
