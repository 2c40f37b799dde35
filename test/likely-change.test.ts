// One change, one answer (issue 13): 公开05 2010504 项目支出 +2.00 in a copy of the seed. One `check`
// names that cell (check/likely-change) and lists every total that must follow it, in order; `fix`
// rewrites them (shown first); afterwards only the relations that need a person's choice still fail.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import type { Diagnostic } from '../src/diagnostics/message.js';
import { formatHuman } from '../src/diagnostics/format.js';
import { main } from '../src/cli/main.js';
import { compile, reportCopies, SEED_REPORT, summarize } from './helpers/report.js';

const copies = reportCopies();
afterAll(() => copies.removeAll());

/** 公开05's 2010504 项目支出 166.45 → 168.45 (the first 2010504 after the 公开05 block starts). */
function changeOne(dir: string): void {
  const path = join(dir, 'tables.md');
  const text = readFileSync(path, 'utf8');
  const block = text.indexOf('```yaml data=公开05');
  const row = text.indexOf('2010504 信息事务:', block);
  const cell = text.indexOf('项目支出: 166.45', row);
  expect(block > 0 && row > block && cell > row && cell - row < 80).toBe(true);
  writeFileSync(path, text.slice(0, cell) + '项目支出: 168.45' + text.slice(cell + '项目支出: 166.45'.length));
}

const lineOf = (d: Diagnostic) => (d.place && 'start' in d.place ? d.place.start.line : undefined);

let dir = '';
let vfile: VFile;
beforeAll(() => {
  dir = copies.copy();
  changeOne(dir);
  vfile = compile(dir);
}, 120_000);

async function cli(args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await main(args, (s) => (output += s), (s) => (output += s));
  return { code, output };
}

describe('公开05 2010504 项目支出 +2.00, one run of check', () => {
  it('names the changed cell, once, at its place', () => {
    const found = (vfile.messages as Diagnostic[]).filter((m) => m.ruleId === 'check/likely-change');
    expect(found).toHaveLength(1);
    expect(summarize(vfile, dir).filter((s) => s.startsWith('check/likely-change'))).toEqual(['check/likely-change tables.md:199:9']);
    expect(found[0]!.reason).toContain('公开05 2010504 信息事务 › 项目支出');
    const change = vfile.data.likelyChanges![0]!;
    expect(change.fact.key).toBe('公开05/科目/2010504/项目支出');
    expect(change.corrected.toString()).toBe('1664500');
    expect(change.explained.map((r) => r.rule).sort()).toEqual(['balance/column-sum', 'cross/03-05-subset', 'hierarchy/sum']);
  });

  it('lists every total that must follow it, in order, each +2.00万元', () => {
    const change = vfile.data.likelyChanges![0]!;
    const keys = change.moves.map((m) => m.fact.key);
    expect(keys[0]).toBe('公开05/科目/2010504/本年支出合计');
    for (const key of [
      '公开05/科目/20105/项目支出', '公开05/科目/201/项目支出', '公开05/科目/合计/项目支出', '公开05/科目/合计/本年支出合计',
      '公开03/科目/2010504/项目支出', '公开03/科目/合计/本年支出合计',
      '公开04/支出/本年支出合计/一般公共预算财政拨款', '公开01/支出/本年支出合计/决算数', '公开01/支出/总计/决算数',
    ]) expect(keys, key).toContain(key);
    // A total comes after the cells it sums.
    expect(keys.indexOf('公开05/科目/合计/项目支出')).toBeGreaterThan(keys.indexOf('公开05/科目/201/项目支出'));
    expect(keys.indexOf('公开05/科目/201/项目支出')).toBeGreaterThan(keys.indexOf('公开05/科目/20105/项目支出'));
    for (const m of change.moves) expect(m.delta.toString(), m.fact.label).toBe('20000');
    expect(new Set(keys).size).toBe(keys.length);
    expect(change.moves).toHaveLength(27);
  });

  it('prints them as the notes of one warning, and each explained error points at the cell', () => {
    const text = formatHuman([vfile]);
    expect(text).toContain('须随之改动的合计 27 处');
    expect(text).toMatch(/ {6}1\. 公开05 2010504 信息事务 › 本年支出合计 {2}261\.26万元 → 263\.26万元\(\+2\.00万元\)/u);
    const explained = (vfile.messages as Diagnostic[]).filter((m) => m.fatal === true);
    expect(explained.map((m) => m.ruleId).sort()).toEqual(['balance/column-sum', 'cross/03-05-subset', 'hierarchy/sum']);
    for (const m of explained) expect(m.notes?.join('\n')).toContain('tables.md:199:9');
    expect(explained.map(lineOf).sort()).toEqual([195, 197, 199]);
  });

  it('check --explain tables.md:199 shows the three rules the value takes part in', async () => {
    const { code, output } = await cli(['check', dir, '--explain', 'tables.md:199']);
    expect(code).toBe(0);
    expect(output).toContain('公开05 2010504 信息事务 › 项目支出 = 168.45万元');
    expect(output.match(/^ {2}\d\. /gmu)).toHaveLength(3);
    expect(output).toContain('hierarchy/sum');
    expect(output).toContain('合计 公开05 20105 统计信息事务 › 项目支出 = 166.45万元');
  });

  it('fix shows the diff and writes nothing without --write; with --write only the choices remain', async () => {
    const before = readFileSync(join(dir, 'tables.md'), 'utf8');
    const shown = await cli(['fix', dir]);
    expect(shown.code).toBe(1);
    expect(shown.output).toContain('-  本年支出合计: 261.26');
    expect(shown.output).toContain('+  本年支出合计: 263.26');
    expect(readFileSync(join(dir, 'tables.md'), 'utf8')).toBe(before);
    const open = vfile.data.likelyChanges![0]!.open.map((o) => o.relation.rule).sort();
    const written = await cli(['fix', dir, '--write']);
    expect(written.code).toBe(0);
    expect(written.output).toContain('已改写 27 处');
    const after = compile(dir);
    const errors = (after.messages as Diagnostic[]).filter((m) => m.fatal === true).map((m) => m.ruleId!).sort();
    expect(errors).toEqual(open);
    expect(errors.every((r) => !r.startsWith('hierarchy') && r !== 'balance/column-sum' && r !== 'cross/03-05-subset')).toBe(true);
    // The 附件1 amount in 元 keeps its unit, commas and decimals.
    expect(readFileSync(join(dir, 'annex-1.md'), 'utf8')).toContain('项目支出: 1,935,336.51元');
  }, 120_000);
});

describe('long messages', () => {
  it('a balance of many parts: one line of reason, both sides listed with values', () => {
    const d = copies.copy();
    const path = join(d, 'performance.md');
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf('执行数:');
    const end = text.indexOf('\n', at);
    writeFileSync(path, text.slice(0, at) + '执行数: 0' + text.slice(end));
    const v = compile(d);
    const total = (v.messages as Diagnostic[]).find((m) => m.ruleId === 'perf/project-total' && m.fatal === true)!;
    expect(total.reason).toMatch(/^各项目自评表执行数之和应等于[^:]+: 左边之和 [\d.]+万元,右边之和 [\d.]+万元$/u);
    expect(total.related!.filter((r) => r.label.startsWith('左边')).length).toBeGreaterThanOrEqual(10);
    expect(total.related!.some((r) => /^右边 .* = [\d.]+万元$/u.test(r.label))).toBe(true);
  }, 120_000);

  it('the corrected seed names no likely change', () => {
    expect(compile(SEED_REPORT).messages.some((m) => m.ruleId === 'check/likely-change')).toBe(false);
  }, 120_000);
});
