// juesuan diff and juesuan new: changed cells with Δ and Δ%, rows added and removed, renamed and
// recoded rows, prose and 情况说明 sentences with changed words marked, check results, a git
// revision as one side, --base, year to year; and next year's report whose check lists its to-dos.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffReports } from '../src/diff/diff.js';
import { diffMarkdown } from '../src/diff/format.js';
import { markWords } from '../src/diff/text-diff.js';
import { compile, edit, reportCopies, ROOT, SEED_REPORT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const copies = reportCopies();
const copy = copies.copy;
afterAll(copies.removeAll);

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('diff of two versions of a report', () => {
  it('lists exactly three changed amounts and the sentences they change', () => {
    const dir = copy();
    edit(dir, 'explanation.md', '货物: 0.39', '货物: 0.49');
    edit(dir, 'explanation.md', '201 一般公共服务支出: 523.81', '201 一般公共服务支出: 533.81');
    edit(dir, 'tables.md', '其他用车: 0', '其他用车: 1');
    const d = diffReports(compile(SEED_REPORT), compile(dir));
    expect([...d.cells, ...d.values].map((c) => [c.label, c.old, c.new, c.delta, c.deltaPct ?? ''])).toEqual([
      ['公开10 其他用车', '0', '1', '+1', ''],
      ['年初预算 › 201 一般公共服务支出', '523.81', '533.81', '+10.00', '+1.91%'],
      ['政府采购 › 货物', '0.39', '0.49', '+0.10', '+25.64%'],
    ]);
    const changed = d.narrative.map((t) => t.marked ?? '');
    expect(changed.some((s) => s.includes('年初预算数[-523.81-]{+533.81+}万元') && s.includes('[-49.88%-]{+48.94%+}'))).toBe(true);
    expect(changed.some((s) => s.includes('政府采购支出总额[-0.39-]{+0.49+}万元'))).toBe(true);
    expect(changed.some((s) => s.includes('其他用车[-0-]{+1+}辆'))).toBe(true);
    expect(d.yearToYear).toBe(false);
    expect(d.checks.map((c) => `${c.op} ${c.rule}`)).toContain('appeared balance/row-sum');
    const md = diffMarkdown([d]);
    expect(md).toContain('| 政府采购 › 货物 | 0.39 | 0.49 | +0.10 | +25.64% |');
    expect(md).toContain('政府采购支出总额<del>0.39</del><ins>0.49</ins>万元');
    expect(md).toContain('- 新出现 错误 balance/row-sum');
  });

  it('aligns rows by code: added, removed, renamed and recoded rows', () => {
    const dir = copy();
    edit(dir, 'tables.md', '20105 统计信息事务:\n  本年收入合计: 261.26', '20105 统计信息事务(调整):\n  本年收入合计: 261.26');
    edit(dir, 'tables.md', '2100409 重大公共卫生服务:\n  本年收入合计: 25.09\n  财政拨款收入: 25.09\n', '2100410 重大公共卫生服务:\n  本年收入合计: 25.09\n  财政拨款收入: 25.09\n2010599 其他统计信息事务支出:\n');
    edit(dir, 'tables.md', '2080501 行政单位离退休:\n  本年收入合计: 6.56\n  财政拨款收入: 6.56\n', '');
    const d = diffReports(compile(SEED_REPORT), compile(dir));
    expect(d.renamed).toEqual([{ table: '公开02', code: '20105', oldName: '统计信息事务', newName: '统计信息事务(调整)' }]);
    expect(d.recoded).toEqual([{ table: '公开02', name: '重大公共卫生服务', oldCode: '2100409', newCode: '2100410' }]);
    expect(d.rows).toContainEqual({ table: '公开02', code: '2010599', name: '其他统计信息事务支出', op: 'added' });
    expect(d.rows.filter((r) => r.op === 'removed').map((r) => `${r.table} ${r.code}`)).toEqual(['公开02 2080501']);
    const md = diffMarkdown([d]);
    expect(md).toContain('- 公开02 科目 20105 改名: 统计信息事务 → 统计信息事务(调整)');
    expect(md).toContain('- 公开02「重大公共卫生服务」改编码: 2100409 → 2100410');
  });

  it('shows a prose change with its changed words', () => {
    const dir = copy();
    edit(dir, 'index.md', '组织、指导、推进区政府信息公开', '组织、推进区政府信息公开');
    const d = diffReports(compile(SEED_REPORT), compile(dir));
    expect(d.prose.map((t) => t.marked)).toEqual([expect.stringContaining('组织、[-指导、-]推进区政府信息公开')]);
    expect(d.cells).toEqual([]);
  });

  it('marks changed words', () => {
    expect(markWords('比上年减少199.93万元', '比上年增加1.00万元').marked).toBe('比上年[-减少199.93-]{+增加1.00+}万元');
  });
});

describe('diff through git and year to year', () => {
  it('reads one side at a git revision, and --base lists the changed reports', () => {
    const dir = copy();
    const root = join(dir, '..', '..', '..');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'seed');
    edit(dir, 'explanation.md', '决算数: 8.29', '决算数: 8.30');
    const r = cli(['diff', 'HEAD:reports/dept/2023', 'reports/dept/2023', '--format', 'md'], root);
    expect(r.status).toBe(0);
    expect(r.output).toContain('| 机关运行经费 › 决算数 | 8.29 | 8.30 | +0.01 | +0.12% |');
    expect(r.output).toContain('机关运行经费支出<del>8.29</del><ins>8.30</ins>万元');
    const base = cli(['diff', '--base', 'HEAD', '--format', 'json'], root);
    const json = JSON.parse(base.output) as { new: { path: string }; values: { label: string }[] }[];
    expect(json.map((d) => d.new.path)).toEqual(['reports/dept/2023']);
    expect(json[0]!.values.map((v) => v.label)).toEqual(['机关运行经费 › 决算数']);
  });

  it('compares two years by code and points at the largest changes', () => {
    const d = diffReports(compile(join(SEED_REPORT, '..', '2022')), compile(SEED_REPORT));
    expect(d.yearToYear).toBe(true);
    // 2022 is a partial data file: only the figures it writes are compared, and no text.
    expect(d.old.partial).toBe(true);
    expect(d.note).toContain('2022 年度是部分数据文件');
    expect([...d.cells, ...d.values].map((c) => [c.label, c.old, c.new, c.delta, c.deltaPct ?? ''])).toEqual([
      ['公开01 收入 › 本年收入合计', '492.83', '292.90', '−199.93', '−40.57%'],
      ['公开01 支出 › 本年支出合计', '492.83', '292.90', '−199.93', '−40.57%'],
      ['公开06 301 工资福利支出', '842,070.00元', '86.52', '+2.313', '+2.75%'],
      ['公开06 302 商品和服务支出', '75.93', '8.29', '−67.64', '−89.08%'],
      ['公开06 303 对个人和家庭的补助', '17,227.90元', '6.56', '+4.83721', '+280.78%'],
      ['公开06 310 资本性支出', '330.97', '', '−330.97', '−100.00%'],
      ['机关运行经费 › 决算数', '406.90', '8.29', '−398.61', '−97.96%'],
    ]);
    expect(d.narrative).toEqual([]);
    expect(d.largest.map((c) => c.label)).toEqual(['公开06 310 资本性支出', '公开01 收入 › 本年收入合计', '公开01 支出 › 本年支出合计', '公开06 302 商品和服务支出', '公开06 303 对个人和家庭的补助', '公开06 301 工资福利支出']);
    const md = diffMarkdown([d]);
    expect(md.length).toBeLessThan(60000);
    expect(md).toContain('<summary><b>变动最大的项目</b>: 变动最大的 6 项</summary>');
  });
});

describe('juesuan new', () => {
  it('creates next year from this year, and check lists exactly what is left to fill', () => {
    const dir = copy();
    const root = join(dir, '..', '..', '..');
    const r = cli(['new', 'dept', '2024'], root);
    expect(r.status).toBe(0);
    const next = join(root, 'reports', 'dept', '2024');
    const vfile = compile(next);
    const problems = vfile.messages.filter((m) => m.fatal === true || m.fatal === false);
    expect(problems.length).toBeGreaterThan(20);
    // What is left to fill: the to-dos, the missing amounts (issue 13), the years left in the prose.
    expect(problems.every((m) => ['report/todo', 'report/missing-value', 'prose/year'].includes(m.ruleId ?? ''))).toBe(true);
    expect(problems.some((m) => m.ruleId === 'report/missing-value')).toBe(true);
    expect(problems.map((m) => m.reason)).toContain('待填写: 原因 › 收入变动');
    // 上年 comes from 2023 now: the blank 2024 report compares against its figures.
    expect(vfile.data.narration!.files.get('explanation.md')).toContain('本年收入合计0.00万元，比上年减少292.90万元，下降100.00%');
    const again = cli(['new', 'dept', '2024'], root);
    expect(again.status).toBe(2);
    expect(again.output).toContain('不会覆盖');
  });
});

