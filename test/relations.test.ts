// Relations as data: every sum, equality and ≤ the checker evaluates is on vfile.data.relations,
// each fact with its stable key and place — what diff and check read to tell a changed cell from
// the totals that follow it.
import { describe, expect, it } from 'vitest';
import { factsOfRelation, type Relation } from '../src/check/relations.js';
import { compile, SEED_REPORT } from './helpers/report.js';

const relations = (): Relation[] => compile(SEED_REPORT).data.relations!;

describe('relations of the seed', () => {
  const all = relations();
  const withKey = (key: string) => all.filter((r) => factsOfRelation(r).some((p) => p.fact.key === key));

  it('collects the table, template and 绩效 relations, every fact keyed', () => {
    const rules = new Set(all.map((r) => r.rule));
    for (const id of ['balance/row-sum', 'balance/column-sum', 'hierarchy/sum', 'balance/within', 'cross/01-03-class', 'cross/03-05-subset', 'perf/project-total', 'perf/cost-actual']) expect(rules, id).toContain(id);
    for (const r of all) for (const p of factsOfRelation(r)) expect(p.fact.key, `${r.rule} ${p.fact.label}`).toMatch(/\S/u);
  });

  it('names every relation a 公开05 项目支出 cell takes part in', () => {
    const found = withKey('公开05/科目/2010504/项目支出').map((r) => `${r.rule} ${r.kind}`);
    expect(found.sort()).toEqual(['balance/column-sum sum', 'cross/03-05-subset le', 'hierarchy/sum sum'].sort());
    const column = withKey('公开05/科目/2010504/项目支出').find((r) => r.rule === 'balance/column-sum')!;
    expect(column.kind === 'sum' && column.total.key).toBe('公开05/科目/2010504/本年支出合计');
    const up = withKey('公开05/科目/2010504/项目支出').find((r) => r.rule === 'hierarchy/sum')!;
    expect(up.kind === 'sum' && [up.total.key, up.parts.map((p) => p.fact.key)]).toEqual(['公开05/科目/20105/项目支出', ['公开05/科目/2010504/项目支出']]);
  });

  it('keeps the weights of a balance: 年初 + 收入 = 支出 + 年末', () => {
    const carry = all.find((r) => r.rule === 'balance/04-fund-carryover')!;
    expect(carry.kind).toBe('sum');
    if (carry.kind !== 'sum') return;
    expect(carry.total.key).toBe('公开04/收入/年初结转-一般公共预算财政拨款/决算数');
    expect(carry.parts.map((p) => `${p.weight} ${p.fact.key}`)).toEqual([
      '1 公开04/支出/本年支出合计/一般公共预算财政拨款',
      '1 公开04/支出/年末财政拨款结转和结余/一般公共预算财政拨款',
      '-1 公开04/收入/一般公共预算财政拨款/决算数',
    ]);
  });

  it('keys the facts of blocks by kind, name and path', () => {
    const project = all.find((r) => r.rule === 'perf/project-total')!;
    expect(project.kind === 'sum' && project.total.key).toMatch(/^项目绩效\/[^/]+\/资金\/执行数$/u);
    const initial = all.find((r) => r.rule === 'cross/initial-budget')!;
    expect(initial.kind === 'sum' && initial.total.key).toBe('年初预算/201');
  });
});
