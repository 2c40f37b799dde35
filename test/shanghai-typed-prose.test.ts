// 文表一致 on the Shanghai reports with their 情况说明 typed as published (the text of the PDF, its
// wrapped lines joined), over the corrected data: an error for each wrong number or direction word,
// no warning on a correct number the pack's vocabulary covers.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { compile, copyReport, remove, summarize } from './helpers/report.js';
import { WENLV_REPORT, WENLV_TEXT } from './helpers/shanghai.js';
import { typedPartThree, typeExplanation } from './helpers/typed.js';
import type { Diagnostic } from '../src/diagnostics/message.js';

describe('文化和旅游局 2025, 情况说明 typed as published', () => {
  let dir = '';
  let vfile: VFile;
  let prose: { line: string; m: Diagnostic }[] = [];
  beforeAll(() => {
    dir = copyReport(WENLV_REPORT);
    typeExplanation(dir, 'explanation.md', typedPartThree(readFileSync(WENLV_TEXT, 'utf8'), /^第三部分/u, /^第四部分/u));
    vfile = compile(dir);
    prose = summarize(vfile, dir)
      .map((line, i) => ({ line, m: vfile.messages[i] as Diagnostic }))
      .filter(({ line }) => line.includes('prose/'));
  }, 60_000);
  afterAll(() => remove(dir));

  it('gives an error for each wrong number and garbled word, and no other', () => {
    const errors = prose.filter(({ m }) => m.fatal === true);
    expect(errors.map(({ line, m }) => `${line} ${m.actual ?? ''}`)).toEqual([
      // 五(二): 1,493.32 / 24,535.67 = 6.0863% (the five shares were made to add up to 100.00%).
      'prose/mismatch explanation.md:198:95 6.08%',
      // 七(一): 2.64 / 9.38 = 28.14% (28.15% only within the operands' 尾数, as 2.60% against 4.68 ÷ 180.73).
      'prose/mismatch explanation.md:260:116 28.15%',
      // 七(一): 公务接待费 from a 2024 figure of 0: no growth rate.
      'prose/mismatch explanation.md:260:344 100%',
      // 八: 支出收入 for 支出.
      'prose/residue explanation.md:274:26 ',
    ]);
  });

  it('resolves every other number: the only warnings are a lone quotation mark, two empty list items and a number inside a reason', () => {
    const warnings = prose.filter(({ m }) => m.fatal === false);
    expect(warnings.map(({ line }) => line)).toEqual([
      'prose/unpaired-quote explanation.md:224:134',
      'prose/list-item explanation.md:254:61',
      'prose/list-item explanation.md:254:173',
      'prose/unbound-literal explanation.md:278:140',
    ]);
    const agreeing = prose.filter(({ line }) => line.startsWith('info prose/typed-literal'));
    expect(agreeing.length).toBeGreaterThan(140);
  });

  it('judges the direction words: 持平, 增加/减少 and 小于 against the data', () => {
    // The published text's direction words are all right; one made wrong is an error.
    const other = copyReport(WENLV_REPORT);
    try {
      const text = typedPartThree(readFileSync(WENLV_TEXT, 'utf8'), /^第三部分/u, /^第四部分/u).replace('因公出国（境）费支出决算与 2024 年持平', '因公出国（境）费支出决算减少为0万元，与 2024 年持平').replace('收入支出总计增加 8487.88', '收入支出总计减少 8487.88');
      typeExplanation(other, 'explanation.md', text);
      const found = summarize(compile(other), other).filter((line) => line.startsWith('prose/direction'));
      expect(found.length).toBe(2);
    } finally {
      remove(other);
    }
  });
});
