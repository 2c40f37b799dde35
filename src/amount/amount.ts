// The Amount value: a sum of money read from its source text, held as an exact Decimal in 元,
// with the precision it was written at (which gives its 尾数 interval).
import { Decimal } from 'decimal.js';

// Enough significant digits for every sum and difference of amounts up to 10²⁰ 元 to the 分 over
// 10⁴ rows (26 digits) with room to spare: decimal.js's default of 20 would lose a 0.02 元
// difference at 21 significant digits.
Decimal.set({ precision: 40 });

export type Unit = '元' | '万元';

/** Ten thousand: 1 万元 = 10000 元. */
export const WAN = new Decimal(10000);

export interface Amount {
  /** The value in 元, exact as written (万元 values are multiplied by 10⁴). */
  readonly yuan: Decimal;
  /** The unit the source text used. */
  readonly unit: Unit;
  /** Decimals written, in the source unit. */
  readonly decimals: number;
  /** Half the width of the interval this value stands for, in 元 (0 for an exact value). */
  readonly halfWidth: Decimal;
  /** The source text, trimmed. */
  readonly text: string;
}

/** Builds an Amount; a 元 value, or a 万元 value to the 分 (6 decimals), is exact. */
export function makeAmount(value: Decimal, unit: Unit, decimals: number, text: string): Amount {
  const yuan = unit === '元' ? value : value.times(WAN);
  const exact = unit === '元' || decimals >= 6;
  const halfWidth = exact ? new Decimal(0) : new Decimal(10).pow(-decimals).div(2).times(WAN);
  return { yuan, unit, decimals, halfWidth, text };
}

/** The value in 万元, exact. */
export function inWan(amount: Amount): Decimal {
  return amount.yuan.div(WAN);
}

/** The closed interval [lo, hi] in 元 that the amount stands for. */
export function interval(amount: Amount): [Decimal, Decimal] {
  return [amount.yuan.minus(amount.halfWidth), amount.yuan.plus(amount.halfWidth)];
}

/** The sum of amounts: exact values add exactly, 尾数 intervals add their half-widths. */
export function sumAmounts(amounts: readonly (Amount | null | undefined)[], unit: Unit = '元'): Amount {
  let yuan = new Decimal(0);
  let halfWidth = new Decimal(0);
  let decimals = 0;
  for (const a of amounts) {
    if (!a) continue;
    yuan = yuan.plus(a.yuan);
    halfWidth = halfWidth.plus(a.halfWidth);
    decimals = Math.max(decimals, a.unit === unit ? a.decimals : unit === '元' ? a.decimals + 4 : Math.max(0, a.decimals - 4));
  }
  return { yuan, unit, decimals, halfWidth, text: '' };
}
