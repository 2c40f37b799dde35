// The three relations every number rule reduces to — sum, equal, ≤ — evaluated on intervals of
// exact Decimals (尾数 done right), and the diagnostic each failure (or inexact success) gives.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { WAN, type Amount } from '../amount/amount.js';
import { exact } from '../amount/format.js';
import { diagnose, type Related, type Severity } from '../diagnostics/message.js';
import type { Fact } from './refs.js';
import { add, halfWidth, intersects, intervalOf, isPoint, midpoint, scale, ZERO_INTERVAL, type Interval } from './interval.js';

export interface RuleMeta {
  id: string;
  description: string;
  severity: Exclude<Severity, 'info'>;
}

export interface Part {
  fact: Fact;
  weight: Decimal;
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

function place(f: Fact) {
  return f.where?.place ?? f.fallback?.keyPlace ?? f.fallback?.place;
}

function fileOf(f: Fact): string {
  return (f.where ?? f.fallback)?.file.path ?? '';
}

/** The places of the non-empty facts (an empty addend says nothing a reviewer needs to see). */
function related(facts: Fact[], label = '组成项'): Related[] {
  return facts.filter((f) => (f.where ?? f.fallback) && f.value !== null).map((f) => ({ file: fileOf(f), place: place(f), label: `${label} ${f.label}` }));
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
  const t = intervalOf(total.value as Amount | Decimal | null);
  const s = parts.reduce((acc, p) => add(acc, scale(intervalOf(p.fact.value as Amount | Decimal | null), p.weight)), ZERO_INTERVAL);
  const amount = isAmountFact(total);
  const consistent = intersects(t, s);
  const difference = midpoint(t).minus(midpoint(s));
  if (consistent && (difference.isZero() || isRounding(t, s))) return true;
  const tolerance = halfWidth(t).plus(halfWidth(s));
  const u = unitWord(amount);
  const written = parts.filter((p) => p.fact.value !== null);
  const emptyCount = parts.length - written.length;
  const partsText =
    (written.map((p) => `${p.weight.eq(ONE) ? '' : p.weight.eq(ONE.neg()) ? '−' : `${p.weight}×`}${p.fact.label}`).join(' + ') || '各项') +
    (emptyCount ? `(其余 ${emptyCount} 项为空)` : '');
  diagnose(vfile, {
    rule: meta.id,
    severity: consistent ? 'info' : meta.severity,
    reason: consistent
      ? `${totalLabel} ${showInterval(t, amount)}${u} 与各项之和 ${showInterval(s, amount)}${u} 相差 ${show(difference.abs(), amount)}${u},在尾数容差 ${show(tolerance, amount)}${u} 之内`
      : `${meta.description}: ${totalLabel} 为 ${showInterval(t, amount)}${u},而 ${partsText} = ${showInterval(s, amount)}${u}`,
    file: fileOf(total),
    place: place(total),
    expected: showInterval(s, amount),
    actual: showInterval(t, amount),
    difference: show(difference, amount),
    tolerance: show(tolerance, amount),
    related: related(parts.map((p) => p.fact)),
  });
  return consistent;
}

/** The same figure in two places: equal exactly at the same precision, overlapping otherwise. */
export function checkEqual(vfile: VFile, meta: RuleMeta, left: Fact, right: Fact): boolean {
  if (unreadable(left, right)) return true;
  const l = intervalOf(left.value as Amount | Decimal | null);
  const r = intervalOf(right.value as Amount | Decimal | null);
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
  const sum = (facts: Fact[]) => facts.reduce((acc, f) => add(acc, intervalOf(f.value as Amount | Decimal | null)), ZERO_INTERVAL);
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
