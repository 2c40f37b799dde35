// Reads amounts, counts and scores from their source text — never through a JS number — and says
// exactly why a text is refused ("292. 90", "２９２.９０", "1.2.3", "NaN", too many decimals…).
import { Decimal } from 'decimal.js';
import { makeAmount, type Amount, type Unit } from './amount.js';

export type ParseFailure = { ok: false; rule: string; reason: string };
export type Parsed<T> = { ok: true; value: T | null } | ParseFailure;

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0C\uFF0E\uFF0D\uFF0B]/u;
const PLAIN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/u;
const GROUPED = /^-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/u;

/** The half-width form of a text written with full-width digits and signs. */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0C\uFF0E\uFF0D\uFF0B]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const MAX_DECIMALS: Record<Unit, number> = { 元: 2, 万元: 6 };

/** Integer digits of the largest amount, in 元 (10²⁰ 元: far above any budget; sums of it stay exact, see amount.ts). */
export const MAX_YUAN_DIGITS = 20;

/** Checks the shape of a decimal number text; returns why it is refused, or null. */
function numberShape(body: string, original: string): ParseFailure | null {
  const fail = (reason: string, rule = 'amount/format'): ParseFailure => ({ ok: false, rule, reason });
  if (FULL_WIDTH.test(body)) {
    return fail(`「${original}」含全角数字或符号,应写作半角「${halfWidth(original)}」`, 'amount/full-width');
  }
  if (/\s/u.test(body)) {
    return fail(`「${original}」的数字中有空格(常见于从 PDF 复制),应写作「${body.replace(/\s+/gu, '')}」`, 'amount/space');
  }
  if (/^[+-]?(nan|inf(inity)?)$/iu.test(body)) return fail(`「${original}」不是数字`);
  if (body.startsWith('+')) return fail(`「${original}」不应带正号「+」`);
  if (/e/iu.test(body)) return fail(`「${original}」不接受科学计数法,请写出完整数字`);
  if ((body.match(/\./gu) ?? []).length > 1) return fail(`「${original}」有多个小数点`);
  if (/\.$/u.test(body) || /^-?\./u.test(body)) return fail(`「${original}」的小数点前后都应有数字`);
  if (/^-0(?:\.0+)?$/u.test(body.replace(/,/gu, ''))) return fail(`「${original}」是负零;零不带负号,请写作「${body.slice(1)}」`);
  if (body.includes(',') && !GROUPED.test(body)) return fail(`「${original}」的千分位逗号位置不对(应每三位一组,如 2,929,015.40)`);
  if (!body.includes(',') && !PLAIN.test(body)) {
    if (/^-?0\d/u.test(body)) return fail(`「${original}」不应以 0 开头`);
    return fail(`「${original}」不是数字`);
  }
  return null;
}

/**
 * Parses an amount: `292.90`, `2,929,015.40元`, `-3.00`, `0`, `12.5万元`; empty text is an
 * empty cell (value null). A bare number is in `defaultUnit`.
 */
export function parseAmount(source: string, defaultUnit: Unit): Parsed<Amount> {
  const text = source.trim();
  if (text === '') return { ok: true, value: null };
  let unit: Unit = defaultUnit;
  let body = text;
  if (body.endsWith('万元')) {
    unit = '万元';
    body = body.slice(0, -2);
  } else if (body.endsWith('元')) {
    unit = '元';
    body = body.slice(0, -1);
  }
  const bad = numberShape(body, text);
  if (bad) return bad;
  const digits = body.replace(/,/gu, '');
  const integer = digits.replace(/^-/u, '').split('.')[0]!.length + (unit === '万元' ? 4 : 0);
  if (integer > MAX_YUAN_DIGITS) {
    return { ok: false, rule: 'amount/too-large', reason: `「${text.length > 40 ? `${text.slice(0, 30)}…(共 ${text.length} 个字符)` : text}」超过金额上限(整数部分最多 ${MAX_YUAN_DIGITS} 位,以元计)` };
  }
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  if (decimals > MAX_DECIMALS[unit]) {
    return {
      ok: false,
      rule: 'amount/precision',
      reason: `「${text}」有 ${decimals} 位小数,以${unit}为单位最多 ${MAX_DECIMALS[unit]} 位(精确到分)`,
    };
  }
  return { ok: true, value: makeAmount(new Decimal(digits), unit, decimals, text) };
}

/** Parses a count (人, 个, 辆…): a whole number ≥ 0; empty text is an empty cell. */
export function parseCount(source: string): Parsed<Decimal> {
  const text = source.trim();
  if (text === '') return { ok: true, value: null };
  const bad = numberShape(text, text);
  if (bad) return { ...bad, rule: bad.rule.replace('amount/', 'count/') };
  if (!/^(?:0|[1-9]\d*)$/u.test(text.replace(/,/gu, ''))) {
    return { ok: false, rule: 'count/format', reason: `「${text}」应为不带小数的非负整数` };
  }
  if (text.replace(/,/gu, '').length > 12) return { ok: false, rule: 'count/format', reason: `「${text.slice(0, 30)}…」超过数量上限(最多 12 位)` };
  return { ok: true, value: new Decimal(text.replace(/,/gu, '')) };
}

/** Parses a score (分值, 得分): a number ≥ 0 with at most 2 decimals; empty text is empty. */
export function parseScore(source: string): Parsed<Decimal> {
  const text = source.trim();
  if (text === '') return { ok: true, value: null };
  const bad = numberShape(text, text);
  if (bad) return { ...bad, rule: bad.rule.replace('amount/', 'score/') };
  if (text.startsWith('-')) return { ok: false, rule: 'score/format', reason: `「${text}」分数不能为负` };
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  if (decimals > 2) return { ok: false, rule: 'score/precision', reason: `「${text.length > 40 ? `${text.slice(0, 30)}…` : text}」分数最多 2 位小数` };
  if (text.split('.')[0]!.length > 6) return { ok: false, rule: 'score/format', reason: `「${text.slice(0, 30)}…」超过分数上限(整数部分最多 6 位)` };
  return { ok: true, value: new Decimal(text) };
}
