// Completion (issue 13): a 2024 report made with `juesuan new` from the seed and left empty fails
// `check` — the missing amounts counted per table or block (report/missing-value), every year left in
// its prose named — and `new` says what is left to fill, drops last year's reviewer notes and writes
// the year of headings as {{年度}}.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { main } from '../src/cli/main.js';
import type { Diagnostic } from '../src/diagnostics/message.js';
import { compile, reportCopies, SEED_REPORT } from './helpers/report.js';

const copies = reportCopies();
afterAll(() => copies.removeAll());

let seedCopy = '';
let made = '';
let output = '';
let code = -1;
let vfile: VFile;

beforeAll(async () => {
  seedCopy = copies.copy();
  const reports = dirname(dirname(seedCopy));
  code = await main(['new', 'dept', '2024', '--reports', reports], (s) => (output += s), (s) => (output += s));
  made = join(reports, 'dept', '2024');
  vfile = compile(made);
}, 180_000);

const missing = () => (vfile.messages as Diagnostic[]).filter((m) => m.ruleId === 'report/missing-value');

describe('juesuan new 2024 from the seed, left empty', () => {
  it('is made, and says what is left to fill, per table', () => {
    expect(code).toBe(0);
    expect(output).toContain('待填写:');
    expect(output).toMatch(/^ {2}公开05: 24 个金额$/mu);
    expect(output).toMatch(/^ {2}公开01: 8 个金额$/mu);
    expect(output).toMatch(/^ {2}共 171 个金额\(24 个表或数据块\)$/mu);
    expect(output).toMatch(/TODO \d+ 处/u);
  });

  it('fails check with one report/missing-value per table or block, each counted and with every place', () => {
    const errors = missing();
    expect(errors.every((m) => m.fatal === true)).toBe(true);
    const byTable = new Map(errors.map((m) => [m.reason.slice(0, m.reason.indexOf(':')), m.related!.length]));
    expect(byTable.get('公开05')).toBe(24);
    expect(byTable.get('公开03')).toBe(24);
    expect(byTable.get('预算执行')).toBe(14);
    expect([...byTable.values()].reduce((a, b) => a + b, 0)).toBe(171);
    for (const m of errors) {
      expect(m.reason).toMatch(new RegExp(`: ${m.related!.length} 个金额未填写`, 'u'));
      for (const r of m.related!) expect(r.place, r.label).toBeDefined();
    }
    // 公开07/08 were empty in the seed: nothing is asked of them.
    expect(byTable.has('公开07')).toBe(false);
  });

  it('names every year its prose keeps from 2023 (prose/year), and none in a heading', () => {
    const years = (vfile.messages as Diagnostic[]).filter((m) => m.ruleId === 'prose/year');
    const at = years.map((m) => `${(m.file ?? '').split('/').pop()}:${m.place && 'start' in m.place ? m.place.start.line : 0} ${/「([^」]+)」/u.exec(m.reason)![1]}`);
    expect(at.sort()).toEqual(
      ['annex-2.md:9 2023年度', 'annex-2.md:31 2023年1月1日', 'annex-2.md:31 2023年12月31日', 'annex-2.md:47 2023年度', 'annex-3.md:10 2023年度', 'annex-3.md:32 2023年1月1日', 'annex-3.md:32 2023年12月31日', 'annex-3.md:48 2023年度'].sort(),
    );
    expect(years.every((m) => m.fatal === true)).toBe(true);
    expect(output).toContain('正文中不是本年度的年份 8 处');
  });

  it('drops last year\'s reviewer notes and writes heading years as {{年度}}', () => {
    const texts = readdirSync(made).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(made, f), 'utf8'));
    const all = texts.join('\n');
    expect(readFileSync(join(seedCopy, 'glossary.md'), 'utf8')).toContain('<!-- corrected:');
    expect(all).not.toMatch(/<!--\s*corrected:/u);
    expect(all).not.toMatch(/#\s*(?:corrected|check):/u);
    expect(all).not.toContain('# the seed prints this cell empty');
    expect(all).toContain('<!-- juesuan-ignore prose/unbound-literal -->');
    expect(all).toMatch(/^# 第二部分 \{\{年度\}\}年度部门决算表$/mu);
    for (const text of texts) for (const line of text.split('\n').filter((l) => /^#{1,6} /u.test(l))) expect(line).not.toMatch(/2023\s*年/u);
  });

  it('the seed itself asks for no missing value', () => {
    expect(compile(SEED_REPORT).messages.some((m) => m.ruleId === 'report/missing-value')).toBe(false);
  }, 120_000);
});
