// The generated 情况说明 of 上海市普陀区文化和旅游局 2025 against its published text, sentence by
// sentence (whitespace and punctuation width normalized). Each listed exception is a difference
// that the published sentence is allowed to have, with its reason: a published error, or wording
// that varies in the published text. A published sentence must equal the generated one once its
// listed differences are replaced: an exception never hides anything else in its sentence.
import { describe, expect, it } from 'vitest';
import { compile } from './helpers/report.js';
import { generatedPartThree, normalize, publishedPartThree, WENLV_REPORT, WENLV_TEXT } from './helpers/shanghai.js';

interface Exception {
  /** The published text (normalized), or a pattern of it… */
  published: string | RegExp;
  /** …and what the generated sentence has in its place. */
  generated: string;
  reason: string;
}

const PUBLISHED_ERRORS: Exception[] = [
  { published: '占6.08%', generated: '占6.09%', reason: '1,493.32 / 24,535.67 = 6.0863%: the published 6.08% is off by 0.01 (the five shares were made to add up to 100.00%)' },
  { published: '、百合之约', generated: '、"百合之约', reason: 'the published text closes the quotation 百合之约 情定苏河” that it never opened' },
  { published: '津贴补贴、奖金、伙食补助费', generated: '津贴补贴、伙食补助费', reason: 'the published 人员经费 list names 奖金, which 表六 prints empty (30103)' },
  { published: '手续费、水费、邮电费', generated: '手续费、邮电费', reason: 'the published 公用经费 list names 水费, which 表六 prints empty (30205)' },
  { published: '完成预算的28.15%', generated: '完成预算的28.14%', reason: '2.64 / 9.38 = 28.14%: the published 28.15% is not the rate of the printed figures (it holds only for unrounded amounts such as 2.6405 within 尾数; the checker flags it, as it flags 2.60% against 4.68 ÷ 180.73 = 2.59%)' },
  { published: ',增长100%', generated: '(2024年为零,增长率无可比性)', reason: '公务接待费 was 0 in 2024 (增加 0.40 万元 to 0.40): a growth rate from zero is not comparable, the published 增长100% is an error' },
  { published: '支出收入2002.80', generated: '支出2002.80', reason: 'garbled in the published text: 支出收入 for 支出' },
];

const PUBLISHED_WORDING: Exception[] = [
  { published: /(?<=,)支出决算(?=\d)/gu, generated: '支出决算为', reason: 'items 12 and 13 of 五(三) say 支出决算 2349.56 万元 without the 为 of the 22 other items' },
  { published: '主要用于文化产业扶持', generated: '主要用于:文化产业扶持', reason: 'item 22 of 五(三) omits the colon after 主要用于' },
  { published: '主要原因年中', generated: '主要原因:年中', reason: 'item 1 of 八 omits the colon after 主要原因' },
  { published: '办公设备购置和专用设备购置', generated: '办公设备购置、专用设备购置', reason: 'the 公用经费 list joins its last two items with 和, the 人员经费 list does not' },
];

const EXCEPTIONS = [...PUBLISHED_ERRORS, ...PUBLISHED_WORDING];

function fix(sentence: string, used: Set<Exception>): string {
  let out = sentence;
  for (const e of EXCEPTIONS) {
    const pattern = typeof e.published === 'string' ? normalize(e.published) : e.published;
    const next = typeof pattern === 'string' ? out.split(pattern).join(normalize(e.generated)) : out.replace(pattern, normalize(e.generated));
    if (next !== out) used.add(e);
    out = next;
  }
  return out;
}

describe('the generated 情况说明 of 文化和旅游局 2025', () => {
  const pub = publishedPartThree(WENLV_TEXT, '一、收入支出决算总体情况说明');
  const gen = generatedPartThree(compile(WENLV_REPORT));

  it('has as many sentences as the published one', () => {
    expect(pub.length).toBeGreaterThan(100);
    expect(gen.length).toBe(pub.length);
  });

  it('equals the published text sentence by sentence, except the listed differences', () => {
    const used = new Set<Exception>();
    const unexplained: string[] = [];
    pub.forEach((p, i) => {
      const g = gen[i] ?? '';
      if (p !== g && fix(p, used) !== g) unexplained.push(`#${i}\n  published: ${p}\n  generated: ${g}`);
    });
    expect(unexplained).toEqual([]);
    expect(EXCEPTIONS.filter((e) => !used.has(e)).map((e) => e.reason)).toEqual([]);
  });

  it('reproduces the rates of the published text from the data', () => {
    const text = gen.join('');
    for (const rate of ['增长46.89%', '增长47.02%', '92.45%', '增长35.93%', '完成年初预算的88.32%', '完成预算的26.46%', '下降86.61%', '下降88.37%', '占86.84%', '占13.16%', '下降11.91%']) {
      expect(text).toContain(rate);
    }
  });
});
