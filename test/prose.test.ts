// 文表一致 on prose as typed: numbers typed in the seed's sentences, resolved through the Jiangxi
// template's vocabulary and judged at their own precision; direction words judged against the data;
// one warning per clause for what cannot be resolved; linear in the length of a paragraph.
import { afterAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, edit, reportCopies, ROOT, summarize } from './helpers/report.js';
import type { Diagnostic } from '../src/diagnostics/message.js';

const copies = reportCopies();
afterAll(() => copies.removeAll());

/** A copy of the seed whose 机关运行经费 paragraph (or another partial's call) is typed as given. */
function typed(partial: string, text: string, data: [string, string, string][] = []): { dir: string; vfile: VFile } {
  const dir = copies.copy();
  edit(dir, 'explanation.md', `{{> ${partial}}}`, text);
  for (const [file, from, to] of data) edit(dir, file, from, to);
  return { dir, vfile: compile(dir) };
}

function prose(vfile: VFile, dir: string, file = 'explanation.md'): { line: string; m: Diagnostic }[] {
  return summarize(vfile, dir)
    .map((line, i) => ({ line, m: vfile.messages[i] as Diagnostic }))
    .filter(({ line }) => line.includes(`prose/`) && line.includes(` ${file}:`));
}

const RUNNING_COST: [string, string, string][] = [
  ['explanation.md', '决算数: 8.29', '决算数: 185.41'],
  ['../2022/index.md', '决算数: 406.90', '决算数: 180.73'],
];

describe('a rate at its own precision', () => {
  it('2.60% where 4.68 ÷ 180.73 = 2.59% is an error; 2.59% is clean', () => {
    const wrong = typed('机关运行经费支出情况说明', '本部门2023年度机关运行经费支出185.41万元,比上年增加4.68万元,增长2.60%,主要原因:资产运行维护支出增加。', RUNNING_COST);
    const errors = prose(wrong.vfile, wrong.dir).filter(({ m }) => m.fatal === true);
    expect(errors.map(({ line }) => line)).toEqual(['prose/mismatch explanation.md:42:41']);
    expect(errors[0]!.m.expected).toEqual(['2.59%']);
    expect(errors[0]!.m.actual).toBe('2.60%');
    expect(errors[0]!.m.reason).toContain('机关运行经费');

    const right = typed('机关运行经费支出情况说明', '本部门2023年度机关运行经费支出185.41万元,比上年增加4.68万元,增长2.59%,主要原因:资产运行维护支出增加。', RUNNING_COST);
    const found = prose(right.vfile, right.dir);
    expect(found.filter(({ m }) => m.fatal !== undefined && m.fatal !== null)).toEqual([]);
    // Each typed number is resolved and agrees: an info offering the helper.
    expect(found.map(({ line }) => line)).toEqual(['info prose/typed-literal explanation.md:42:18', 'info prose/typed-literal explanation.md:42:32', 'info prose/typed-literal explanation.md:42:41']);
    expect(found[2]!.m.reason).toContain('{{变动率 机关运行经费.决算数 上年.机关运行经费}}');

    // Spaces around numbers and full-width punctuation (as PDF text has them) read the same.
    const spaced = typed('机关运行经费支出情况说明', '本部门 2023 年度机关运行经费支出 185.41 万元，比上年增加 4.68 万元，增长 2.59％。', RUNNING_COST);
    expect(prose(spaced.vfile, spaced.dir).map(({ line }) => line.replace(/:\d+$/u, ''))).toEqual(Array(3).fill('info prose/typed-literal explanation.md:42'));
  });

  it('reads the decimals as written: "2.6%" is ±0.05 and agrees, "307,521.80元" is ±0.005 元', () => {
    const loose = typed('机关运行经费支出情况说明', '本部门2023年度机关运行经费支出185.41万元,比上年增加4.68万元,增长2.6%。', RUNNING_COST);
    expect(prose(loose.vfile, loose.dir).filter(({ m }) => m.fatal === true)).toEqual([]);
    const dir = copies.copy();
    edit(dir, 'annex-1.md', '资产总额{{元 资产.资产总额}}', '资产总额307,521.80元');
    const zero = compile(dir);
    expect(prose(zero, dir, 'annex-1.md').map(({ line }) => line)).toEqual(['prose/mismatch annex-1.md:33:15']);
    const other = copies.copy();
    edit(other, 'annex-1.md', '资产总额{{元 资产.资产总额}}', '资产总额307,521.79元');
    expect(prose(compile(other), other, 'annex-1.md').map(({ line }) => line)).toEqual(['info prose/typed-literal annex-1.md:33:15']);
  });
});

describe('direction words', () => {
  it('"减少…与上年持平" contradicts itself: the word the data contradicts is an error', () => {
    const { dir, vfile } = typed(
      '三公经费支出决算情况说明',
      '本部门2023年度财政拨款"三公"经费支出全年预算数0.00万元,决算数0.00万元。(三)公务接待费全年预算数0.00万元,决算数减少为0.00万元,与上年持平。',
    );
    const errors = prose(vfile, dir).filter(({ m }) => m.fatal === true);
    expect(errors.map(({ line }) => line)).toEqual(['prose/direction explanation.md:34:67']);
    expect(errors[0]!.m.reason).toContain('「减少」与数据矛盾');
    expect(errors[0]!.m.expected).toEqual(['持平']);
  });

  it('"增长" for a fall is an error, as is "与上年持平" for a change', () => {
    const { dir, vfile } = typed('收入决算情况说明', '本部门2023年度收入总计292.90万元,其中本年收入合计292.90万元,与上年持平;比上年减少199.93万元,增长40.57%。');
    const errors = prose(vfile, dir).filter(({ m }) => m.fatal === true);
    expect(errors.map(({ line }) => `${line} ${(errors.find((e) => e.line === line)!.m.expected ?? [])[0]}`)).toEqual(['prose/direction explanation.md:9:43 减少', 'prose/direction explanation.md:9:60 下降']);
  });

  it('a growth rate from a zero base is an error (上年为零)', () => {
    const { dir, vfile } = typed('三公经费支出决算情况说明', '(三)公务接待费决算数1.00万元,比上年增加1.00万元,增长100.00%。', [['tables.md', '公务接待费:\n  年初预算数:\n  全年预算数:\n  决算数:\n国内接待费:', '公务接待费:\n  年初预算数:\n  全年预算数:\n  决算数: 1.00\n国内接待费:']]);
    const mismatch = prose(vfile, dir).filter(({ line }) => line.startsWith('prose/mismatch'));
    expect(mismatch.map(({ line }) => line)).toEqual(['prose/mismatch explanation.md:34:33']);
    expect(mismatch[0]!.m.reason).toContain('上年为零');
  });
});

describe('unresolved numbers', () => {
  it('warn once per clause, at the first number, listing the others', () => {
    const { dir, vfile } = typed('机关运行经费支出情况说明', '本部门另有某项费用3.00万元、某项费用4.00万元;又有某项费用5.00万元。');
    const warnings = prose(vfile, dir).filter(({ m }) => m.fatal === false);
    expect(warnings.map(({ line }) => line)).toEqual(['prose/unbound-literal explanation.md:42:10', 'prose/unbound-literal explanation.md:42:34']);
    expect(warnings[0]!.m.reason).toContain('「3.00万元」「4.00万元」');
  });
});

describe('resolution is linear in the length of a paragraph', () => {
  it('resolves every number of an 80,000-character paragraph', () => {
    const sentence = '本年收入合计292.90万元,比上年减少199.93万元,下降40.57%;';
    // One paragraph of many lines (a line is limited to 10,000 characters).
    const paragraph = Array(Math.ceil(80_000 / sentence.length)).fill(sentence).join('\n');
    const { dir, vfile } = typed('收入决算情况说明', paragraph);
    const found = prose(vfile, dir);
    const n = Math.ceil(80_000 / sentence.length);
    expect(paragraph.length).toBeGreaterThanOrEqual(80_000);
    expect(found.filter(({ line }) => line.startsWith('info prose/typed-literal')).length).toBe(3 * n);
    expect(found.filter(({ m }) => m.fatal !== undefined && m.fatal !== null)).toEqual([]);
  });
});

describe('the vocabulary', () => {
  it('reports an expression of prose.yaml that does not parse, at its place', () => {
    const dir = copies.copy();
    edit(dir, '../../../templates/jiangxi-county-2023/prose.yaml', '- {name: 收入总计, fact: 公开01.收入.总计}', "- {name: 收入总计, fact: 'ratio(公开01.收入.总计'}");
    const vfile = compile(dir);
    const found = (vfile.messages as Diagnostic[]).filter((m) => m.ruleId === 'template/invalid');
    const line = readFileSync(join(ROOT, 'templates', 'jiangxi-county-2023', 'prose.yaml'), 'utf8').split('\n').findIndex((l) => l.includes('- {name: 收入总计,')) + 1;
    expect(found.map((m) => `${m.file}:${m.place && 'start' in m.place ? m.place.start.line : 0}`)).toEqual([`templates/jiangxi-county-2023/prose.yaml:${line}`]);
    expect(found[0]!.reason).toContain('「fact」表达式有误');
  });
});

describe('wording', () => {
  it('garbled wording the pack lists is an error; an unpaired quotation mark warns', () => {
    const { dir, vfile } = typed('机关运行经费支出情况说明', '本部门2023年度机关运行经费支出8.29万元,决算数比上年增加持平,主要原因:“资产运行维护支出减少。');
    const found = prose(vfile, dir).filter(({ m }) => m.fatal !== undefined && m.fatal !== null);
    // 持平 is judged too: 机关运行经费 fell by 398.61万元.
    expect(found.map(({ line }) => line)).toEqual(['prose/direction explanation.md:42:33', 'prose/residue explanation.md:42:31', 'prose/unpaired-quote explanation.md:42:41']);
    expect(found[1]!.m.reason).toContain('「增加持平」');
  });

  it('a year before 年度 that is neither the report\'s nor the year before is an error', () => {
    const { dir, vfile } = typed('机关运行经费支出情况说明', '本部门2021年度机关运行经费支出8.29万元,比2022年度减少398.61万元,下降97.96%。');
    const found = prose(vfile, dir).filter(({ m }) => m.fatal !== undefined && m.fatal !== null);
    expect(found.map(({ line }) => line)).toEqual(['prose/year explanation.md:42:4']);
    expect(found[0]!.m.fatal).toBe(true);
  });
});
