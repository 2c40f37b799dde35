// The `check/likely-change` diagnostic: pinned on the cell that most likely changed, it says in one
// run what fixing it takes either way — its corrected value, or every total that must follow it (in
// order, by how much) and the relations a person must still decide — and notes it on the errors it explains.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { diagnose, startOf, type Diagnostic } from '../diagnostics/message.js';
import { fileOfFact, placeOfFact, type Fact } from '../expr/fact.js';
import { likelyChanges, type LikelyChange } from './blame.js';
import { show, type Relation } from './relations.js';

declare module 'vfile' {
  interface DataMap {
    /** The cells that most likely changed, with the totals that follow them (read by `juesuan fix`). */
    likelyChanges: LikelyChange[];
  }
}

/** `file:line:column` of a fact. */
export function whereOf(f: Fact): string {
  const start = startOf(placeOfFact(f));
  return `${fileOfFact(f)}${start ? `:${start.line}:${start.column}` : ''}`;
}

function valueText(f: Fact, d: Decimal): string {
  const amount = f.kind === 'amount';
  return `${show(d, amount)}${amount ? '万元' : ''}`;
}

function signed(f: Fact, d: Decimal): string {
  return `${d.isNegative() ? '−' : '+'}${valueText(f, d.abs())}`;
}

/** A difference as a person reads it: amounts to the 分 of 万元 (0.01万元), others to 4 decimals. */
function shown(f: Fact, d: Decimal): Decimal {
  const step = new Decimal(f.kind === 'amount' ? 100 : '0.0001');
  return d.div(step).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(step);
}

/** The fact a relation's message is placed at. */
function anchorOf(r: Relation): Fact {
  return r.kind === 'le' ? r.left[0]! : r.total;
}

/** The notes of one likely change: both ways of fixing it. */
function notesOf(c: LikelyChange): string[] {
  const f = c.fact;
  const notes = [`若此数有误: 改为 ${valueText(f, c.corrected)},这 ${c.explained.length} 条规则即全部成立`];
  if (c.moves.length) {
    notes.push(`若此数无误: 须随之改动的合计 ${c.moves.length} 处(依次;juesuan fix 先显示再改写):`);
    c.moves.forEach((m, i) => notes.push(`  ${i + 1}. ${m.fact.label}  ${valueText(m.fact, m.before)} → ${valueText(m.fact, m.after)}(${signed(m.fact, m.delta)})  ${whereOf(m.fact)}`));
  }
  if (c.open.length) {
    notes.push(`改动之后仍不成立、须选定改哪一项的规则 ${c.open.length} 条:`);
    for (const { relation, residual } of c.open) notes.push(`  · ${relation.description}(差 ${valueText(anchorOf(relation), shown(anchorOf(relation), residual.abs()))})  ${relation.rule}  ${whereOf(anchorOf(relation))}`);
  }
  return notes;
}

/**
 * Finds the likely changes among the failing relations and reports each as a warning at the cell
 * (the errors themselves stay where they are, each noting the cell that explains it).
 */
export function reportLikelyChanges(vfile: VFile, relations: readonly Relation[], messagesOf: ReadonlyMap<Relation, Diagnostic[]>): void {
  const changes = likelyChanges(relations);
  vfile.data.likelyChanges = changes;
  for (const c of changes) {
    const f = c.fact;
    const rules = [...new Set(c.explained.map((r) => r.rule))].join('、');
    diagnose(vfile, {
      rule: 'check/likely-change',
      severity: 'warning',
      reason: `最可能改动的是 ${f.label}(现为 ${f.value === null ? '空' : valueText(f, c.value)}):改正这一处即可使 ${c.explained.length} 条不成立的规则(${rules})成立`,
      file: fileOfFact(f),
      place: placeOfFact(f),
      notes: notesOf(c),
    });
    for (const r of c.explained) {
      for (const m of messagesOf.get(r) ?? []) m.notes = [...(m.notes ?? []), `最可能改动的是 ${f.label}(${whereOf(f)}),见 check/likely-change`];
    }
  }
}
