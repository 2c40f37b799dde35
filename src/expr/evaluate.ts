// Evaluates a parsed expression over a report: a reference to the facts it names (`*` expanded,
// `{var}` bound), a call to the fact its function computes. `terms` keeps a sum as its weighted
// parts (what a relation needs); `evaluate` gives one fact.
import { Decimal } from 'decimal.js';
import type { ReportData } from '../data/read.js';
import type { Expr, Segment } from './ast.js';
import type { Fact } from './fact.js';
import { count, grade, growth, literal, rate, ratio, score, sumTerms, type Term } from './functions.js';
import { pathOf, segments as splitPath } from './path.js';
import { keysAt, resolvePath } from './resolve.js';
import { perfFields } from '../perf/fields.js';

type RefExpr = Extract<Expr, { type: 'ref' }>;

export interface Scope {
  report: ReportData;
  /** The values of the variables ({类}, {行}, {项目}…). */
  vars?: Record<string, string>;
  /** The previous year's report, when the repository has it (for prior()). */
  prior?: ReportData;
  /** A reference that names nothing the template defines (its block present), or a misuse. */
  onProblem?(problem: Problem): void;
}

export interface Problem {
  /** `unknown-reference`: the path names nothing; `type`: a function got the wrong kind of value. */
  kind: 'unknown-reference' | 'type';
  message: string;
  expr: Expr;
  /** The path as bound, for a reference. */
  path?: string;
}

const ONE = new Decimal(1);

/** One concrete path of a reference for each combination of the keys its `*` stand for. */
export function expandRef(scope: Scope, ref: RefExpr): { path: string[]; stars: string[] }[] | undefined {
  const out: { path: string[]; stars: string[] }[] = [];
  const bound: (string | null)[] = [];
  for (const segment of ref.segments) {
    const text = segmentText(scope, segment);
    if (text === undefined) return undefined;
    bound.push(text);
  }
  const walk = (i: number, path: string[], stars: string[]) => {
    if (i === bound.length) {
      out.push({ path, stars });
      return;
    }
    const s = bound[i]!;
    if (s !== null) walk(i + 1, [...path, s], stars);
    else for (const key of keysAt(scope.report, path)) walk(i + 1, [...path, key], [...stars, key]);
  };
  walk(0, [], []);
  return out;
}

/** A segment's text with its variables bound; null for `*`; undefined for an unbound variable. */
function segmentText(scope: Scope, segment: Segment): string | null | undefined {
  if (segment.kind === 'star') return null;
  let text = '';
  for (const piece of segment.pieces) {
    if (typeof piece === 'string') text += piece;
    else {
      const value = scope.vars?.[piece.var];
      if (value === undefined) return undefined;
      text += value;
    }
  }
  return text;
}

/** The facts a reference names (one per `*` combination); undefined when one names nothing. */
export function factsOf(scope: Scope, ref: RefExpr): Fact[] | undefined {
  const paths = expandRef(scope, ref);
  if (!paths) {
    scope.onProblem?.({ kind: 'type', message: `引用「${ref.text}」中的变量没有取值`, expr: ref });
    return undefined;
  }
  const out: Fact[] = [];
  for (const { path } of paths) {
    const fact = resolvePath(scope.report, path);
    if (!fact) {
      scope.onProblem?.({ kind: 'unknown-reference', message: `引用「${pathOf(path)}」指向不存在的位置`, expr: ref, path: pathOf(path) });
      return undefined;
    }
    out.push(fact);
  }
  return out;
}

/** An expression as weighted parts: sum and minus are kept apart, any other call is one part. */
export function terms(scope: Scope, expr: Expr): Term[] | undefined {
  if (expr.type === 'ref') return factsOf(scope, expr)?.map((fact) => ({ fact, weight: ONE }));
  if (expr.type === 'call' && (expr.name === 'sum' || expr.name === 'minus')) {
    const out: Term[] = [];
    for (const [i, arg] of expr.args.entries()) {
      const parts = terms(scope, arg);
      if (!parts) return undefined;
      const sign = expr.name === 'minus' && i > 0 ? ONE.neg() : ONE;
      out.push(...parts.map((t) => ({ fact: t.fact, weight: t.weight.times(sign) })));
    }
    return out;
  }
  const fact = evaluate(scope, expr);
  return fact ? [{ fact, weight: ONE }] : undefined;
}

/**
 * The values a variable of `each` takes from an expression: the keys its last `*` stands for
 * (项目绩效.* → the project names), the pack's grades for grades(), else the texts of its facts.
 */
export function valuesOf(scope: Scope, expr: Expr): string[] | undefined {
  if (expr.type === 'call' && expr.name === 'grades') return (scope.report.template.manifest.performance?.grades ?? []).map((b) => b.grade);
  if (expr.type === 'ref' && expr.segments.some((s) => s.kind === 'star')) return expandRef(scope, expr)?.map((p) => p.stars[p.stars.length - 1]!);
  return list(scope, expr)?.map((f) => f.text ?? '');
}

/** The facts of an argument that may name many (count). */
function list(scope: Scope, expr: Expr): Fact[] | undefined {
  if (expr.type === 'ref') return factsOf(scope, expr);
  const fact = evaluate(scope, expr);
  return fact ? [fact] : undefined;
}

function textOf(scope: Scope, expr: Expr): string | undefined {
  if (expr.type === 'text') return expr.value;
  if (expr.type === 'var') return scope.vars?.[expr.name];
  if (expr.type === 'number') return expr.value.toString();
  return evaluate(scope, expr)?.text;
}

/** prior(ref): the same figure of the previous year, through the pack's narrative.prior map. */
function prior(scope: Scope, ref: Expr): Fact | undefined {
  if (ref.type !== 'ref') {
    scope.onProblem?.({ kind: 'type', message: 'prior() 的参数应为一个引用', expr: ref });
    return undefined;
  }
  const paths = expandRef(scope, ref);
  if (paths?.length !== 1) return undefined;
  const path = pathOf(paths[0]!.path);
  const map = scope.report.template.manifest.narrative?.prior ?? {};
  const target = Object.entries(map).find(([, source]) => pathOf(splitPath(source)) === path)?.[0];
  // Without the previous report, the block that holds its figures (narrative.priorBlock: 上年).
  const block = scope.report.template.manifest.narrative?.priorBlock;
  const fact = scope.prior ? resolvePath(scope.prior, splitPath(path)) : target && block ? resolvePath(scope.report, [block, ...splitPath(target)]) : undefined;
  if (!fact) {
    scope.onProblem?.({ kind: 'unknown-reference', message: `找不到「${path}」的上年数`, expr: ref, path });
    return undefined;
  }
  return { ...fact, label: `上年 ${fact.label}` };
}

/** Evaluates an expression to one fact; undefined when it names nothing (reported through onProblem). */
export function evaluate(scope: Scope, expr: Expr): Fact | undefined {
  switch (expr.type) {
    case 'number':
      return literal(expr.value);
    case 'text':
    case 'var': {
      const text = textOf(scope, expr) ?? '';
      return { value: null, interval: { lo: new Decimal(0), hi: new Decimal(0) }, text, label: text, kind: 'text', where: undefined, fallback: undefined };
    }
    case 'ref': {
      const facts = factsOf(scope, expr);
      if (!facts) return undefined;
      return facts.length === 1 && !expr.segments.some((s) => s.kind === 'star') ? facts[0] : sumTerms(facts.map((fact) => ({ fact, weight: ONE })), expr.text);
    }
    case 'call':
      return call(scope, expr);
  }
}

function call(scope: Scope, expr: Extract<Expr, { type: 'call' }>): Fact | undefined {
  const args = expr.args;
  const one = (i: number) => evaluate(scope, args[i]!);
  switch (expr.name) {
    case 'sum':
    case 'minus': {
      const parts = terms(scope, expr);
      return parts && sumTerms(parts);
    }
    case 'ratio':
    case 'growth':
    case 'rate': {
      const a = one(0);
      const b = one(1);
      if (!a || !b) return undefined;
      return expr.name === 'ratio' ? ratio(a, b) : expr.name === 'growth' ? growth(a, b) : rate(a, b);
    }
    case 'count': {
      const facts = list(scope, args[0]!);
      if (!facts) return undefined;
      const label = args[0]!.type === 'ref' ? `${args[0]!.text} 项数` : '项数';
      return count(facts, label, args[1] ? textOf(scope, args[1]) : undefined);
    }
    case 'prior':
      return prior(scope, args[0]!);
    case 'score': {
      const block = one(0);
      const total = block && score(block, perfFields(scope.report.template));
      if (block && !total) scope.onProblem?.({ kind: 'type', message: 'score() 的参数应为一张绩效表', expr });
      return total;
    }
    case 'grades': {
      const bands = scope.report.template.manifest.performance?.grades ?? [];
      scope.onProblem?.({ kind: 'type', message: `grades() 给出 ${bands.length} 个等级,只能用于 each`, expr });
      return undefined;
    }
    case 'grade': {
      const total = one(0);
      return total && grade(total, scope.report.template.manifest.performance?.grades ?? []);
    }
    default:
      scope.onProblem?.({ kind: 'type', message: `函数 ${expr.name} 的值是条件,不是数`, expr });
      return undefined;
  }
}
