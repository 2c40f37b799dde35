// Root changes and the changes that follow from them, read from the relations the checker
// collects (vfile.data.relations: every sum and equality of the tables, the rules and 绩效): a
// changed value is a consequence when a relation fixes it from changed values already explained
// (a total of changed parts, the same figure in another table); the others are root changes.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import type { Relation } from '../check/relations.js';
import type { Fact as RelationFact } from '../expr/fact.js';
import type { Fact } from './facts.js';
import type { ValueChange } from './values.js';

const ZERO = new Decimal(0);

function whereKey(where: { file: { path: string }; place: { start: { offset?: number | undefined } } } | undefined): string | undefined {
  return where && where.place.start.offset !== undefined ? `${where.file.path}@${where.place.start.offset}` : undefined;
}

function valueOf(f: RelationFact): Decimal | string {
  if (f.text !== undefined) return f.text;
  const v = f.value;
  if (v === null) return ZERO;
  return Decimal.isDecimal(v) ? (v as Decimal) : (v as { yuan: Decimal }).yuan;
}

function same(x: Decimal | string | undefined, y: Decimal | string | undefined): boolean {
  const a = x ?? ZERO;
  const b = y ?? ZERO;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.eq(b);
}

/** The members of a sum or an equality: its total first. */
function members(r: Relation): RelationFact[] {
  return r.kind === 'le' ? [] : [r.total, ...r.parts.map((p) => p.fact)];
}

/**
 * For each changed value that follows from others, the keys of the root changes it follows from.
 * `before` and `after` are the facts the changes were computed from (their places name the
 * relations' facts); relations are those of both reports. A side that is a partial data file
 * knows only what it writes: a relation with a member it does not write fixes nothing.
 */
export function consequences(
  before: VFile,
  after: VFile,
  beforeFacts: Fact[],
  afterFacts: Fact[],
  changes: ValueChange[],
  partial: { old: boolean; new: boolean } = { old: false, new: false },
): Map<string, string[]> {
  const byWhere = new Map<string, string>();
  for (const f of [...beforeFacts, ...afterFacts]) {
    const w = whereKey(f.where);
    if (w) byWhere.set(w, f.key);
  }
  const known = new Set([...beforeFacts, ...afterFacts].map((f) => f.key));
  // A relation's fact as a node: the diff's key when it is a value the diff lists, else its own key.
  const node = (f: RelationFact): string | undefined => {
    const w = whereKey(f.where);
    if (w && byWhere.has(w)) return byWhere.get(w);
    if (f.key && known.has(f.key)) return f.key;
    return f.key ? `relation:${f.key}` : undefined;
  };
  const changed = new Set(changes.map((c) => c.key));
  // Facts the diff does not list (derived figures, values not written) changed when their values differ.
  const values = new Map<string, { old?: Decimal | string; new?: Decimal | string }>();
  for (const [side, vfile] of [['old', before], ['new', after]] as const) {
    for (const r of vfile.data.relations ?? []) {
      for (const f of members(r)) {
        const n = node(f);
        if (n?.startsWith('relation:')) values.set(n, { ...values.get(n), [side]: valueOf(f) });
      }
    }
  }
  for (const [n, v] of values) if (!same(v.old, v.new)) changed.add(n);

  // A member known on one side only (a partial data file's unwritten cell, a relation one year has)
  // may have changed or not: a relation with such a member fixes nothing.
  // A partial data file knows only the values it writes.
  const keys = (facts: Fact[], part: boolean) => new Set(facts.filter((f) => !part || f.where).map((f) => f.key));
  const oldKeys = keys(beforeFacts, partial.old);
  const newKeys = keys(afterFacts, partial.new);
  const unknown = (n: string | undefined): boolean => {
    if (n === undefined || changed.has(n)) return false;
    if (n.startsWith('relation:')) {
      const v = values.get(n);
      return !v || !('old' in v) || !('new' in v);
    }
    return !(oldKeys.has(n) && newKeys.has(n));
  };

  // The relations with at least two changed members and none unknown, each once.
  const relations: { nodes: string[]; total: string; sum: boolean }[] = [];
  const seen = new Set<string>();
  for (const vfile of [after, before]) {
    for (const r of vfile.data.relations ?? []) {
      const all = members(r).map(node);
      if (all.some(unknown)) continue;
      const nodes = [...new Set(all.filter((n): n is string => n !== undefined && changed.has(n)))];
      if (nodes.length < 2) continue;
      const signature = `${r.kind}|${[...nodes].sort().join('|')}`;
      if (seen.has(signature)) continue;
      seen.add(signature);
      relations.push({ nodes, total: node((r as { total: RelationFact }).total) ?? '', sum: r.kind === 'sum' && r.parts.length > 1 });
    }
  }
  const byNode = new Map<string, number[]>();
  relations.forEach((r, i) => r.nodes.forEach((n) => byNode.set(n, [...(byNode.get(n) ?? []), i])));

  const roots = new Map<string, Set<string>>();
  const open = relations.map((r) => r.nodes.length);
  const explain = (n: string, from: Set<string>) => {
    const queue: [string, Set<string>][] = [[n, from]];
    while (queue.length) {
      const [m, causes] = queue.shift()!;
      if (roots.has(m)) continue;
      roots.set(m, causes);
      for (const i of byNode.get(m) ?? []) {
        if (--open[i]! !== 1) continue;
        // One member left: the relation fixes it from the others.
        const rest = relations[i]!.nodes.find((x) => !roots.has(x))!;
        const by = new Set(relations[i]!.nodes.filter((x) => x !== rest).flatMap((x) => [...roots.get(x)!]));
        queue.push([rest, by]);
      }
    }
  };
  // Root candidates: values that are no sum's total first (the cells typed in), the most detailed
  // first (the longest classification code: a 项 before its 类; then the most sums above them),
  // then in print order.
  const sums = relations.filter((r) => r.sum);
  const totals = new Set(sums.map((r) => r.total));
  const above = new Map<string, number>();
  const height = (n: string, path: Set<string>): number => {
    if (above.has(n)) return above.get(n)!;
    if (path.has(n)) return 0;
    path.add(n);
    const h = Math.max(0, ...sums.filter((r) => r.total !== n && r.nodes.includes(n)).map((r) => 1 + height(r.total, path)));
    path.delete(n);
    above.set(n, h);
    return h;
  };
  const listed = changes.map((c) => c.key);
  const order = new Map(listed.map((k, i) => [k, i]));
  const rank = (k: string) => (totals.has(k) ? 1 : 0);
  const codes = new Map(changes.map((c) => [c.key, c.code?.length ?? 0]));
  const candidates = [...listed].sort((x, y) => rank(x) - rank(y) || codes.get(y)! - codes.get(x)! || height(y, new Set()) - height(x, new Set()) || order.get(x)! - order.get(y)!);
  for (const key of candidates) if (!roots.has(key)) explain(key, new Set([key]));
  const out = new Map<string, string[]>();
  for (const key of listed) {
    const causes = roots.get(key);
    if (causes && !(causes.size === 1 && causes.has(key))) out.set(key, [...causes]);
  }
  return out;
}
