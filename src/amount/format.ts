// Prints Decimals: 万元 to 2 decimals, 元 with thousands commas, percentages — always rounded
// half-up once, from the exact value (Decimal#toFixed is decimal-exact; Number#toFixed is banned).
import { Decimal } from 'decimal.js';

/** `d` rounded half-up to `places` decimals, as text. */
export function fixed(d: Decimal, places: number): string {
  // eslint-disable-next-line no-restricted-syntax -- Decimal#toFixed is exact decimal arithmetic.
  return d.toFixed(places, Decimal.ROUND_HALF_UP);
}

/** Thousands commas in the integer part of a fixed-point text. */
export function group(text: string): string {
  return text.replace(/^(-?)(\d+)/u, (_m, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+(?!\d))/gu, ','));
}

/** The shortest exact text of a Decimal with at least `min` decimals (no exponent). */
export function exact(d: Decimal, min = 0): string {
  const places = Math.max(min, d.decimalPlaces());
  return fixed(d, places);
}
