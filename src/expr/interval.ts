// Closed intervals of exact Decimals, in 元: what a printed value stands for (XBRL Calculations
// 1.1, round-to-nearest). Sums add endpoints; a weight scales (and flips, if negative) them.
import { Decimal } from 'decimal.js';
import { interval as amountInterval, type Amount } from '../amount/amount.js';

export interface Interval {
  lo: Decimal;
  hi: Decimal;
}

const ZERO = new Decimal(0);

export const ZERO_INTERVAL: Interval = { lo: ZERO, hi: ZERO };

/** The interval of a value: an Amount's 尾数 interval, an exact count, or 0 for an empty cell. */
export function intervalOf(value: Amount | Decimal | null | undefined): Interval {
  if (!value) return ZERO_INTERVAL;
  if (Decimal.isDecimal(value)) return { lo: value as Decimal, hi: value as Decimal };
  const [lo, hi] = amountInterval(value as Amount);
  return { lo, hi };
}

export function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi) };
}

export function scale(a: Interval, w: Decimal): Interval {
  const x = a.lo.times(w);
  const y = a.hi.times(w);
  return x.lte(y) ? { lo: x, hi: y } : { lo: y, hi: x };
}

export function intersects(a: Interval, b: Interval): boolean {
  return Decimal.max(a.lo, b.lo).lte(Decimal.min(a.hi, b.hi));
}

export function midpoint(a: Interval): Decimal {
  return a.lo.plus(a.hi).div(2);
}

export function halfWidth(a: Interval): Decimal {
  return a.hi.minus(a.lo).div(2);
}

export function isPoint(a: Interval): boolean {
  return a.lo.eq(a.hi);
}

/** a − b: the half-widths add. */
export function subtract(a: Interval, b: Interval): Interval {
  return { lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo) };
}

/** Whether the interval holds 0. */
export function holdsZero(a: Interval): boolean {
  return a.lo.lte(0) && a.hi.gte(0);
}

/** The smallest interval holding every value. */
export function hull(values: Decimal[]): Interval {
  return { lo: Decimal.min(...values), hi: Decimal.max(...values) };
}

/** The interval of all numbers: what a ratio over a base that may be zero can be. */
export const UNBOUNDED: Interval = { lo: new Decimal(-Infinity), hi: new Decimal(Infinity) };
