// The figures prose names, computed as the narrative computes them: every expression of the
// vocabulary is evaluated by the narrative's own helpers over the narrative's context (so a typed
// number and the helper that would print it agree by construction), and changes, shares and
// completion rates use the same formulas and the same percent basis as src/narrate/phrases.ts.
// Each figure also carries the range its operands' 尾数 allow, and the helper calls that print it.
import { Decimal } from 'decimal.js';
import Handlebars from 'handlebars';
import type { ReportData } from '../../data/read.js';
import type { Where } from '../../data/tree.js';
import { buildContext, Value, type Context } from '../../narrate/context.js';
import { helpers } from '../../narrate/helpers.js';
import { percent, wan, wanShort, yuanText } from '../../narrate/phrases.js';
import type { Interval } from '../interval.js';
import type { FigureSpec } from './resolve.js';

export type FigureKind = 'amount' | 'percent' | 'count' | 'score' | 'text';

/** A helper call and what it prints. */
export interface HelperForm {
  call: string;
  prints: string;
  /** Whether `prints` includes the unit (万元, 元, %), or only the number. */
  withUnit: boolean;
}

export interface Figure {
  kind: FigureKind;
  /** The value as the narrative computes it (元 for amounts, points for percentages). */
  exact?: Decimal;
  /** The values the operands' 尾数 admit. */
  range?: Interval;
  text?: string;
  /** As the narrative prints it ("292.90万元", "40.57%", "9"). */
  shown: string;
  /** What the figure is, in words, for messages. */
  description: string;
  /** Up, down or flat at display precision (changes). */
  direction?: 'up' | 'down' | 'flat';
  /** Why the figure does not exist ("上年为零,增长率无可比性"). */
  missing?: string;
  forms: HelperForm[];
  where?: Where;
}

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);

function point(d: Decimal): Interval {
  return { lo: d, hi: d };
}

function rangeOf(v: Value): Interval {
  if (v.amount) return { lo: v.amount.yuan.minus(v.amount.halfWidth), hi: v.amount.yuan.plus(v.amount.halfWidth) };
  return point(v.number());
}

function absRange(r: Interval): Interval {
  if (r.lo.gte(0)) return r;
  if (r.hi.lte(0)) return { lo: r.hi.neg(), hi: r.lo.neg() };
  return { lo: ZERO, hi: Decimal.max(r.lo.neg(), r.hi) };
}

/** a ÷ b × 100 over non-negative ranges; undefined when b may be zero. */
function ratioRange(a: Interval, b: Interval): Interval | undefined {
  if (b.lo.lte(0)) return undefined;
  return { lo: a.lo.div(b.hi).times(HUNDRED), hi: a.hi.div(b.lo).times(HUNDRED) };
}

function kindOf(v: Value): FigureKind {
  return v.kind === 'amount' ? 'amount' : v.kind === 'text' ? 'text' : v.kind === 'count' ? 'count' : 'score';
}

/** Evaluates vocabulary expressions and computes figures for one report. */
export class Figures {
  private readonly context: Context;
  private readonly env = Handlebars.create();
  private readonly cache = new Map<string, Value | undefined>();
  private captured: unknown;
  readonly basis: 'held' | 'displayed';

  constructor(report: ReportData, prior: ReportData | undefined) {
    this.context = buildContext(report, prior);
    this.basis = report.template.manifest.narrative?.percentBasis ?? 'held';
    const table = helpers({ warn: () => undefined, names: report.template.manifest.narrative?.names ?? {}, basis: this.basis });
    for (const [name, fn] of Object.entries(table)) this.env.registerHelper(name, fn as Handlebars.HelperDelegate);
    this.env.registerHelper('__figure', (value: unknown) => {
      this.captured = value;
      return '';
    });
  }

  /** The Value an expression names, or undefined when the data has none. */
  value(expression: string): Value | undefined {
    if (this.cache.has(expression)) return this.cache.get(expression);
    let out: Value | undefined;
    try {
      this.captured = undefined;
      this.env.compile(`{{__figure ${expression}}}`, { strict: true, noEscape: true })(this.context);
      const v = this.captured;
      if (v instanceof Value) out = v;
      else if (typeof v === 'number') out = new Value(expression, 'count', null, new Decimal(v), null);
    } catch {
      out = undefined;
    }
    this.cache.set(expression, out);
    return out;
  }

  /** An operand of a rate on the template's percent basis (as the narrative's helpers take it). */
  private operand(v: Value): Decimal {
    const n = v.number();
    if (this.basis === 'held' || v.kind !== 'amount') return n;
    return n.div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(100);
  }

  private shownValue(v: Value): string {
    if (v.kind === 'text') return v.text ?? '';
    if (v.kind === 'amount') return `${wan(v.number())}万元`;
    return v.isEmpty() ? '0' : v.toString();
  }

  /** The figure a spec names, or undefined when one of its operands is missing. */
  figure(spec: FigureSpec): Figure | undefined {
    const term = spec.term;
    const field = (role: string) => term.fields.get(role);
    const fact = field('fact')!;
    if (spec.kind === 'value') {
      const expr = field(spec.role);
      const v = expr ? this.value(expr) : undefined;
      if (!v) return undefined;
      return this.valueFigure(v, expr!);
    }
    if (spec.kind === 'change' || spec.kind === 'growth') {
      const otherExpr = field(spec.basis === 'prior' ? 'prior' : 'budget');
      const current = this.value(fact);
      const other = otherExpr ? this.value(otherExpr) : undefined;
      if (!current || !other || current.kind === 'text' || other.kind === 'text') return undefined;
      const delta = this.operand(current).minus(this.operand(other));
      const amounts = current.kind === 'amount';
      const shownDelta = amounts ? wan(delta.abs()) : delta.abs().toString();
      const direction = new Decimal(shownDelta).isZero() ? 'flat' : delta.isPositive() ? 'up' : 'down';
      const deltaRange = absRange({ lo: rangeOf(current).lo.minus(rangeOf(other).hi), hi: rangeOf(current).hi.minus(rangeOf(other).lo) });
      const against = spec.basis === 'prior' ? '上年' : '预算数';
      const what = `${term.label}: 本年 ${this.shownValue(current)},${against} ${this.shownValue(other)}`;
      if (spec.kind === 'change') {
        const forms: HelperForm[] = amounts ? [{ call: `{{万元 (增减额 ${fact} ${otherExpr})}}`, prints: `${shownDelta}万元`, withUnit: true }] : [];
        return { kind: amounts ? 'amount' : 'count', exact: delta.abs(), range: deltaRange, shown: amounts ? `${shownDelta}万元` : shownDelta, description: `${what},相差 ${amounts ? `${shownDelta}万元` : shownDelta}`, direction, forms };
      }
      const base = this.operand(other).abs();
      if (base.isZero()) return { kind: 'percent', shown: '——', description: what, direction, missing: `${against}为零,增长率无可比性`, forms: [] };
      const rate = delta.abs().div(base).times(HUNDRED);
      const range = ratioRange(deltaRange, absRange(rangeOf(other)));
      const shown = `${percent(rate)}%`;
      return { kind: 'percent', exact: rate, ...(range ? { range } : {}), shown, description: `${what},变动率 ${shown}`, direction, forms: [{ call: `{{增减率 ${fact} ${otherExpr}}}`, prints: shown, withUnit: true }] };
    }
    if (spec.kind === 'share') {
      const part = this.value(fact);
      const whole = this.value(spec.whole);
      if (!part || !whole || part.kind !== 'amount' || whole.kind !== 'amount') return undefined;
      const p = this.operand(part);
      const w = this.operand(whole);
      const what = `${term.label} ${this.shownValue(part)} 占 ${spec.wholeLabel || spec.whole} ${this.shownValue(whole)}`;
      if (w.isZero()) {
        if (!p.isZero()) return { kind: 'percent', shown: '——', description: what, missing: '总数为零而部分不为零,无法计算占比', forms: [] };
        return { kind: 'percent', exact: ZERO, range: point(ZERO), shown: '0.00%', description: `${what} = 0.00%`, forms: [{ call: `{{占 ${fact} ${spec.whole}}}`, prints: '0.00%', withUnit: true }] };
      }
      const rate = p.div(w).times(HUNDRED);
      const range = ratioRange(rangeOf(part), rangeOf(whole));
      const shown = `${percent(rate)}%`;
      return { kind: 'percent', exact: rate, ...(range ? { range } : {}), shown, description: `${what} = ${shown}`, forms: [{ call: `{{占 ${fact} ${spec.whole}}}`, prints: shown, withUnit: true }] };
    }
    // Completion: the term's own rate when it names one (a 绩效 执行率), else fact ÷ budget.
    const own = field('completion');
    if (own) {
      const v = this.value(own);
      if (!v || v.kind === 'text' || v.isEmpty()) return undefined;
      const shown = `${percent(v.number())}%`;
      return { kind: 'percent', exact: v.number(), range: point(v.number()), shown, description: `${term.label} 的执行率 ${shown}`, forms: [{ call: `{{百分比 ${own}}}`, prints: shown, withUnit: true }] };
    }
    const budgetExpr = field('budget');
    const precise = field('precise');
    const budget = budgetExpr ? this.value(budgetExpr) : undefined;
    const plain = this.value(fact);
    if (!budget || !plain || budget.kind !== 'amount' || plain.kind !== 'amount') return undefined;
    // 精确: the more precise statement of the same figure, when it agrees within 尾数 (as the narrative's helper).
    const actualExpr = precise ? `(精确 ${fact} ${precise})` : fact;
    const actual = this.value(actualExpr) ?? plain;
    const b = this.operand(budget);
    const what = `${term.label}: 决算 ${this.shownValue(actual)},预算 ${this.shownValue(budget)}`;
    if (b.isZero()) return { kind: 'percent', shown: '——', description: what, missing: '预算数为零,不应写完成率', forms: [] };
    const rate = this.operand(actual).div(b).times(HUNDRED);
    const range = ratioRange(rangeOf(actual), rangeOf(budget));
    const shown = `${percent(rate)}%`;
    return { kind: 'percent', exact: rate, ...(range ? { range } : {}), shown, description: `${what},完成 ${shown}`, forms: [{ call: `{{完成率 ${actualExpr} ${budgetExpr}}}`, prints: shown, withUnit: true }] };
  }

  private valueFigure(v: Value, expr: string): Figure {
    const kind = kindOf(v);
    const where = v.where;
    const name = expr.startsWith('(') ? expr : v.path;
    const base = { description: `${name} 为 ${this.shownValue(v)}`, ...(where ? { where } : {}) };
    if (kind === 'text') return { kind, text: v.text ?? '', shown: v.text ?? '', ...base, forms: [{ call: `{{数 ${expr}}}`, prints: v.text ?? '', withUnit: false }] };
    if (kind === 'amount') {
      const yuan = v.number();
      return {
        kind,
        exact: yuan,
        range: rangeOf(v),
        shown: `${wan(yuan)}万元`,
        ...base,
        forms: [
          { call: `{{万元 ${expr}}}`, prints: `${wan(yuan)}万元`, withUnit: true },
          { call: `{{万元简 ${expr}}}`, prints: `${wanShort(yuan)}万元`, withUnit: true },
          { call: `{{元 ${expr}}}`, prints: `${yuanText(yuan)}元`, withUnit: true },
        ],
      };
    }
    const n = v.number();
    const shown = v.isEmpty() ? '0' : v.toString();
    return { kind, exact: n, range: point(n), shown, ...base, forms: [{ call: `{{数 ${expr}}}`, prints: shown, withUnit: false }] };
  }
}
