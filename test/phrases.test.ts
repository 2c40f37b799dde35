// Property tests of the 情况说明 wording helpers: the direction word always agrees with the sign,
// every printed amount and percentage is recomputable from the inputs (rounded half-up once),
// never "增加0.00", never a growth rate from a zero base, never an empty slot.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { change, chineseNumber, compare, completion, ordinal, PhraseError, share, wan, yuanText } from '../src/narrate/phrases.js';

/** Any amount in 元 to the 分, as a Decimal, from −10¹⁰ to 10¹⁰ 元. */
const yuan = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((fen) => new Decimal(fen.toString()).div(100));
const positive = fc.bigInt({ min: 1n, max: 10n ** 12n }).map((fen) => new Decimal(fen.toString()).div(100));

const halfUp = (d: Decimal, places: number) => d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);

describe('change (比上年…)', () => {
  it('agrees with the sign and is recomputable', () => {
    fc.assert(
      fc.property(yuan, yuan, (current, prior) => {
        const text = change(current, prior);
        const delta = halfUp(current.minus(prior).abs().div(10000), 2);
        if (delta.isZero()) {
          expect(text).toBe('与上年持平');
          return;
        }
        const m = /^比上年(增加|减少)(\d+\.\d{2})万元(?:，(增长|下降)(\d+\.\d{2})%|（上年为零，增长率无可比性）)$/u.exec(text);
        expect(m, text).not.toBeNull();
        const [, dir, amount, pdir, pct] = m!;
        expect(dir).toBe(current.gt(prior) ? '增加' : '减少');
        expect(new Decimal(amount!).eq(delta)).toBe(true);
        if (prior.isZero()) {
          expect(pdir).toBeUndefined();
        } else {
          expect(pdir).toBe(current.gt(prior) ? '增长' : '下降');
          expect(new Decimal(pct!).eq(halfUp(current.minus(prior).abs().div(prior.abs()).times(100), 2))).toBe(true);
        }
      }),
    );
  });

  it('never prints a zero change as 增加 or 减少', () => {
    fc.assert(
      fc.property(yuan, (v) => {
        expect(change(v.plus('0.49'), v)).toBe('与上年持平');
      }),
    );
    expect(change(new Decimal('65600'), new Decimal('17227.90'))).toBe('比上年增加4.84万元，增长280.78%');
    expect(change(new Decimal('250900'), new Decimal(0))).toBe('比上年增加25.09万元（上年为零，增长率无可比性）');
  });
});

describe('share, completion, compare', () => {
  it('share is recomputable, never empty, and refuses a zero base with a non-zero part', () => {
    fc.assert(
      fc.property(yuan.map((d) => d.abs()), positive, (part, whole) => {
        const text = share(part, whole);
        expect(text).toMatch(/^\d+\.\d{2}%$/u);
        expect(new Decimal(text.slice(0, -1)).eq(halfUp(part.div(whole).times(100), 2))).toBe(true);
      }),
    );
    expect(share(new Decimal(0), new Decimal(0))).toBe('0.00%');
    expect(() => share(new Decimal(1), new Decimal(0))).toThrow(PhraseError);
  });

  it('completion has no rate for a zero budget', () => {
    fc.assert(
      fc.property(yuan, positive, (actual, budget) => {
        expect(completion(actual, new Decimal(0))).toBeUndefined();
        expect(new Decimal(completion(actual, budget)!.slice(0, -1)).eq(halfUp(actual.div(budget).times(100), 2))).toBe(true);
      }),
    );
  });

  it('大于/小于/等于 follows the sign at display precision', () => {
    fc.assert(
      fc.property(yuan, yuan, (a, b) => {
        const d = halfUp(a.minus(b).div(10000), 2);
        expect(compare(a, b)).toBe(d.isZero() ? '等于' : d.isPositive() ? '大于' : '小于');
      }),
    );
  });
});

describe('amounts and ordinals', () => {
  it('prints 万元 and 元 from exact values', () => {
    expect(wan(new Decimal('2929015.40'))).toBe('292.90');
    expect(wan(new Decimal('50'))).toBe('0.01');
    expect(yuanText(new Decimal('2929015.4'))).toBe('2,929,015.40');
  });

  it('writes Chinese ordinals', () => {
    expect([1, 2, 10, 11, 20, 21, 99].map(chineseNumber)).toEqual(['一', '二', '十', '十一', '二十', '二十一', '九十九']);
    expect([ordinal(1, '一'), ordinal(3, '(一)'), ordinal(4, '1')]).toEqual(['一、', '（三）', '4.']);
  });
});
