// The precision of a number as it is written: "2.60" has two decimals (±0.005), "1,293.60" two,
// "40" none (±0.5). Decimal#decimalPlaces() drops trailing zeros, so it never reads a literal's
// precision; every check that compares a written number at its own precision uses these.
import { Decimal } from 'decimal.js';
import type { Interval } from './interval.js';

/** The decimals written in a number's text ("2.60" → 2, "1,293.6" → 1, "40" → 0, "=0.050405万元" → 6). */
export function writtenDecimals(text: string): number {
  const m = /\d(?:[\d,]*)(?:\.(\d+))?/u.exec(text);
  return m?.[1]?.length ?? 0;
}

/** The value of a written number without its thousands commas ("1,293.60" → 1293.60). */
export function writtenValue(text: string): Decimal {
  return new Decimal(text.replace(/,/gu, ''));
}

/** Half a unit of the last written decimal: "2.60" → 0.005, "40" → 0.5. */
export function halfUnit(decimals: number): Decimal {
  return new Decimal(10).pow(-decimals).div(2);
}

/** The interval a written number stands for, times `scale` ("1,293.60" 万元 → ±0.005 万元 in 元). */
export function writtenInterval(text: string, scale: Decimal = new Decimal(1)): Interval {
  const value = writtenValue(text);
  const half = halfUnit(writtenDecimals(text));
  return { lo: value.minus(half).times(scale), hi: value.plus(half).times(scale) };
}
