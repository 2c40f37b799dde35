// The expression language of template packs (src/expr): parsing with places for messages, and
// evaluation over the seed report — sums and differences carry 尾数 exactly, ratio and growth give
// the value as held with the interval their operands allow, prior() reads the previous year.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../src/data/read.js';
import { evaluate, parseExpr, terms, test as holds, type Expr, type Problem, type Scope } from '../src/expr/index.js';
import { compile, copyReport, edit, remove, SEED_REPORT, summarize } from './helpers/report.js';

function expr(source: string): Expr {
  const result = parseExpr(source);
  if (!result.ok) throw new Error(`${source}: ${result.error.message}`);
  return result.parsed.expr;
}

function error(source: string) {
  const result = parseExpr(source);
  if (result.ok) throw new Error(`${source} parsed`);
  return result.error;
}

describe('parsing', () => {
  it('keeps parentheses of a path segment apart from a call', () => {
    const e = expr('sum(公开09.因公出国(境)费.决算数, 公开09.公务接待费.决算数)');
    expect(e.type).toBe('call');
    if (e.type !== 'call') return;
    expect(e.args.map((a) => (a.type === 'ref' ? a.text : ''))).toEqual(['公开09.因公出国(境)费.决算数', '公开09.公务接待费.决算数']);
    expect(e.end).toBe(e.args[1]!.end + 1);
  });

  it('reads quoted segments, wildcards, variables and pieces', () => {
    const e = expr('项目绩效.[赣服通5.0版九江市县分厅建设经费].资金.执行数');
    expect(e.type === 'ref' && e.segments.length).toBe(4);
    const star = expr('项目绩效.*.资金.执行数');
    expect(star.type === 'ref' && star.segments[1]).toEqual({ kind: 'star' });
    const v = expr('公开04.收入.年初结转-{资金}');
    expect(v.type === 'ref' && v.segments[2]).toEqual({ kind: 'name', pieces: ['年初结转-', { var: '资金' }] });
    expect(expr('公开03.{类}.本年支出合计').type).toBe('ref');
    expect(expr('count(项目绩效.*.等级, "优")').type).toBe('call');
    expect(expr('  公开01.支出.201 一般公共服务支出 ')).toMatchObject({ type: 'ref', text: '公开01.支出.201 一般公共服务支出' });
  });

  it('reports a malformed expression with its offset, in Chinese', () => {
    expect(error('sum(公开01.收入.本年收入合计')).toEqual({ message: '函数 sum( 缺少右括号「)」', offset: 18 });
    expect(error('summ(a, b)').message).toContain('未知的函数「summ」');
    expect(error('ratio(a)')).toEqual({ message: '函数 ratio 需要 2 个参数,此处有 1 个', offset: 0 });
    expect(error('公开01..本年收入合计')).toEqual({ message: '路径中有空的一段', offset: 5 });
    expect(error('公开01.收入.本年*')).toMatchObject({ offset: 8 });
    expect(error('sum(a, b])').message).toBe('路径中不应有「]」');
    expect(error('sum("a" b)').message).toBe('函数 sum 的参数之间应为逗号,此处为「b」');
    expect(error('').message).toBe('表达式为空');
    expect(error('公开09.因公出国(境费.决算数').message).toContain('括号没有闭合');
  });
});

describe('evaluation over the seed', () => {
  let report: ReportData;
  let prior: ReportData;
  const problems: Problem[] = [];
  const scope = (): Scope => ({ report, prior, onProblem: (p) => problems.push(p) });
  const of = (source: string) => evaluate(scope(), expr(source))!;
  const wan = (d: Decimal) => d.div(10000).toString();

  beforeAll(() => {
    report = compile(SEED_REPORT).data.report!;
    prior = compile(join(SEED_REPORT, '..', '2022')).data.report!;
  }, 60_000);

  it('resolves a cell with its interval, label, place and stable key', () => {
    const f = of('公开05.2010504.项目支出');
    expect(f.kind).toBe('amount');
    expect(wan(f.interval.lo)).toBe('166.445');
    expect(wan(f.interval.hi)).toBe('166.455');
    expect(f.label).toBe('公开05 2010504 信息事务 › 项目支出');
    expect(f.key).toBe('公开05/科目/2010504/项目支出');
    expect(f.where?.file.path).toMatch(/tables\.md$/u);
    expect(of('公开09.因公出国(境)费.决算数').key).toBe('公开09/项目/因公出国(境)费/决算数');
  });

  it('sums carry the half-widths: 公开03 基本支出 + 项目支出 = 292.90 ± 0.01', () => {
    const f = of('sum(公开03.合计.基本支出, 公开03.合计.项目支出)');
    expect(wan((f.value as { yuan: Decimal }).yuan)).toBe('292.9');
    expect(wan(f.interval.lo)).toBe('292.89');
    expect(wan(f.interval.hi)).toBe('292.91');
    const d = of('minus(公开03.合计.本年支出合计, 公开03.合计.项目支出)');
    expect(wan((d.value as { yuan: Decimal }).yuan)).toBe('101.37');
    expect(wan(d.interval.lo)).toBe('101.36');
    expect(wan(d.interval.hi)).toBe('101.38');
    const parts = terms(scope(), expr('minus(公开03.合计.本年支出合计, 公开03.合计.项目支出)'))!;
    expect(parts.map((t) => t.weight.toString())).toEqual(['1', '-1']);
  });

  it('expands * over repeatable blocks: the projects spend 公开03 项目支出', () => {
    const f = of('sum(项目绩效.*.资金.执行数)');
    expect(wan((f.value as { yuan: Decimal }).yuan)).toBe('191.533651');
    expect(of('count(项目绩效.*)').value!.toString()).toBe(String(report.byKind.get('项目绩效')!.length));
    expect(of('count(项目绩效.*.等级, "优")').value!.toString()).toBe(of('项目绩效.等级计数.优').value!.toString());
  });

  it('ratio: the value as held, the interval from the operands (公开01 一般公共预算 share = 100%)', () => {
    const f = of('ratio(公开03.合计.项目支出, 公开03.合计.本年支出合计)');
    expect(f.kind).toBe('percent');
    expect((f.value as Decimal).toDecimalPlaces(4).toString()).toBe('65.3909');
    // 191.53 ± 0.005 over 292.90 ± 0.005
    expect(f.interval.lo.toDecimalPlaces(4).toString()).toBe('65.3881');
    expect(f.interval.hi.toDecimalPlaces(4).toString()).toBe('65.3937');
    const empty = of('ratio(公开01.收入.事业收入, 公开01.收入.经营收入)');
    expect(empty.value).toBeNull();
  });

  it('growth with prior(): 对个人和家庭的补助 +280.78% against 17,227.90元 of 2022', () => {
    const f = of('growth(公开06.303, prior(公开06.303))');
    expect((f.value as Decimal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()).toBe('280.78');
    expect(f.interval.lo.lte(new Decimal('280.78')) && f.interval.hi.gte(new Decimal('280.78'))).toBe(true);
    expect(f.interval.lo.toDecimalPlaces(3).toString()).toBe('280.487');
    expect(f.interval.hi.toDecimalPlaces(3).toString()).toBe('281.068');
    // Without the previous report, prior() reads the 上年 figures the pack maps it to.
    const alone = evaluate({ report: prior }, expr('公开06.303'))!;
    expect(wan((alone.value as { yuan: Decimal }).yuan)).toBe('1.72279');
  });

  it('conditions: the seed has no 政府性基金 money', () => {
    expect(holds(scope(), expr('zero(公开04.收入.政府性基金预算财政拨款, 公开04.支出.本年支出合计.政府性基金预算财政拨款)'))).toBe(true);
    expect(holds(scope(), expr('nonzero(公开04.收入.一般公共预算财政拨款)'))).toBe(true);
    expect(holds(scope(), expr('all(empty(公开07.*.*), not(empty(公开01.收入.总计)))'))).toBe(true);
    expect(holds(scope(), expr('any(empty(公开01.收入.总计), nonzero(公开08.*.*))'))).toBe(false);
  });

  it('a reference that names nothing is a problem, not an exception', () => {
    problems.length = 0;
    expect(evaluate(scope(), expr('公开01.收入.不存在的行'))).toBeUndefined();
    expect(problems).toMatchObject([{ kind: 'unknown-reference', path: '公开01.收入.不存在的行' }]);
  });
});

describe('a malformed rule in the pack', () => {
  let dir = '';
  afterAll(() => remove(dir));
  it('is template/invalid at its place in rules.yaml, and the other rules still run', () => {
    dir = copyReport();
    const rules = join(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023');
    const line = readFileSync(join(rules, 'rules.yaml'), 'utf8').split('\n').indexOf('    left: 公开01.收入.本年收入合计') + 1;
    edit(rules, 'rules.yaml', 'left: 公开01.收入.本年收入合计\n', 'left: sum(公开01.收入.本年收入合计\n');
    edit(join(dir), 'tables.md', '  本年收入合计: 292.90\n  使用非财政拨款结余:', '  本年收入合计: 293.90\n  使用非财政拨款结余:');
    const found = summarize(compile(dir), dir);
    // The place of the missing ")": after the 18 characters of `sum(公开01.收入.本年收入合计`.
    expect(found).toContain(`template/invalid templates/jiangxi-county-2023/rules.yaml:${line}:29`);
    // cross/01-02-income-total is the broken rule; the row sums still see the change.
    expect(found.some((l) => l.startsWith('cross/01-02-income-total'))).toBe(false);
    expect(found.some((l) => l.startsWith('balance/row-sum tables.md'))).toBe(true);
  });
});
