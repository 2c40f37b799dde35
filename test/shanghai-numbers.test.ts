// One pack, two number styles: the two 普陀区 reports of shanghai-district-2025 print their
// 情况说明's amounts differently (文化和旅游局 26591.08万元 / 2000.00万元 / 0万元 as the pack's
// narrative.numbers say; 石泉路街道 19,044.27万元 / 150万元 through its front matter's `numbers`),
// and a front matter's `numbers` is validated by the template schema's part, at its place.
import { afterAll, describe, expect, it } from 'vitest';
import { compile, copyReport, edit, remove, summarize } from './helpers/report.js';
import { generatedPartThree, SHIQUAN_REPORT, WENLV_REPORT } from './helpers/shanghai.js';
import type { Diagnostic } from '../src/diagnostics/message.js';

const made: string[] = [];
afterAll(() => made.forEach(remove));

/** A copy of a report with one text of its index.md replaced. */
function withFrontMatter(report: string, from: string, to: string): string {
  const dir = copyReport(report);
  made.push(dir);
  edit(dir, 'index.md', from, to);
  return dir;
}

const SHIQUAN_NUMBERS = 'numbers: {amount: {grouping: true, trimWhole: true, zero: "0"}}';

describe('a report’s own number style over its pack’s', () => {
  const wenlv = generatedPartThree(compile(WENLV_REPORT)).join('');
  const shiquan = generatedPartThree(compile(SHIQUAN_REPORT)).join('');

  it('prints 文化和旅游局’s amounts as the pack says: no grouping, two decimals, zero as 0', () => {
    expect(wenlv).toContain('26591.08万元');
    expect(wenlv).toContain('支出决算为2000.00万元');
    expect(wenlv).toContain('年初预算为0万元');
    expect(wenlv).not.toMatch(/\d,\d{3}/u);
  });

  it('prints 石泉路街道’s amounts as its front matter says: grouped, whole amounts without decimals', () => {
    expect(shiquan).toContain('本年收入合计19,044.27万元');
    expect(shiquan).toContain('支出决算为150万元');
    expect(shiquan).toContain('年初预算为20万元,支出决算为20万元');
    expect(shiquan).toContain('决算为0万元');
    expect(shiquan).not.toMatch(/\d{4}\.\d{2}万元/u);
    // percentages stay the pack's: 100%, 87.10%
    expect(shiquan).toContain('占100%');
    expect(shiquan).toContain('完成年初预算的87.10%');
  });

  it('without its front matter numbers, 石泉路街道 prints the pack’s style', () => {
    const dir = withFrontMatter(SHIQUAN_REPORT, `${SHIQUAN_NUMBERS}\n`, '');
    const text = generatedPartThree(compile(dir)).join('');
    expect(text).toContain('本年收入合计19044.27万元');
    expect(text).toContain('支出决算为150.00万元');
  });

  it('replaces the pack’s formats field by field: 文化和旅游局 with grouping keeps the pack’s zero', () => {
    const dir = withFrontMatter(WENLV_REPORT, 'parts: [tables.md, explanation.md, glossary.md]\n', 'parts: [tables.md, explanation.md, glossary.md]\nnumbers: {amount: {grouping: true}}\n');
    const vfile = compile(dir);
    expect((vfile.messages as Diagnostic[]).filter((m) => m.fatal === true)).toEqual([]);
    const text = generatedPartThree(vfile).join('');
    expect(text).toContain('26,591.08万元');
    expect(text).toContain('支出决算为2,000.00万元');
    expect(text).toContain('年初预算为0万元');
  });
});

describe('the front matter’s numbers, validated as the pack’s narrative.numbers', () => {
  const cases: [string, string, RegExp][] = [
    ['numbers: {amount: {grouping: yes, trimWhole: true, zero: "0"}}', 'schema/type index.md:8:30', /「numbers › amount › grouping」应为true 或 false/u],
    ['numbers: {amount: {groupng: true, trimWhole: true, zero: "0"}}', 'schema/unknown-key index.md:8:20', /未知的键「groupng」,是否为「grouping」/u],
    ['numbers: {amount: {grouping: true, trimWhole: true, zero: 0}}', 'schema/type index.md:8:59', /「numbers › amount › zero」应为文本,请加引号: "0"/u],
    ['numbers: {amount: {grouping: true, trimWhole: true, decimals: 9}}', 'schema/invalid index.md:8:63', /「numbers › amount › decimals」应不大于 6/u],
    ['numbers: {money: {grouping: true}}', 'schema/unknown-key index.md:8:11', /未知的键「money」/u],
  ];
  it.each(cases)('%s → %s', (line, where, message) => {
    const dir = withFrontMatter(SHIQUAN_REPORT, SHIQUAN_NUMBERS, line);
    const vfile = compile(dir);
    const messages = vfile.messages as Diagnostic[];
    expect(summarize(vfile, dir)).toEqual([where]);
    expect(messages[0]!.reason).toMatch(message);
    expect(messages[0]!.fatal).toBe(true);
    expect(vfile.data.narration).toBeUndefined();
  });
});
