// The wording helpers of the 情况说明, as pure functions of exact Decimals: an amount in 万元, a
// change against last year, a share, a completion rate, a comparison, ordinals. Percentages are
// computed once from the values as held and rounded half-up once; no phrase can come out as
// template residue ("增加0.00", "增长100%" from a zero base, "占 %").
import { Decimal } from 'decimal.js';
import { exact, fixed, group } from '../amount/format.js';

const WAN = new Decimal(10000);
const HUNDRED = new Decimal(100);

/** A phrase that cannot be written from these values (zero base…), with a rule id. */
export class PhraseError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** An amount in 元 as 万元 to 2 decimals: 2929015.40 → "292.90". */
export function wan(yuan: Decimal): string {
  return fixed(yuan.div(WAN), 2);
}

/** An amount in 元 as 万元 to at most 2 decimals, without trailing zeros: "34", "29.05". */
export function wanShort(yuan: Decimal): string {
  return exact(yuan.div(WAN).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
}

/** An amount in 元 with thousands commas and 2 decimals: "2,929,015.40". */
export function yuanText(yuan: Decimal): string {
  return group(fixed(yuan, 2));
}

/** A percentage to 2 decimals, rounded half-up once: 52.0713… → "52.07". */
export function percent(value: Decimal): string {
  return fixed(value, 2);
}

/**
 * The change of a figure against last year, in 万元: "比上年增加2.31万元，增长2.75%",
 * "比上年减少199.93万元，下降40.57%", "与上年持平" (when the change shows as 0.00), and from a zero
 * base "比上年增加25.09万元" with no growth rate (上年为零,增长率无可比性).
 */
export function change(current: Decimal, prior: Decimal): string {
  const delta = current.minus(prior);
  const shown = wan(delta.abs());
  if (new Decimal(shown).isZero()) return '与上年持平';
  const up = delta.isPositive();
  const head = `比上年${up ? '增加' : '减少'}${shown}万元`;
  if (prior.isZero()) return `${head}（上年为零，增长率无可比性）`;
  const rate = percent(delta.abs().div(prior.abs()).times(HUNDRED));
  return `${head}，${up ? '增长' : '下降'}${rate}%`;
}

/** Whether a change shows as non-zero (so that it needs a 主要原因). */
export function changed(current: Decimal, prior: Decimal): boolean {
  return !new Decimal(wan(current.minus(prior).abs())).isZero();
}

/** A share "占p%" of a whole; 0 of 0 is 0.00% (as the official texts print it). */
export function share(part: Decimal, whole: Decimal): string {
  if (whole.isZero()) {
    if (part.isZero()) return '0.00%';
    throw new PhraseError('narrate/zero-base', `不能计算占比: 基数为零而部分为 ${wan(part)} 万元`);
  }
  return `${percent(part.div(whole).times(HUNDRED))}%`;
}

/** "完成年初预算的p%", or undefined when the budget is zero (no rate is printed then). */
export function completion(actual: Decimal, budget: Decimal): string | undefined {
  if (budget.isZero()) return undefined;
  return `${percent(actual.div(budget).times(HUNDRED))}%`;
}

/** 大于 / 小于 / 等于, from the sign of a − b at 万元 display precision. */
export function compare(a: Decimal, b: Decimal): '大于' | '小于' | '等于' {
  const d = new Decimal(wan(a.minus(b)));
  return d.isZero() ? '等于' : d.isPositive() ? '大于' : '小于';
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A Chinese numeral for 1–99: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new PhraseError('narrate/ordinal', `序号 ${n} 超出 1–99`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** Ordinals: style 一 → "一、", (一) → "(一)", 1 → "1.". */
export function ordinal(n: number, style: '一' | '(一)' | '1'): string {
  if (style === '一') return `${chineseNumber(n)}、`;
  if (style === '(一)') return `（${chineseNumber(n)}）`;
  return `${n}.`;
}
