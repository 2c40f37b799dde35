// One change, one answer: from the relations that fail (vfile.data.relations), the single value whose
// correction satisfies the most of them (the cell that most likely changed), and — keeping that value —
// the totals that must follow it, in order and by how much, and the relations left for a person to decide.
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { Fact } from '../expr/fact.js';
import { add, halfWidth, intersects, midpoint, scale, ZERO_INTERVAL, type Interval } from '../expr/interval.js';
import { factsOfRelation, type Relation } from './relations.js';

/** A shift of values by fact key (in 元 for amounts), as if those cells had been rewritten. */
export type Shifts = ReadonlyMap<string, Decimal>;

const NONE: Shifts = new Map();

/** A total (or the other side of an equality) that follows the root: its value before and after. */
export interface Move {
  fact: Fact;
  before: Decimal;
  after: Decimal;
  delta: Decimal;
  /** The relation that moved it. */
  relation: Relation;
}

/** A cell that most likely changed, the broken relations it explains, and what follows it. */
export interface LikelyChange {
  fact: Fact;
  /** Its value now (the midpoint of what it stands for). */
  value: Decimal;
  /** The value that satisfies the relations it breaks (its correction). */
  corrected: Decimal;
  /** The failing relations this one correction satisfies. */
  explained: Relation[];
  /** Keeping the value: the totals that must follow, in order. */
  moves: Move[];
  /** Keeping the value: relations still failing after the moves (a person must choose a part). */
  open: { relation: Relation; residual: Decimal }[];
}

function shifted(f: Fact, shifts: Shifts): Interval {
  const d = f.key === undefined ? undefined : shifts.get(f.key);
  return d ? { lo: f.interval.lo.plus(d), hi: f.interval.hi.plus(d) } : f.interval;
}

function usable(f: Fact): boolean {
  return f.kind !== 'invalid' && f.kind !== 'text';
}

const sumOf = (facts: Fact[], shifts: Shifts) => facts.reduce((acc, f) => add(acc, shifted(f, shifts)), ZERO_INTERVAL);

/** Whether a relation holds (within 尾数, as `check` judges it) with the values shifted. */
export function holds(r: Relation, shifts: Shifts = NONE): boolean {
  const facts = factsOfRelation(r);
  if (facts.some((p) => !usable(p.fact))) return true;
  if (r.kind === 'le') return sumOf(r.left, shifts).lo.lte(sumOf(r.right, shifts).hi);
  const t = shifted(r.total, shifts);
  if (r.kind === 'equal') {
    const o = shifted(r.parts[0].fact, shifts);
    return halfWidth(t).eq(halfWidth(o)) ? midpoint(t).eq(midpoint(o)) : intersects(t, o);
  }
  const s = r.parts.reduce((acc, p) => add(acc, scale(shifted(p.fact, shifts), p.weight)), ZERO_INTERVAL);
  return intersects(t, s);
}

/** Σ weight·value on the total's side (sum/equal: total − Σ parts; le: Σ left − Σ right), at midpoints. */
export function residual(r: Relation, shifts: Shifts = NONE): Decimal {
  return factsOfRelation(r).reduce((acc, p) => acc.plus(midpoint(shifted(p.fact, shifts)).times(p.weight)), new Decimal(0));
}

/** The facts of a relation by key, with their combined weight on the total's side. */
function weightsOf(r: Relation): Map<string, { fact: Fact; weight: Decimal }> {
  const out = new Map<string, { fact: Fact; weight: Decimal }>();
  for (const { fact, weight } of factsOfRelation(r)) {
    if (fact.key === undefined) continue;
    const seen = out.get(fact.key);
    out.set(fact.key, { fact: seen?.fact ?? fact, weight: (seen?.weight ?? new Decimal(0)).plus(weight) });
  }
  return out;
}

/** The step a value is written at, in its fact's unit of account (元 for amounts). */
function stepOf(f: Fact): Decimal | undefined {
  const width = halfWidth(f.interval).times(2);
  if (width.gt(0) && width.isFinite()) return width;
  const v = f.value;
  if (v && !Decimal.isDecimal(v)) {
    const a = v as Amount;
    return new Decimal(10).pow(-a.decimals).times(a.unit === '万元' ? 10000 : 1);
  }
  return undefined;
}

function roundTo(d: Decimal, step: Decimal | undefined): Decimal {
  return step && step.gt(0) ? d.div(step).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(step) : d;
}

/** A fact that can be named as the cell that changed, or rewritten as a total that follows. */
function candidate(f: Fact): boolean {
  return f.key !== undefined && !f.derived && usable(f) && f.kind !== 'percent' && Boolean(f.where ?? f.fallback);
}

function movable(f: Fact): boolean {
  return candidate(f) && f.where !== undefined && f.value !== null;
}

/** The relations each fact key takes part in. */
export function relationsByKey(relations: readonly Relation[]): Map<string, Relation[]> {
  const out = new Map<string, Relation[]>();
  for (const r of relations) for (const key of weightsOf(r).keys()) out.set(key, [...(out.get(key) ?? []), r]);
  return out;
}

/** How many sum relations a key is the total of (a detail cell is the likelier change than a total). */
function totalCount(key: string, rels: readonly Relation[]): number {
  return rels.filter((r) => r.kind === 'sum' && r.total.key === key).length;
}

interface Scored {
  key: string;
  fact: Fact;
  delta: Decimal;
  explained: Relation[];
  score: number;
  totals: number;
  order: number;
}

/** The best correction of one key: the δ most of its failing relations ask for, scored. */
function score(key: string, failing: ReadonlySet<Relation>, byKey: Map<string, Relation[]>, order: number): Scored | undefined {
  const asks = new Map<string, { delta: Decimal; count: number }>();
  let fact: Fact | undefined;
  for (const r of failing) {
    const w = weightsOf(r).get(key);
    if (!w || w.weight.isZero()) continue;
    fact ??= w.fact;
    const step = stepOf(w.fact) ?? stepOf(r.kind === 'le' ? r.left[0]! : r.total);
    const delta = roundTo(residual(r).neg().div(w.weight), step);
    if (delta.isZero()) continue;
    const ask = asks.get(delta.toString()) ?? { delta, count: 0 };
    ask.count++;
    asks.set(delta.toString(), ask);
  }
  if (!fact || asks.size === 0) return undefined;
  const rels = byKey.get(key) ?? [];
  let best: Scored | undefined;
  for (const { delta } of asks.values()) {
    const shifts = new Map([[key, delta]]);
    const explained: Relation[] = [];
    let broken = 0;
    for (const r of rels) {
      const before = !failing.has(r) && holds(r);
      const after = holds(r, shifts);
      if (!before && after && failing.has(r)) explained.push(r);
      if (before && !after) broken++;
    }
    const s = explained.length - broken;
    if (!best || s > best.score) best = { key, fact, delta, explained, score: s, totals: totalCount(key, rels), order };
  }
  return best;
}

function better(a: Scored, b: Scored | undefined): boolean {
  if (!b) return true;
  if (a.score !== b.score) return a.score > b.score;
  if (a.totals !== b.totals) return a.totals < b.totals;
  return a.order < b.order;
}

/**
 * The cells that most likely changed, best first: each the one value whose correction satisfies the
 * most failing relations (at least two) while breaking fewest that hold; ties go to the more detailed
 * cell (the total of fewer sums). A relation is explained by one cell at most.
 */
export function likelyChanges(relations: readonly Relation[], limit = 20): LikelyChange[] {
  const byKey = relationsByKey(relations);
  let failing = relations.filter((r) => !holds(r));
  const out: LikelyChange[] = [];
  while (failing.length && out.length < limit) {
    const keys: string[] = [];
    const seen = new Set<string>();
    for (const r of failing)
      for (const [key, { fact }] of weightsOf(r))
        if (!seen.has(key) && candidate(fact)) {
          seen.add(key);
          keys.push(key);
        }
    let best: Scored | undefined;
    const failingSet = new Set(failing);
    keys.forEach((key, i) => {
      const s = score(key, failingSet, byKey, i);
      if (s && better(s, best)) best = s;
    });
    if (!best || best.explained.length < 2 || best.score < 2) break;
    const found: Scored = best;
    const value = midpoint(found.fact.interval);
    out.push({ fact: found.fact, value, corrected: value.plus(found.delta), explained: found.explained, ...propagate(found.key, found.delta.neg(), byKey) });
    failing = failing.filter((r) => !found.explained.includes(r));
  }
  return out;
}

/**
 * Keeping the root's value (it changed by `change`): every total that must follow, breadth first — a
 * sum of positive parts follows its parts, the other side of an equality follows its side, the larger
 * side of a ≤ grows to the smaller — each rewritten once; then the relations still failing.
 */
export function propagate(rootKey: string, change: Decimal, byKey: Map<string, Relation[]>): Pick<LikelyChange, 'moves' | 'open'> {
  const shifts = new Map<string, Decimal>();
  const settled = new Set([rootKey]);
  const deltaOf = (key: string | undefined) => (key === rootKey ? change : key === undefined ? undefined : shifts.get(key));
  const isSettled = (f: Fact) => f.key !== undefined && settled.has(f.key);
  const moves: Move[] = [];
  const touched = new Set<Relation>();
  const queue = [rootKey];
  const move = (target: Fact, delta: Decimal, relation: Relation) => {
    const d = roundTo(delta, stepOf(target));
    if (d.isZero() || !movable(target) || isSettled(target)) return;
    const before = midpoint(target.interval);
    shifts.set(target.key!, d);
    settled.add(target.key!);
    moves.push({ fact: target, before, after: before.plus(d), delta: d, relation });
    queue.push(target.key!);
  };
  while (queue.length) {
    const key = queue.shift()!;
    for (const r of byKey.get(key) ?? []) {
      touched.add(r);
      if (holds(r, shifts)) continue;
      if (r.kind === 'sum') {
        if (isSettled(r.total) || r.parts.some((p) => p.weight.lte(0))) continue;
        const delta = r.parts.reduce((acc, p) => acc.plus(p.weight.times(deltaOf(p.fact.key) ?? 0)), new Decimal(0));
        move(r.total, delta, r);
      } else if (r.kind === 'equal') {
        const [a, b] = [r.total, r.parts[0].fact];
        if (isSettled(a) && !isSettled(b)) move(b, deltaOf(a.key)!, r);
        else if (isSettled(b) && !isSettled(a)) move(a, deltaOf(b.key)!, r);
      } else if (r.right.length === 1 && !isSettled(r.right[0]!) && r.left.some(isSettled)) {
        move(r.right[0]!, residual(r, shifts), r);
      }
    }
  }
  const open = [...touched].filter((r) => !holds(r, shifts)).map((relation) => ({ relation, residual: residual(relation, shifts) }));
  return { moves, open };
}
