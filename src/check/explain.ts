// `check --explain <file:line>`: the relations a value written on that line takes part in — each
// rule, what it says, the value's role (合计 or 组成项), every other fact with its value and place,
// and whether it holds — read from vfile.data.relations.
import type { VFile } from 'vfile';
import { startOf } from '../diagnostics/message.js';
import { fileOfFact, placeOfFact, type Fact } from '../expr/fact.js';
import { midpoint } from '../expr/interval.js';
import { holds } from './blame.js';
import { factsOfRelation, show, type Relation } from './relations.js';

function lineOf(f: Fact): number | undefined {
  return startOf(f.where?.place)?.line;
}

function sameFile(path: string, wanted: string): boolean {
  return path === wanted || path.endsWith(`/${wanted}`) || wanted.endsWith(`/${path}`);
}

function valueOf(f: Fact): string {
  if (f.value === null) return '空';
  const amount = f.kind === 'amount';
  return `${show(midpoint(f.interval), amount)}${amount ? '万元' : ''}`;
}

function at(f: Fact): string {
  const start = startOf(placeOfFact(f));
  return `${fileOfFact(f)}${start ? `:${start.line}:${start.column}` : ''}`;
}

function roleOf(r: Relation, key: string): string {
  if (r.kind === 'le') return r.left.some((f) => f.key === key) ? '较小的一边' : '较大的一边';
  if (r.kind === 'equal') return '相等的一方';
  return r.total.key === key ? '合计' : '组成项';
}

/** The lines of the explanation of the values written on `file:line` (undefined: no value there). */
export function explain(vfile: VFile, file: string, line: number): string[] | undefined {
  const relations = vfile.data.relations ?? [];
  const facts = new Map<string, Fact>();
  for (const r of relations)
    for (const { fact } of factsOfRelation(r))
      if (fact.key && !fact.derived && lineOf(fact) === line && sameFile(fileOfFact(fact), file)) facts.set(fact.key, fact);
  if (facts.size === 0) return undefined;
  const out: string[] = [];
  for (const [key, fact] of facts) {
    const mine = relations.filter((r) => factsOfRelation(r).some((p) => p.fact.key === key));
    out.push(`${at(fact)}  ${fact.label} = ${valueOf(fact)}  (${key}),参与 ${mine.length} 条规则:`);
    mine.forEach((r, i) => {
      out.push(`  ${i + 1}. ${r.rule}  ${r.description}  — 此数为${roleOf(r, key)},${holds(r) ? '成立' : '不成立'}`);
      for (const { fact: other, weight } of factsOfRelation(r)) {
        if (other.key === key) continue;
        const sign = r.kind === 'le' ? (weight.isPositive() ? '较小一边' : '较大一边') : r.kind === 'equal' ? '=' : other === r.total ? '合计' : weight.isNegative() ? '+' : '−';
        out.push(`       ${sign} ${other.label} = ${valueOf(other)}  ${at(other)}`);
      }
    });
  }
  return out;
}
