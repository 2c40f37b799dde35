// The three relations every number rule reduces to — sum, equal, ≤ — as data (vfile.data.relations:
// what `check`, `diff` and `--explain` read), and their evaluation on intervals of exact Decimals
// (尾数 done right), with the diagnostic each failure (or inexact success) gives.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { WAN } from '../amount/amount.js';
import { exact } from '../amount/format.js';
import { diagnose, type Related, type Severity } from '../diagnostics/message.js';
import { fileOfFact, placeOfFact, type Fact } from '../expr/fact.js';
import { add, halfWidth, intersects, isPoint, midpoint, scale, ZERO_INTERVAL, type Interval } from '../expr/interval.js';

export interface RuleMeta {
  id: string;
  description: string;
  severity: Exclude<Severity, 'info'>;
}

export interface Part {
  fact: Fact;
  weight: Decimal;
}

interface RelationBase {
  /** The rule id: balance/row-sum, hierarchy/sum, cross/01-03-class… */
  rule: string;
  severity: Exclude<Severity, 'info'>;
  /** What the rule says, in Chinese (the start of its message). */
  description: string;
}

/**
 * One relation the checker evaluates. `sum`: total = Σ weight·part (within 尾数 intervals);
 * `equal`: the same figure in two places, total = parts[0] (exactly, at the same precision);
 * `le`: Σ left ≤ Σ right. Every fact carries its stable key (fact.key) and place.
 */
export type Relation =
  | (RelationBase & { kind: 'sum'; total: Fact; parts: Part[]; totalLabel?: string })
  | (RelationBase & { kind: 'equal'; total: Fact; parts: [Part] })
  | (RelationBase & { kind: 'le'; left: Fact[]; right: Fact[] });

declare module 'vfile' {
  interface DataMap {
    /** Every relation of the report's rules, in the order they are evaluated. */
    relations: Relation[];
  }
}

/** The facts of a relation, each once, with the weight it has on the side of the total (le: left +1, right −1). */
export function factsOfRelation(r: Relation): Part[] {
  if (r.kind === 'le') return [...r.left.map((fact) => ({ fact, weight: ONE })), ...r.right.map((fact) => ({ fact, weight: ONE.neg() }))];
  return [{ fact: r.total, weight: ONE }, ...r.parts.map((p) => ({ fact: p.fact, weight: p.weight.neg() }))];
}

/** Evaluates one relation: a diagnostic when it fails, an info when it holds only within 尾数. */
export function evaluateRelation(vfile: VFile, r: Relation): boolean {
  const meta: RuleMeta = { id: r.rule, description: r.description, severity: r.severity };
  if (r.kind === 'sum') return checkSum(vfile, meta, r.total, r.parts, r.totalLabel);
  if (r.kind === 'equal') return checkEqual(vfile, meta, r.total, r.parts[0].fact);
  return checkLessOrEqual(vfile, meta, r.left, r.right);
}

const ONE = new Decimal(1);

function isAmountFact(f: Fact): boolean {
  return f.kind === 'amount';
}

/** A value for messages: amounts in 万元 (2 decimals at least), counts and scores as numbers. */
export function show(d: Decimal, amount: boolean): string {
  return amount ? exact(d.div(WAN), 2) : exact(d);
}

function showInterval(i: Interval, amount: boolean): string {
  return show(midpoint(i), amount);
}

const place = placeOfFact;
const fileOf = fileOfFact;

/** The places of the non-empty facts (an empty addend says nothing a reviewer needs to see). */
function related(facts: Fact[], label = '组成项', valueOf?: (f: Fact) => string): Related[] {
  return facts
    .filter((f) => (f.where ?? f.fallback) && f.value !== null)
    .map((f) => ({ file: fileOf(f), place: place(f), label: `${label} ${f.label}${valueOf ? ` = ${valueOf(f)}` : ''}` }));
}

/** One side is an exact value and the other its rounding: no 尾数 difference to report. */
function isRounding(a: Interval, b: Interval): boolean {
  return (isPoint(a) && a.lo.gte(b.lo) && a.lo.lte(b.hi)) || (isPoint(b) && b.lo.gte(a.lo) && b.lo.lte(a.hi));
}

/** A rule over a value that could not be read says nothing: the value is reported already. */
function unreadable(...facts: Fact[]): boolean {
  return facts.some((f) => f.kind === 'invalid');
}

const unitWord = (amount: boolean) => (amount ? '万元' : '');

/** total = Σ weight·part, within the 尾数 intervals; inexact but consistent sums are infos. */
export function checkSum(vfile: VFile, meta: RuleMeta, total: Fact, parts: Part[], totalLabel = total.label): boolean {
  if (unreadable(total, ...parts.map((p) => p.fact))) return true;
  const t = total.interval;
  const s = parts.reduce((acc, p) => add(acc, scale(p.fact.interval, p.weight)), ZERO_INTERVAL);
  const amount = isAmountFact(total);
  const consistent = intersects(t, s);
  const difference = midpoint(t).minus(midpoint(s));
  if (consistent && (difference.isZero() || isRounding(t, s))) return true;
  const tolerance = halfWidth(t).plus(halfWidth(s));
  const u = unitWord(amount);
  // A balance Σ left = Σ right is held as left[0] = Σ right − Σ left[1…]: its message names both sides.
  const left = parts.filter((p) => p.weight.isNegative());
  const right = parts.filter((p) => !p.weight.isNegative());
  const balance = left.length > 0;
  const value = (f: Fact) => `${showInterval(f.interval, amount)}${u}`;
  const sideSum = (facts: Part[]) => facts.reduce((acc, p) => add(acc, scale(p.fact.interval, p.weight.abs())), ZERO_INTERVAL);
  const reason = consistent
    ? `${totalLabel} ${showInterval(t, amount)}${u} 与各项之和 ${showInterval(s, amount)}${u} 相差 ${show(difference.abs(), amount)}${u},在尾数容差 ${show(tolerance, amount)}${u} 之内`
    : balance
      ? `${meta.description}: 左边之和 ${showInterval(add(t, sideSum(left)), amount)}${u},右边之和 ${showInterval(sideSum(right), amount)}${u}`
      : `${meta.description}: ${total.label} 为 ${showInterval(t, amount)}${u},各项之和为 ${showInterval(s, amount)}${u}`;
  // The parts as a list (related), each with its value; an empty addend is counted, not listed.
  const listed = (label: string, facts: Fact[]) => related(facts, label, value);
  const emptyCount = parts.filter((p) => p.fact.value === null).length;
  diagnose(vfile, {
    rule: meta.id,
    severity: consistent ? 'info' : meta.severity,
    reason,
    file: fileOf(total),
    place: place(total),
    expected: showInterval(balance ? sideSum(right) : s, amount),
    actual: showInterval(balance ? add(t, sideSum(left)) : t, amount),
    difference: show(difference, amount),
    tolerance: show(tolerance, amount),
    related: balance ? [...listed('左边', [total, ...left.map((p) => p.fact)]), ...listed('右边', right.map((p) => p.fact))] : listed('组成项', parts.map((p) => p.fact)),
    ...(emptyCount && !consistent ? { notes: [`另有 ${emptyCount} 项为空`] } : {}),
  });
  return consistent;
}

/** The same figure in two places: equal exactly at the same precision, overlapping otherwise. */
export function checkEqual(vfile: VFile, meta: RuleMeta, left: Fact, right: Fact): boolean {
  if (unreadable(left, right)) return true;
  const l = left.interval;
  const r = right.interval;
  const amount = isAmountFact(left) || isAmountFact(right);
  const samePrecision = halfWidth(l).eq(halfWidth(r));
  const ok = samePrecision ? midpoint(l).eq(midpoint(r)) : intersects(l, r);
  const difference = midpoint(l).minus(midpoint(r));
  if (ok && (difference.isZero() || isRounding(l, r))) return true;
  const u = unitWord(amount);
  const tolerance = samePrecision ? new Decimal(0) : halfWidth(l).plus(halfWidth(r));
  diagnose(vfile, {
    rule: meta.id,
    severity: ok ? 'info' : meta.severity,
    reason: ok
      ? `${left.label} ${showInterval(l, amount)}${u} 与 ${right.label} ${showInterval(r, amount)}${u} 精度不同,相差 ${show(difference.abs(), amount)}${u},在尾数容差之内`
      : `${meta.description}: ${left.label} 为 ${showInterval(l, amount)}${u},${right.label} 为 ${showInterval(r, amount)}${u}`,
    file: fileOf(left),
    place: place(left),
    expected: showInterval(r, amount),
    actual: showInterval(l, amount),
    difference: show(difference, amount),
    tolerance: show(tolerance, amount),
    related: related([right], '另一处'),
  });
  return ok;
}

/** Σ left ≤ Σ right: fails only when even the smallest left exceeds the largest right. */
export function checkLessOrEqual(vfile: VFile, meta: RuleMeta, left: Fact[], right: Fact[]): boolean {
  if (unreadable(...left, ...right)) return true;
  const sum = (facts: Fact[]) => facts.reduce((acc, f) => add(acc, f.interval), ZERO_INTERVAL);
  const l = sum(left);
  const r = sum(right);
  if (l.lo.lte(r.hi)) return true;
  const first = left[0]!;
  const amount = [...left, ...right].some(isAmountFact);
  const u = unitWord(amount);
  const name = (facts: Fact[]) => facts.map((f) => f.label).join(' + ');
  diagnose(vfile, {
    rule: meta.id,
    severity: meta.severity,
    reason: `${meta.description}: ${name(left)} ${showInterval(l, amount)}${u} 大于 ${name(right)} ${showInterval(r, amount)}${u}`,
    file: fileOf(first),
    place: place(first),
    expected: `≤ ${showInterval(r, amount)}`,
    actual: showInterval(l, amount),
    difference: show(l.lo.minus(r.hi), amount),
    tolerance: show(halfWidth(l).plus(halfWidth(r)), amount),
    related: related([...left.slice(1), ...right], '相关项'),
  });
  return false;
}
