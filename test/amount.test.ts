// Amounts are read from their text: accepted forms, refused forms with their rule, precision
// and intervals; a property test shows any Decimal written out reads back exactly.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interval } from '../src/amount/amount.js';
import { parseAmount, parseCount, parseScore } from '../src/amount/parse.js';

function ok(text: string, unit: '元' | '万元' = '万元') {
  const r = parseAmount(text, unit);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

function refused(text: string, unit: '元' | '万元' = '万元') {
  const r = parseAmount(text, unit);
  if (r.ok) throw new Error(`accepted ${text}`);
  return r;
}

describe('parseAmount', () => {
  it('reads 万元 with its interval', () => {
    const a = ok('292.90')!;
    expect(a.yuan.toString()).toBe('2929000');
    expect(a.decimals).toBe(2);
    expect(interval(a).map(String)).toEqual(['2928950', '2929050']);
  });

  it('reads 元 with thousands commas as an exact value', () => {
    const a = ok('2,929,015.40元')!;
    expect(a.unit).toBe('元');
    expect(a.yuan.toString()).toBe('2929015.4');
    expect(a.halfWidth.isZero()).toBe(true);
  });

  it('treats 万元 to the 分 (6 decimals) as exact', () => {
    expect(ok('29.050405')!.halfWidth.isZero()).toBe(true);
    expect(ok('29.05')!.halfWidth.toString()).toBe('50');
  });

  it('accepts a minus, zero, and an explicit 万元 suffix', () => {
    expect(ok('-3.00')!.yuan.toString()).toBe('-30000');
    expect(ok('0')!.yuan.isZero()).toBe(true);
    expect(ok('12.5万元', '元')!.yuan.toString()).toBe('125000');
  });

  it('reads an empty text as an empty cell', () => {
    expect(ok('')).toBeNull();
    expect(ok('   ')).toBeNull();
  });

  it.each([
    ['292. 90', 'amount/space', '应写作「292.90」'],
    ['２９２.９０', 'amount/full-width', '「292.90」'],
    ['1.2.3', 'amount/format', '多个小数点'],
    ['NaN', 'amount/format', '不是数字'],
    ['Infinity', 'amount/format', '不是数字'],
    ['1e3', 'amount/format', '科学计数法'],
    ['+3', 'amount/format', '正号'],
    ['3.', 'amount/format', '小数点前后'],
    ['.5', 'amount/format', '小数点前后'],
    ['2,92,9015', 'amount/format', '千分位'],
    ['007', 'amount/format', '不应以 0 开头'],
    ['12.3456789', 'amount/precision', '最多 6 位'],
    ['12.345元', 'amount/precision', '最多 2 位'],
    ['abc', 'amount/format', '不是数字'],
  ])('refuses %s (%s)', (text, rule, words) => {
    const r = refused(text);
    expect(r.rule).toBe(rule);
    expect(r.reason).toContain(words);
  });

  it('reads back any 元 amount written with or without grouping (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.boolean(), (fen, grouped) => {
        const value = new Decimal(fen.toString()).div(100);
        const abs = fen < 0n ? -fen : fen;
        const plain = `${fen < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        const text = grouped ? plain.replace(/^(-?)(\d+)/u, (_m, sign: string, int: string) => sign + int.replace(/\B(?=(\d{3})+(?!\d))/gu, ',')) : plain;
        const a = ok(`${text}元`, '万元')!;
        expect(a.yuan.equals(value)).toBe(true);
        expect(a.halfWidth.isZero()).toBe(true);
      }),
    );
  });
});

describe('parseCount and parseScore', () => {
  it('counts are whole numbers', () => {
    const c = parseCount('12');
    expect(c.ok && c.value?.toString()).toBe('12');
    const bad = parseCount('1.5');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.rule).toBe('count/format');
  });

  it('scores have at most 2 decimals and are not negative', () => {
    const s = parseScore('9.74');
    expect(s.ok && s.value?.toString()).toBe('9.74');
    expect(parseScore('9.745').ok).toBe(false);
    expect(parseScore('-1').ok).toBe(false);
    expect(parseScore('9. 74').ok).toBe(false);
  });
});
