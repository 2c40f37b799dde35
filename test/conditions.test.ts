// Rule conditions of the pack (`when:`, condition rules): a rule applies only when its condition
// holds — 公开05 = 公开03 row by row only when all the money is 一般公共预算 — and a fund's table is
// empty exactly when 公开04 has none of that fund, with the message the pack writes.
import { afterAll, describe, expect, it } from 'vitest';
import { compile, edit, reportCopies, SEED_REPORT, summarize } from './helpers/report.js';

const copies = reportCopies();
afterAll(() => copies.removeAll());

describe('when:', () => {
  it('applies 公开05 = 公开03 to every row while the report has only 一般公共预算 money', () => {
    const rows = compile(SEED_REPORT).data.relations!.filter((r) => r.rule === 'cross/03-05-general-only');
    expect(rows.length).toBe(10);
    expect(rows.map((r) => (r.kind === 'equal' ? r.total.key : ''))).toContain('公开05/科目/2010504/本年支出合计');
  });

  it('drops it when other money appears, and checks it when it holds', () => {
    const dir = copies.copy();
    edit(dir, 'tables.md', '  其他收入:\n  本年收入合计: 292.90\n', '  其他收入: 1.00\n  本年收入合计: 292.90\n');
    const other = compile(dir);
    expect(other.data.relations!.filter((r) => r.rule === 'cross/03-05-general-only')).toEqual([]);

    // 公开05 2010504 本年支出合计 one less than 公开03's: the rule sees it (公开05 ≤ 公开03 alone would not).
    const smaller = copies.copy();
    const head = 'data=公开05\n合计:\n  本年支出合计: 292.90\n  基本支出: 101.37\n  项目支出: 191.53\n201 一般公共服务支出:\n  本年支出合计: 261.26\n  基本支出: 94.81\n  项目支出: 166.45\n20105 统计信息事务:\n  本年支出合计: 261.26\n  基本支出: 94.81\n  项目支出: 166.45\n2010504 信息事务:\n';
    edit(smaller, 'tables.md', `${head}  本年支出合计: 261.26`, `${head}  本年支出合计: 260.26`);
    const found = summarize(compile(smaller), smaller);
    expect(found).toContain('cross/03-05-general-only tables.md:197:11');
    expect(found.filter((l) => l.startsWith('cross/03-05-subset'))).toEqual([]);
  });
});

describe('condition rules', () => {
  it('a value in 公开07 with no 政府性基金 money is reported at 公开07, with the pack message', () => {
    const dir = copies.copy();
    edit(dir, 'tables.md', '```yaml data=公开07\n合计:\n```', '```yaml data=公开07\n合计:\n  本年收入: 1.00\n```');
    const vfile = compile(dir);
    expect(summarize(vfile, dir)).toContain('cross/04-07-empty tables.md:318:1');
    const message = vfile.messages.find((m) => m.ruleId === 'cross/04-07-empty')!;
    expect(message.reason).toBe('无政府性基金预算财政拨款时公开07 应为空表: 公开04 中政府性基金预算财政拨款为零,公开07 却有数');
  });

  it('政府性基金 money with an empty 公开07 is the other half of the rule', () => {
    const dir = copies.copy();
    edit(dir, 'tables.md', '  政府性基金预算财政拨款:\n  国有资本经营预算财政拨款:\n  本年收入合计: 292.90', '  政府性基金预算财政拨款: 1.00\n  国有资本经营预算财政拨款:\n  本年收入合计: 292.90');
    const vfile = compile(dir);
    const message = vfile.messages.find((m) => m.ruleId === 'cross/04-07-empty')!;
    expect(message.reason).toContain('公开07 却是空表');
  });
});
