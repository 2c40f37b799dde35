// The figures prose names. Every role of a term is an expression of the pack's language (src/expr:
// references, prior(), sum(), count()…), evaluated to a fact; changes, shares and completion rates
// are computed from those facts with the formulas of the narrative (src/narrate/phrases.ts) on the
// pack's percent basis, so a typed number and the sentence the narrative writes agree. The helper
// calls that would print a figure are rendered by the narrative's own helpers over its context
// (--fix offers one only when it prints the typed text exactly).
import { Decimal } from 'decimal.js';
import type { ReportData } from '../../data/read.js';
import type { Where } from '../../data/tree.js';
import { evaluate, numberOf, parseExpr, segments, type Expr, type Fact } from '../../expr/index.js';
import { buildContext } from '../../narrate/context.js';
import { helpers } from '../../narrate/helpers.js';
import { wordingOf } from '../../narrate/wording.js';
import { percent, wan } from '../../narrate/phrases.js';
import type { Interval } from '../interval.js';
import type { FigureSpec } from './resolve.js';

export type FigureKind = 'amount' | 'percent' | 'count' | 'score' | 'text';

/** A helper call of the narrative: `{{helper arg …}}`, an argument a Handlebars path or a subexpression. */
export interface Call {
  helper: string;
  args: (string | Call)[];
}

/** A call as it is written in prose: {{万元 (精确 a b)}}. */
export function callText(call: Call, top = true): string {
  const inner = [call.helper, ...call.args.map((a) => (typeof a === 'string' ? a : callText(a, false)))].join(' ');
  return top ? `{{${inner}}}` : `(${inner})`;
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
  /** Whether it is a stated value of the report (judged by 尾数 overlap) rather than a computed one. */
  stated?: boolean;
  /** Helper calls that print it (the first whose output is the typed text is offered). */
  calls: Call[];
  where?: Where;
}

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);

function point(d: Decimal): Interval {
  return { lo: d, hi: d };
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

function kindOf(f: Fact): FigureKind | undefined {
  return f.kind === 'invalid' ? undefined : f.kind;
}

/** A reference's segments as one key (for matching narrative.prior), or undefined for `*` and variables. */
function refKey(e: Expr): string | undefined {
  if (e.type !== 'ref') return undefined;
  const parts: string[] = [];
  for (const s of e.segments) {
    if (s.kind !== 'name' || s.pieces.some((p) => typeof p !== 'string')) return undefined;
    parts.push(s.pieces.join(''));
  }
  return parts.join('\u0001');
}

/** A Handlebars path segment: bracketed unless a plain identifier (digits are bracketed too). */
function hbsSegment(segment: string): string {
  return /^\d+$/u.test(segment) || /[\s!"#%-,./;->@[-^`{-~]/u.test(segment) ? `[${segment}]` : segment;
}

/** Evaluates vocabulary expressions and computes figures for one report. */
export class Figures {
  private readonly parsed = new Map<string, Expr | undefined>();
  private readonly facts = new Map<string, Fact | undefined>();
  private readonly rendered = new Map<string, string | undefined>();
  private helpers: { invoke(call: Call): unknown } | undefined;
  readonly basis: 'held' | 'displayed';
  /** The pack's block of 上年 figures (narrative.priorBlock), as the narrative names it. */
  private readonly priorBlock: string | undefined;
  /** narrative.prior read backwards: a figure's path → the narrative's 上年 path for it. */
  private readonly priorPath = new Map<string, string>();

  constructor(
    private readonly report: ReportData,
    private readonly prior: ReportData | undefined,
  ) {
    this.basis = report.template.manifest.narrative?.percentBasis ?? 'held';
    this.priorBlock = report.template.manifest.narrative?.priorBlock;
    for (const [key, source] of Object.entries(report.template.manifest.narrative?.prior ?? {})) {
      const expr = this.expr(source);
      const k = expr && refKey(expr);
      if (k && this.priorBlock) this.priorPath.set(k, `${this.priorBlock}.${key}`);
    }
  }

  private expr(source: string): Expr | undefined {
    if (!this.parsed.has(source)) {
      const result = parseExpr(source);
      this.parsed.set(source, result.ok ? result.parsed.expr : undefined);
    }
    return this.parsed.get(source);
  }

  /** The fact an expression names, or undefined when the data has none. */
  fact(source: string): Fact | undefined {
    if (!this.facts.has(source)) {
      const expr = this.expr(source);
      const fact = expr ? evaluate({ report: this.report, ...(this.prior ? { prior: this.prior } : {}) }, expr) : undefined;
      this.facts.set(source, fact && fact.kind !== 'invalid' ? fact : undefined);
    }
    return this.facts.get(source);
  }

  /** The expression as a helper argument: a reference as a Handlebars path, prior(ref) as its 上年 path. */
  private argument(source: string): string | undefined {
    const expr = this.expr(source);
    if (!expr) return undefined;
    if (expr.type === 'call' && expr.name === 'prior' && expr.args[0]) {
      const k = refKey(expr.args[0]);
      const target = k ? this.priorPath.get(k) : undefined;
      return target ? this.argument(target) : undefined;
    }
    return refKey(expr)?.split('\u0001').map(hbsSegment).join('.');
  }

  /** What a helper call prints, by the narrative's own helpers over its context. */
  render(call: Call): string | undefined {
    const key = callText(call);
    if (!this.rendered.has(key)) {
      this.helpers ??= this.makeHelpers();
      let out: string | undefined;
      try {
        const value = this.helpers.invoke(call);
        out = typeof value === 'string' ? value : undefined;
      } catch {
        out = undefined;
      }
      this.rendered.set(key, out);
    }
    return this.rendered.get(key);
  }

  private makeHelpers(): { invoke(call: Call): unknown } {
    const context = buildContext(this.report, this.prior);
    const manifest = this.report.template.manifest;
    const table = helpers({ warn: () => undefined, names: manifest.narrative?.names ?? {}, basis: this.basis, wording: wordingOf(manifest, this.report.frontMatter.year) });
    const lookup = (path: string): unknown => {
      let at: unknown = context;
      for (const part of segments(path)) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined;
      if (at === undefined) throw new Error(`no ${path}`);
      return at;
    };
    const invoke = (call: Call): unknown => {
      const fn = table[call.helper];
      if (!fn) throw new Error(`no helper ${call.helper}`);
      const args = call.args.map((a) => (typeof a === 'string' ? lookup(a) : invoke(a)));
      return fn(...args, { name: call.helper, hash: {} });
    };
    return { invoke };
  }

  /** An operand of a rate on the template's percent basis (as the narrative's helpers take it). */
  private operand(f: Fact): Decimal {
    const n = numberOf(f);
    if (this.basis === 'held' || f.kind !== 'amount') return n;
    return n.div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(100);
  }

  private shown(f: Fact): string {
    if (f.kind === 'text') return f.text ?? '';
    if (f.kind === 'amount') return `${wan(numberOf(f))}万元`;
    if (f.kind === 'percent') return `${percent(numberOf(f))}%`;
    return numberOf(f).toString();
  }

  /** The calls whose arguments all have a Handlebars form. */
  private calls(...forms: [string, ...(string | Call | undefined)[]][]): Call[] {
    return forms.filter((f) => f.slice(1).every((a) => a !== undefined)).map(([helper, ...args]) => ({ helper, args: args as (string | Call)[] }));
  }

  /** The figure a spec names, or undefined when one of its operands is missing. */
  figure(spec: FigureSpec): Figure | undefined {
    const term = spec.term;
    const field = (role: string) => term.fields.get(role);
    const factExpr = field('fact')!;
    if (spec.kind === 'value') {
      const expr = field(spec.role);
      const f = expr ? this.fact(expr) : undefined;
      return f && expr ? this.valueFigure(f, expr) : undefined;
    }
    if (spec.kind === 'change' || spec.kind === 'growth') {
      const otherExpr = field(spec.basis === 'prior' ? 'prior' : 'budget');
      const current = this.fact(factExpr);
      const other = otherExpr ? this.fact(otherExpr) : undefined;
      if (!current || !other || current.kind === 'text' || other.kind === 'text') return undefined;
      const delta = this.operand(current).minus(this.operand(other));
      const amounts = current.kind === 'amount';
      const shownDelta = amounts ? wan(delta.abs()) : delta.abs().toString();
      const direction = new Decimal(shownDelta).isZero() ? 'flat' : delta.isPositive() ? 'up' : 'down';
      const deltaRange = absRange({ lo: current.interval.lo.minus(other.interval.hi), hi: current.interval.hi.minus(other.interval.lo) });
      const against = spec.basis === 'prior' ? (this.priorBlock ?? '上一年度') : '预算数';
      const what = `${term.label}: 本年 ${this.shown(current)},${against} ${this.shown(other)}`;
      const a = this.argument(factExpr);
      const b = otherExpr ? this.argument(otherExpr) : undefined;
      if (spec.kind === 'change') {
        const calls = amounts && a && b ? this.calls(['变动额', a, b]) : [];
        return { kind: amounts ? 'amount' : 'count', exact: delta.abs(), range: deltaRange, shown: amounts ? `${shownDelta}万元` : shownDelta, description: `${what},相差 ${amounts ? `${shownDelta}万元` : shownDelta}`, direction, calls };
      }
      const base = this.operand(other).abs();
      if (base.isZero()) return { kind: 'percent', shown: '——', description: what, direction, missing: `${against}为零,增长率无可比性`, calls: [] };
      const rate = delta.abs().div(base).times(HUNDRED);
      const range = ratioRange(deltaRange, absRange(other.interval));
      const shown = `${percent(rate)}%`;
      return { kind: 'percent', exact: rate, ...(range ? { range } : {}), shown, description: `${what},变动率 ${shown}`, direction, calls: this.calls(['变动率', a, b]) };
    }
    if (spec.kind === 'share') {
      const part = this.fact(factExpr);
      const whole = this.fact(spec.whole);
      if (!part || !whole || part.kind !== 'amount' || whole.kind !== 'amount') return undefined;
      const p = this.operand(part);
      const w = this.operand(whole);
      const what = `${term.label} ${this.shown(part)} 占 ${spec.wholeLabel || whole.label} ${this.shown(whole)}`;
      const calls = this.calls(['占', this.argument(factExpr), this.argument(spec.whole)]);
      if (w.isZero()) {
        if (!p.isZero()) return { kind: 'percent', shown: '——', description: what, missing: '总数为零而部分不为零,无法计算占比', calls: [] };
        return { kind: 'percent', exact: ZERO, range: point(ZERO), shown: '0.00%', description: `${what} = 0.00%`, calls };
      }
      const rate = p.div(w).times(HUNDRED);
      const range = ratioRange(part.interval, whole.interval);
      const shown = `${percent(rate)}%`;
      return { kind: 'percent', exact: rate, ...(range ? { range } : {}), shown, description: `${what} = ${shown}`, calls };
    }
    // Completion: the term's own rate when it names one (a 绩效 执行率), else fact ÷ budget.
    const own = field('completion');
    if (own) {
      const f = this.fact(own);
      if (!f || f.kind === 'text' || f.value === null) return undefined;
      const shown = `${percent(numberOf(f))}%`;
      return { kind: 'percent', exact: numberOf(f), range: point(numberOf(f)), shown, description: `${term.label} 的执行率 ${shown}`, calls: this.calls(['百分比', this.argument(own)]) };
    }
    const budgetExpr = field('budget');
    const budget = budgetExpr ? this.fact(budgetExpr) : undefined;
    const plain = this.fact(factExpr);
    if (!budget || !plain || budget.kind !== 'amount' || plain.kind !== 'amount') return undefined;
    // 精确: the more precise statement of the same figure, when it agrees within 尾数 (as the narrative's helper does).
    const preciseExpr = field('precise');
    const precise = preciseExpr ? this.fact(preciseExpr) : undefined;
    const usePrecise = precise?.kind === 'amount' && precise.interval.lo.eq(precise.interval.hi) && precise.interval.lo.gte(plain.interval.lo) && precise.interval.lo.lte(plain.interval.hi);
    const actual = usePrecise ? precise : plain;
    const b = this.operand(budget);
    const what = `${term.label}: 决算 ${this.shown(actual)},预算 ${this.shown(budget)}`;
    if (b.isZero()) {
      // Nothing budgeted and nothing spent: 0% (as the published texts print it); spent without a budget: no rate.
      if (this.operand(actual).isZero()) return { kind: 'percent', exact: ZERO, range: point(ZERO), shown: '0%', description: `${what},完成 0%`, calls: [] };
      return { kind: 'percent', shown: '——', description: what, missing: '预算数为零,不应写完成率', calls: [] };
    }
    const rate = this.operand(actual).div(b).times(HUNDRED);
    const range = ratioRange(actual.interval, budget.interval);
    const shown = `${percent(rate)}%`;
    const f = this.argument(factExpr);
    const x = preciseExpr ? this.argument(preciseExpr) : undefined;
    const a = preciseExpr ? (f && x ? { helper: '精确', args: [f, x] } : undefined) : f;
    return { kind: 'percent', exact: rate, ...(range ? { range } : {}), shown, description: `${what},完成 ${shown}`, calls: this.calls(['完成率', a, this.argument(budgetExpr!)]) };
  }

  private valueFigure(f: Fact, expr: string): Figure | undefined {
    const kind = kindOf(f);
    if (!kind) return undefined;
    const where = f.where;
    const arg = this.argument(expr);
    const base = { description: `${f.label} 为 ${this.shown(f)}`, stated: true, ...(where ? { where } : {}) };
    if (kind === 'text') return { kind, text: f.text ?? '', shown: f.text ?? '', ...base, calls: this.calls(['数', arg]) };
    const n = numberOf(f);
    if (kind === 'amount') {
      return { kind, exact: n, range: f.interval, shown: this.shown(f), ...base, calls: this.calls(['万元', arg], ['万元简', arg], ['元', arg]) };
    }
    const calls = kind === 'percent' ? this.calls(['百分比', arg]) : this.calls(['数', arg]);
    return { kind, exact: n, range: f.interval, shown: this.shown(f), ...base, calls };
  }
}
