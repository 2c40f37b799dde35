// Property tests of the 情况说明 wording helpers, with the wording of the real packs: the direction
// word always agrees with the sign, every printed amount and percentage is recomputable from the
// inputs (rounded half-up once), never "增加0.00", never a growth rate from a zero base where the
// pack has none, never an empty slot; and the Shanghai reports' wording (another pack's words,
// phrases and number formats) is written by the same functions, without code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { change, changeAmount, chineseNumber, compare, completion, direction, formatNumber, ordinal, PhraseError, ratePhrase, share, wan, yuanText } from '../src/narrate/phrases.js';
import { wordingOf, type Wording } from '../src/narrate/wording.js';
import type { TemplateManifest } from '../src/template/types.js';
import { ROOT } from './helpers/report.js';

const manifest = parse(readFileSync(join(ROOT, 'templates', 'jiangxi-county-2023', 'template.yaml'), 'utf8')) as TemplateManifest;
/** The Jiangxi pack's wording, as its template.yaml gives it. */
const jx = wordingOf(manifest, 2023);

/** Any amount in 元 to the 分, as a Decimal, from −10¹⁰ to 10¹⁰ 元. */
const yuan = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((fen) => new Decimal(fen.toString()).div(100));
const positive = fc.bigInt({ min: 1n, max: 10n ** 12n }).map((fen) => new Decimal(fen.toString()).div(100));

const halfUp = (d: Decimal, places: number) => d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);

describe('change (比上年…)', () => {
  it('agrees with the sign and is recomputable', () => {
    fc.assert(
      fc.property(yuan, yuan, (current, prior) => {
        const text = change(current, prior, jx);
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
        expect(change(v.plus('0.49'), v, jx)).toBe('与上年持平');
      }),
    );
    expect(change(new Decimal('65600'), new Decimal('17227.90'), jx)).toBe('比上年增加4.84万元，增长280.78%');
    expect(change(new Decimal('250900'), new Decimal(0), jx)).toBe('比上年增加25.09万元（上年为零，增长率无可比性）');
  });
});

describe('share, completion, compare', () => {
  it('share is recomputable, never empty, and refuses a zero base with a non-zero part', () => {
    fc.assert(
      fc.property(yuan.map((d) => d.abs()), positive, (part, whole) => {
        const text = share(part, whole, jx);
        expect(text).toMatch(/^\d+\.\d{2}%$/u);
        expect(new Decimal(text.slice(0, -1)).eq(halfUp(part.div(whole).times(100), 2))).toBe(true);
      }),
    );
    expect(share(new Decimal(0), new Decimal(0), jx)).toBe('0.00%');
    expect(() => share(new Decimal(1), new Decimal(0), jx)).toThrow(PhraseError);
  });

  it('completion has no rate for a zero budget', () => {
    fc.assert(
      fc.property(yuan, positive, (actual, budget) => {
        expect(completion(actual, new Decimal(0), jx)).toBeUndefined();
        expect(new Decimal(completion(actual, budget, jx)!.slice(0, -1)).eq(halfUp(actual.div(budget).times(100), 2))).toBe(true);
      }),
    );
  });

  it('大于/小于/等于 follows the sign at display precision', () => {
    fc.assert(
      fc.property(yuan, yuan, (a, b) => {
        const d = halfUp(a.minus(b).div(10000), 2);
        expect(compare(a, b, jx)).toBe(d.isZero() ? '等于' : d.isPositive() ? '大于' : '小于');
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

describe('number formats', () => {
  const formats = fc.record({ decimals: fc.integer({ min: 0, max: 4 }), grouping: fc.boolean(), trimWhole: fc.boolean(), zero: fc.option(fc.constant('0'), { nil: undefined }) });
  const value = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => new Decimal(n.toString()).div(10000));

  it('print the value rounded half-up once, as the format says', () => {
    fc.assert(
      fc.property(value, formats, (v, f) => {
        const format = Object.fromEntries(Object.entries(f).filter(([, x]) => x !== undefined));
        const text = formatNumber(v, format);
        const rounded = halfUp(v, f.decimals);
        if (rounded.isZero() && f.zero !== undefined) {
          expect(text).toBe('0');
          return;
        }
        expect(new Decimal(text.replace(/,/gu, '')).eq(rounded), text).toBe(true);
        expect(/,/u.test(text)).toBe(f.grouping && rounded.abs().gte(1000));
        if (f.grouping) expect(text).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/u);
        const fraction = /\.(\d+)$/u.exec(text)?.[1];
        if (f.trimWhole && rounded.isInteger()) expect(fraction).toBeUndefined();
        else expect(fraction?.length ?? 0).toBe(f.decimals);
        expect(text).not.toBe('-0');
      }),
    );
  });
});

/** A Shanghai district's wording, as a pack would give it (the reports' own forms, not Jiangxi's). */
const shanghai = (numbers: Pick<Wording, 'amount' | 'percent'>): Wording => ({
  words: jx.words,
  phrases: { change: '比{priorYear}年度{direction}{amount}，{rate}', changeFromZero: '比{priorYear}年度{direction}{amount}，{rate}', flat: '与{priorYear}年{direction}', rate: '{trend}{percent}', rateFromZero: '{trend}100%' },
  ...numbers,
  year: 2025,
});
/** 文化和旅游局: amounts with their decimals but a bare 0, percentages without ".00". */
const wenlv = shanghai({ amount: { zero: '0' }, percent: { trimWhole: true } });
/** 石泉路街道: amounts with thousands separators and without ".00". */
const shiquanlu = shanghai({ amount: { grouping: true, trimWhole: true }, percent: { trimWhole: true } });

/** A published text without its spaces and line breaks (PDF extraction artefacts, see docs/format.md). */
function published(name: string): string {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'published', 'shanghai-putuo-2025', `${name}.txt`), 'utf8');
  return text
    .split('\n')
    .filter((line) => !line.startsWith('=== page'))
    .join('')
    .replace(/\s+/gu, '');
}

const wan_ = (s: string) => new Decimal(s).times(10000);

describe('the Shanghai reports\' wording, from pack data alone', () => {
  const putuo = published('putuo-wenhualvyou-2025');
  const jiedao = published('putuo-shiquanlu-jiedao-2025');

  it('writes the subject between the year and the direction with the atomic helpers', () => {
    // 收入支出总计 26591.08 万元 in 2025; 8487.88 万元 more than in 2024.
    const [now, before] = [wan_('26591.08'), wan_('18103.20')];
    const sentence = `与${2024}年度相比，收入支出总计${direction(now, before, wenlv)}${changeAmount(now, before, wenlv)}，${ratePhrase(now, before, wenlv)}`;
    expect(sentence).toBe('与2024年度相比，收入支出总计增加8487.88万元，增长46.89%');
    expect(putuo).toContain(sentence);
  });

  it('writes the composite phrase with the year, and 增长100% from a zero base', () => {
    expect(`决算数${change(wan_('3.04'), wan_('22.70'), wenlv)}`).toBe('决算数比2024年度减少19.66万元，下降86.61%');
    expect(putuo).toContain('决算数比2024年度减少19.66万元，下降86.61%');
    const fromZero = `公务接待费支出决算${direction(wan_('0.40'), new Decimal(0), wenlv)}${changeAmount(wan_('0.40'), new Decimal(0), wenlv)}，${ratePhrase(wan_('0.40'), new Decimal(0), wenlv)}`;
    expect(fromZero).toBe('公务接待费支出决算增加0.40万元，增长100%');
    expect(putuo).toContain(fromZero);
    expect(jiedao).toContain(`机关运行经费支出627.04万元，${change(wan_('627.04'), wan_('681.51'), shiquanlu)}`);
  });

  it('writes 与2024年持平, 占100%, 完成预算的0% and 0万元', () => {
    expect(`因公出国（境）费支出决算${change(new Decimal(0), new Decimal(0), wenlv)}`).toBe('因公出国（境）费支出决算与2024年持平');
    expect(putuo).toContain('因公出国（境）费支出决算与2024年持平');
    expect(putuo).toContain(`财政拨款收入26538.47万元，占${share(wan_('26538.47'), wan_('26538.47'), wenlv)}`);
    expect(putuo).toContain(`因公出国（境）费支出决算0万元，占${share(new Decimal(0), wan_('3.04'), wenlv)}`);
    expect(putuo).toContain(`费决算为0万元，完成预算的${completion(new Decimal(0), wan_('5.00'), wenlv)}`);
    expect(putuo).toContain(`年初预算为${formatNumber(new Decimal(0), wenlv.amount)}万元`);
    expect(putuo).toContain(`年初预算为${formatNumber(new Decimal('1422'), wenlv.amount)}万元`);
  });

  it('writes amounts with separators and without .00 where the report does', () => {
    expect(jiedao).toContain(`收入支出总计${formatNumber(new Decimal('19044.27'), shiquanlu.amount)}万元`);
    expect(jiedao).toContain(`基本支出${formatNumber(new Decimal('14206.00'), shiquanlu.amount)}万元，占${share(wan_('14206'), wan_('19044.27'), shiquanlu)}`);
    expect(jiedao).toContain(`完成年初预算的${completion(wan_('20'), wan_('20'), shiquanlu)}。`);
    expect(jiedao).toContain(`完成年初预算的${completion(wan_('19044.27'), wan_('21864.85'), shiquanlu)}`);
  });

  it('keeps the direction right and prints no residue in any wording', () => {
    fc.assert(
      fc.property(yuan, yuan, fc.constantFrom(jx, wenlv, shiquanlu), (current, prior, w) => {
        const text = change(current, prior, w);
        expect(text).not.toMatch(/增加0(\.0+)?万元|减少0(\.0+)?万元|\{|undefined|NaN/u);
        if (halfUp(current.minus(prior).abs().div(10000), 2).isZero()) expect(text).toContain('持平');
        else expect(text).toContain(current.gt(prior) ? '增加' : '减少');
      }),
    );
    expect(() => changeAmount(wan_('1'), wan_('1'), jx)).toThrow(PhraseError);
    expect(() => change(wan_('2'), wan_('1'), { ...jx, phrases: {} })).toThrow(/没有 narrative\.phrases\./u);
  });
});
