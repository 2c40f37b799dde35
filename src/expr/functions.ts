// What the pack's functions compute, on facts: sums and differences that carry 尾数 half-widths
// exactly, ratio and growth as a point value from the values as held with the interval their
// operands' intervals allow, and the 绩效 figures (total score, grade by the pack's bands, rate).
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { GradeBand } from '../template/types.js';
import { gradeOf, totalScore } from '../perf/indicators.js';
import type { PerfFields } from '../perf/fields.js';
import { factOf, type Fact, type FactKind } from './fact.js';
import { add, halfWidth as half, holdsZero, hull, intervalOf, scale, UNBOUNDED, ZERO_INTERVAL, type Interval } from './interval.js';

export interface Term {
  fact: Fact;
  weight: Decimal;
}

const ONE = new Decimal(1);
const HUNDRED = new Decimal(100);

function isAmount(v: Amount | Decimal | null): v is Amount {
  return v !== null && !Decimal.isDecimal(v);
}

/** The number a fact holds: 元 for an amount, 0 when empty. */
export function numberOf(f: Fact): Decimal {
  if (f.value === null) return new Decimal(0);
  return isAmount(f.value) ? f.value.yuan : (f.value as Decimal);
}

function where(facts: Fact[]): Pick<Fact, 'where' | 'fallback'> {
  const first = facts.find((f) => f.where ?? f.fallback);
  return { where: undefined, fallback: first?.where ?? first?.fallback };
}

function kindOf(facts: Fact[]): FactKind {
  if (facts.some((f) => f.kind === 'invalid')) return 'invalid';
  return facts.find((f) => f.kind !== 'text')?.kind ?? 'amount';
}

/** A label of terms: a + b − c. */
export function termsLabel(terms: Term[]): string {
  return terms.map((t, i) => `${t.weight.isNegative() ? (i ? ' − ' : '−') : i ? ' + ' : ''}${t.weight.abs().eq(ONE) ? '' : `${t.weight.abs()}×`}${t.fact.label}`).join('');
}

/** Σ weight·fact: an Amount when the facts are amounts (half-widths add), else a Decimal. */
export function sumTerms(terms: Term[], label = termsLabel(terms)): Fact {
  const facts = terms.map((t) => t.fact);
  const kind = kindOf(facts);
  const interval = terms.reduce((acc, t) => add(acc, scale(t.fact.interval, t.weight)), ZERO_INTERVAL);
  let value: Amount | Decimal;
  if (kind === 'amount' || kind === 'invalid') {
    let yuan = new Decimal(0);
    let halfWidth = new Decimal(0);
    let decimals = 0;
    for (const { fact, weight } of terms) {
      if (!isAmount(fact.value)) continue;
      yuan = yuan.plus(fact.value.yuan.times(weight));
      // From the fact's interval: a printed zero the pack declares exact adds no 尾数.
      halfWidth = halfWidth.plus(half(fact.interval).times(weight.abs()));
      decimals = Math.max(decimals, fact.value.unit === '元' ? fact.value.decimals : fact.value.decimals + 4);
    }
    value = { yuan, unit: '元', decimals, halfWidth, text: '' };
  } else value = terms.reduce((acc, t) => acc.plus(numberOf(t.fact).times(t.weight)), new Decimal(0));
  return { value, interval, label, kind, ...where(facts), from: facts };
}

/** The range of f over the box of two intervals, f monotone in each argument on it. */
function corners(a: Interval, b: Interval, f: (x: Decimal, y: Decimal) => Decimal): Interval {
  return hull([f(a.lo, b.lo), f(a.lo, b.hi), f(a.hi, b.lo), f(a.hi, b.hi)]);
}

function percentFact(a: Fact, b: Fact, label: string, f: (x: Decimal, y: Decimal) => Decimal, kind: FactKind = 'percent'): Fact {
  const facts = [a, b];
  if (a.kind === 'invalid' || b.kind === 'invalid') return { value: null, interval: ZERO_INTERVAL, label, kind: 'invalid', ...where(facts), from: facts };
  const base = numberOf(b);
  const value = base.isZero() ? null : f(numberOf(a), base);
  // A base whose interval holds 0 allows any ratio.
  const interval = holdsZero(b.interval) ? UNBOUNDED : corners(a.interval, b.interval, f);
  return { value, interval: value === null ? UNBOUNDED : interval, label, kind, ...where(facts), from: facts };
}

/** a ÷ b × 100, a percentage; empty (null) when b is 0. */
export function ratio(a: Fact, b: Fact, label = `${a.label} ÷ ${b.label}`): Fact {
  return percentFact(a, b, label, (x, y) => x.div(y).times(HUNDRED));
}

/** (a − b) ÷ |b| × 100, a percentage; empty (null) when b is 0. */
export function growth(a: Fact, b: Fact, label = `${a.label} 比 ${b.label} 增减`): Fact {
  return percentFact(a, b, label, (x, y) => x.minus(y).div(y.abs()).times(HUNDRED));
}

/** 执行率: 执行数 ÷ 全年预算数 × 100, empty when nothing was spent or the budget is 0 or empty (printed "——"). */
export function rate(spent: Fact, budget: Fact, label = `${spent.label} ÷ ${budget.label}`): Fact {
  const out = percentFact(spent, budget, label, (x, y) => x.div(y).times(HUNDRED));
  return spent.value === null && out.kind !== 'invalid' ? { ...out, value: null, interval: UNBOUNDED } : out;
}

/** The number of facts (or of those whose text is `text`). */
export function count(facts: Fact[], label: string, text?: string): Fact {
  const n = text === undefined ? facts.length : facts.filter((f) => (f.text ?? '').trim() === text).length;
  return { ...factOf(new Decimal(n), { label, kind: 'count', ...where(facts) }), from: facts };
}

/** The 总分 of a 绩效 block: its 执行率 score plus every indicator's score. */
export function score(block: Fact, fields: PerfFields, label = `${block.label} 总分`): Fact | undefined {
  if (!block.node) return undefined;
  return factOf(totalScore(block.node, fields), { label, kind: 'score', where: undefined, fallback: block.where ?? block.fallback });
}

/** The grade of a score by the pack's bands. */
export function grade(total: Fact, bands: GradeBand[], label = `${total.label} 等级`): Fact {
  return { value: null, interval: ZERO_INTERVAL, text: gradeOf(numberOf(total), bands), label, kind: 'text', ...where([total]), from: [total] };
}

/** A fact of an exact number written in the expression. */
export function literal(value: Decimal, label = value.toString()): Fact {
  return { value, interval: intervalOf(value), label, kind: 'score', where: undefined, fallback: undefined };
}
