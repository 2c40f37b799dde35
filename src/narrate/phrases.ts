// The wording helpers of the 情况说明, as pure functions of exact Decimals and the template's
// wording (narrate/wording.ts): an amount in 万元, a change against last year, a share, a
// completion rate, a comparison, ordinals. Percentages are computed once from the values given and
// rounded half-up once; no phrase can come out as template residue ("增加0.00", a growth rate from a
// zero base where the template has none, "占 %").
import { Decimal } from 'decimal.js';
import { exact, fixed, group } from '../amount/format.js';
import type { NumberFormat, PhraseKey, WordKey, Wording } from './wording.js';

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

/** An amount in 元 as 万元 to 2 decimals: 2929015.40 → "292.90" (the tables' format). */
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

/** A percentage to 2 decimals, rounded half-up once: 52.0713… → "52.07" (the tables' format). */
export function percent(value: Decimal): string {
  return fixed(value, 2);
}

/** A number in a sentence, as the template's format says: decimals, separators, whole values, zero. */
export function formatNumber(value: Decimal, format: NumberFormat): string {
  const places = format.decimals ?? 2;
  const rounded = value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  if (rounded.isZero() && format.zero !== undefined) return format.zero;
  let text = fixed(rounded.isZero() ? new Decimal(0) : rounded, places);
  if (format.trimWhole) text = text.replace(/\.0+$/u, '');
  return format.grouping ? group(text) : text;
}

/** An amount in 元 as 万元 in the template's amount format (without the unit). */
export function amountIn(yuan: Decimal, wording: Wording): string {
  return formatNumber(yuan.div(WAN), wording.amount);
}

/** A percentage in the template's percent format, with its sign: "52.07%", "100%". */
export function percentIn(value: Decimal, wording: Wording): string {
  return `${formatNumber(value, wording.percent)}%`;
}

function word(wording: Wording, key: WordKey): string {
  const found = wording.words[key];
  if (found === undefined) throw new PhraseError('narrate/missing-wording', `模板的 template.yaml 没有 narrative.words.${key}(方向词)`);
  return found;
}

function fill(wording: Wording, key: PhraseKey, values: Record<string, string>): string {
  const pattern = wording.phrases[key];
  if (pattern === undefined) throw new PhraseError('narrate/missing-wording', `模板的 template.yaml 没有 narrative.phrases.${key}(固定说法)`);
  const all: Record<string, string> = { ...values };
  if (wording.year !== undefined) {
    all['year'] = String(wording.year);
    all['priorYear'] = String(wording.year - 1);
  }
  return pattern.replace(/\{([^{}]*)\}/gu, (whole, name: string) => {
    const value = all[name];
    if (value === undefined) throw new PhraseError('narrate/missing-wording', `narrative.phrases.${key} 中的 {${name}} 在此处没有值`);
    return value;
  });
}

/** The change as shown: |current − prior| in 万元 at the amount format's decimals. */
function shownChange(current: Decimal, prior: Decimal, wording: Wording): Decimal {
  return current.minus(prior).abs().div(WAN).toDecimalPlaces(wording.amount.decimals ?? 2, Decimal.ROUND_HALF_UP);
}

/** Whether a change shows as non-zero (so that it needs a 主要原因, and has a direction). */
export function changed(current: Decimal, prior: Decimal, wording: Wording): boolean {
  return !shownChange(current, prior, wording).isZero();
}

/** The direction word of a change: increase / decrease, or flat when it shows as zero. */
export function direction(current: Decimal, prior: Decimal, wording: Wording): string {
  if (!changed(current, prior, wording)) return word(wording, 'flat');
  return word(wording, current.gt(prior) ? 'increase' : 'decrease');
}

function notFlat(current: Decimal, prior: Decimal, wording: Wording, what: string): void {
  if (!changed(current, prior, wording)) {
    throw new PhraseError('narrate/flat-change', `${what}: 本年数与上年数相同(变动为零),不能写变动额或增长率;请用 {{#if (有变动 …)}} 写持平的说法`);
  }
}

/** The amount of a change, with its unit: "8487.88万元". */
export function changeAmount(current: Decimal, prior: Decimal, wording: Wording): string {
  notFlat(current, prior, wording, '变动额');
  return `${amountIn(current.minus(prior).abs(), wording)}万元`;
}

/** The rate of a change, as a percent: "46.89%"; undefined from a zero base. */
export function changeRate(current: Decimal, prior: Decimal, wording: Wording): string | undefined {
  notFlat(current, prior, wording, '变动率');
  if (prior.isZero()) return undefined;
  return percentIn(current.minus(prior).abs().div(prior.abs()).times(HUNDRED), wording);
}

/** The trend word of a change: grow / fall. */
export function trend(current: Decimal, prior: Decimal, wording: Wording): string {
  notFlat(current, prior, wording, '升降');
  return word(wording, current.gt(prior) ? 'grow' : 'fall');
}

/** The rate phrase of a change ("增长46.89%"), or the template's phrase for a zero base. */
export function ratePhrase(current: Decimal, prior: Decimal, wording: Wording): string {
  const rate = changeRate(current, prior, wording);
  const up = trend(current, prior, wording);
  return rate === undefined ? fill(wording, 'rateFromZero', { trend: up }) : fill(wording, 'rate', { trend: up, percent: rate });
}

/**
 * The change of a figure against last year, in the template's phrases: "比上年增加2.31万元，增长2.75%",
 * "与上年持平" (when the change shows as zero), and from a zero base its changeFromZero phrase.
 */
export function change(current: Decimal, prior: Decimal, wording: Wording): string {
  const dir = direction(current, prior, wording);
  if (!changed(current, prior, wording)) return fill(wording, 'flat', { direction: dir });
  const values = { direction: dir, amount: changeAmount(current, prior, wording), rate: ratePhrase(current, prior, wording), trend: trend(current, prior, wording) };
  const rate = changeRate(current, prior, wording);
  return rate === undefined ? fill(wording, 'changeFromZero', values) : fill(wording, 'change', { ...values, percent: rate });
}

/** A share "p%" of a whole; 0 of 0 is a zero share (as the official texts print it). */
export function share(part: Decimal, whole: Decimal, wording: Wording): string {
  if (whole.isZero()) {
    if (part.isZero()) return percentIn(new Decimal(0), wording);
    throw new PhraseError('narrate/zero-base', `不能计算占比: 基数为零而部分为 ${wan(part)} 万元`);
  }
  return percentIn(part.div(whole).times(HUNDRED), wording);
}

/** The completion rate "p%" of a budget, or undefined when the budget is zero (no rate is printed then). */
export function completion(actual: Decimal, budget: Decimal, wording: Wording): string | undefined {
  if (budget.isZero()) return undefined;
  return percentIn(actual.div(budget).times(HUNDRED), wording);
}

/** greater / less / equal, from the sign of a − b at the amount format's precision. */
export function compare(a: Decimal, b: Decimal, wording: Wording): string {
  const d = a.minus(b).div(WAN).toDecimalPlaces(wording.amount.decimals ?? 2, Decimal.ROUND_HALF_UP);
  return word(wording, d.isZero() ? 'equal' : d.isPositive() ? 'greater' : 'less');
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

/**
 * Ordinals: style 一 → "一、", (一) → "（一）", 1 → "1."; any other style is a pattern in which the
 * first 一 stands for the Chinese numeral or, failing that, the first 1 for the number: "1、" → "3、".
 */
export function ordinal(n: number, style: string): string {
  if (style === '一') return `${chineseNumber(n)}、`;
  if (style === '(一)') return `（${chineseNumber(n)}）`;
  if (style === '1') return `${n}.`;
  if (style.includes('一')) return style.replace('一', chineseNumber(n));
  if (style.includes('1')) return style.replace('1', String(n));
  throw new PhraseError('narrate/ordinal', `序号样式「${style}」中没有「一」或「1」`);
}
