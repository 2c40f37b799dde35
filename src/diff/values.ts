// The changed values of two reports: facts aligned by key, compared by their exact values (an
// amount written in 元 changes at the 分, not at the 万元 it rounds to), each change with its Δ and
// Δ% where it is a number, and the changed words where it is a text.
import { Decimal } from 'decimal.js';
import { WAN } from '../amount/amount.js';
import { exact, group } from '../amount/format.js';
import { percent } from '../narrate/phrases.js';
import { shown, type Fact, type FactKind } from './facts.js';
import { markWords } from './text-diff.js';

export interface ValueChange {
  key: string;
  label: string;
  block: string;
  table?: string;
  /** The row's classification code, for a cell of a classified row. */
  code?: string;
  kind: FactKind;
  /** added: empty or absent before; removed: empty or absent after. */
  op: 'changed' | 'added' | 'removed';
  old: string;
  new: string;
  /** new − old: 万元 for amounts (元, suffixed, when both sides are written in 元), units otherwise. */
  delta?: string;
  /** Δ ÷ |old| in %, when old is a non-zero number. */
  deltaPct?: string;
  /** A text value: the new text with removed words as [-x-] and added words as {+x+}. */
  marked?: string;
  signFlip: boolean;
  /** |Δ| (in 元 for amounts), for ordering; 0 for texts. */
  magnitude: Decimal;
  /** Where the new (or, for a removal, the old) value is written: `file:line:column`. */
  place?: string;
  /** A consequence (a total of changed parts): the keys of the root changes it follows from. */
  follows?: string[];
}

const ZERO = new Decimal(0);

function placeOf(f: Fact | undefined): string | undefined {
  const start = f?.where?.place.start;
  return f?.where && start ? `${f.where.file.path}:${start.line}:${start.column}` : undefined;
}

function signed(d: Decimal, text: string): string {
  return `${d.isNegative() ? '−' : '+'}${text}`;
}

/** The change of one fact, or undefined when its value is the same. */
export function valueChange(a: Fact | undefined, b: Fact | undefined): ValueChange | undefined {
  const f = (b ?? a)!;
  const before = shown(a);
  const after = shown(b);
  const numeric = f.kind !== 'text' && a?.text === undefined && b?.text === undefined;
  const x = a?.value ?? null;
  const y = b?.value ?? null;
  // An empty cell of a number is zero to every rule and every reader: 0 → (空) changes nothing.
  const same = numeric ? (x ?? ZERO).eq(y ?? ZERO) : before === after;
  if (same) return undefined;
  const op = before === '' ? 'added' : after === '' ? 'removed' : 'changed';
  const place = placeOf(b?.where ? b : a);
  const base = { key: f.key, label: f.label, block: f.block, ...(f.table ? { table: f.table } : {}), ...(f.code ? { code: f.code } : {}), kind: f.kind, op, old: before, new: after, ...(place ? { place } : {}) } as const;
  if (!numeric) {
    return { ...base, ...(op === 'changed' ? { marked: markWords(before, after).marked } : {}), signFlip: false, magnitude: ZERO };
  }
  const from = x ?? ZERO;
  const to = y ?? ZERO;
  const d = to.minus(from);
  const units = [a, b].filter((s) => s?.value !== null && s?.value !== undefined).map((s) => s!.unit);
  const inYuan = f.kind === 'amount' && units.length > 0 && units.every((u) => u === '元');
  const deltaText = f.kind !== 'amount' ? exact(d.abs()) : inYuan ? `${group(exact(d.abs(), 2))}元` : group(exact(d.abs().div(WAN), 2));
  return {
    ...base,
    delta: signed(d, deltaText),
    ...(from.isZero() ? {} : { deltaPct: `${signed(d, percent(d.abs().div(from.abs()).times(100)))}%` }),
    signFlip: (from.isPositive() && to.isNegative()) || (from.isNegative() && to.isPositive()),
    magnitude: d.abs(),
  };
}

/** The changed values of two fact lists, in the new report's order (removed ones after). */
export function valueChanges(before: Fact[], after: Fact[]): ValueChange[] {
  const byKey = new Map(before.map((f) => [f.key, f]));
  const seen = new Set<string>();
  const out: ValueChange[] = [];
  for (const b of after) {
    seen.add(b.key);
    const c = valueChange(byKey.get(b.key), b);
    if (c) out.push(c);
  }
  for (const a of before) {
    if (seen.has(a.key)) continue;
    const c = valueChange(a, undefined);
    if (c) out.push(c);
  }
  return out;
}
