// The narrate stage on changed copies of the seed: a missing value is a positioned error, a missing
// 主要原因 a warning, an unknown partial an error; 上年 comes from the previous year's report when
// the repository has one; the generated text never holds template residue.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compilePaths } from '../src/cli/compile-reports.js';
import { withoutDataBlocks } from '../src/cli/narrate.js';
import { compile, edit, reportCopies, SEED_REPORT, summarize } from './helpers/report.js';

const copies = reportCopies();
const copy = copies.copy;
afterAll(copies.removeAll);

describe('narrate', () => {
  it('reports a helper that names no data, at its place', () => {
    const dir = copy();
    edit(dir, 'index.md', '{{数 机构.人员.在职}}', '{{数 机构.人员.在岗}}');
    const lines = summarize(compile(dir), dir).filter((l) => l.startsWith('narrate/'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^narrate\/missing-value index\.md:\d+:\d+$/u);
    const line = Number(lines[0]!.split(':')[1]);
    expect(readFileSync(join(dir, 'index.md'), 'utf8').split('\n')[line - 1]).toContain('{{数 机构.人员.在岗}}');
  });

  it('warns when a change needs a 主要原因 that the data lacks, and prints no residue', () => {
    const dir = copy();
    edit(dir, 'explanation.md', '收入变动: 上年度有5G+智能税务官二期项目经费、全省政务外网视频会议系统升级改造费项目，本年度无此项目。\n', '');
    const vfile = compile(dir);
    const warning = vfile.messages.find((m) => m.ruleId === 'narrate/missing-reason');
    expect(warning?.fatal).toBe(false);
    expect(warning?.file).toContain('narrative/收入决算情况说明.hbs');
    const text = vfile.data.narration!.files.get('explanation.md')!;
    expect(text).toContain('下降40.57%。');
    expect(text).not.toContain('主要原因：。');
  });

  it('reports an unknown partial', () => {
    const dir = copy();
    edit(dir, 'explanation.md', '{{> 机关运行经费支出情况说明}}', '{{> 机关运行费用说明}}');
    expect(summarize(compile(dir), dir)).toContain('narrate/unknown-partial explanation.md:42:1');
  });

  it('never prints template residue', () => {
    const vfile = compile(SEED_REPORT);
    // The prose as printed: data blocks (whose texts are rendered where they are used) left out.
    const all = withoutDataBlocks([...vfile.data.narration!.files.values()].join('\n'));
    for (const residue of ['增加0.00', '减少0.00', '增加持平', '占 %', '占%', '主要原因：。', 'undefined', 'NaN', '[object']) {
      expect(all, residue).not.toContain(residue);
    }
    expect(all).not.toMatch(/\{\{/u);
  });

  it('takes 上年 from the previous year\'s report when the repository has it', () => {
    const dir = copy();
    const prior = join(dir, '..', '2022');
    cpSync(dir, prior, { recursive: true });
    edit(prior, 'index.md', 'year: 2023', 'year: 2022');
    const tables = readFileSync(join(prior, 'tables.md'), 'utf8');
    writeFileSync(join(prior, 'tables.md'), tables.replace('  本年收入合计: 292.90\n', '  本年收入合计: 500.00\n'));
    const [vfile] = compilePaths([dir]);
    const text = vfile!.data.narration!.files.get('explanation.md')!;
    expect(text).toContain('本年收入合计292.90万元，比上年减少207.10万元，下降41.42%');
  });
});

describe('percentage basis', () => {
  it('computes from the displayed 万元 when the template says so', () => {
    const dir = copy();
    edit(join(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023'), 'template.yaml', 'percentBasis: held', 'percentBasis: displayed');
    const text = compile(dir).data.narration!.files.get('explanation.md')!;
    // From 6.56 and 1.72 rather than from 6.56 and 17,227.90 元: 4.84 / 1.72 = 281.40%.
    expect(text).toContain('（三）对个人和家庭补助支出6.56万元，比上年增加4.84万元，增长281.40%');
    expect(text).toContain('完成年初预算的119.06%');
  });
});
