// A report as a flat list of facts for comparing, read generically: every cell of every official
// table through its definition (keyed as the relations key it: table/section/row code/column — so rows align
// by code across years) and every leaf of every other data block's typed tree (keyed by its path;
// a repeatable block by its name, an item of a list by its first text field when that is unique).
import { Decimal } from 'decimal.js';
import { WAN, type Amount, type Unit } from '../amount/amount.js';
import { exact, group } from '../amount/format.js';
import type { ReportData } from '../data/read.js';
import type { DataNode, Where } from '../data/tree.js';
import { keyOf } from '../expr/path.js';

export type FactKind = 'amount' | 'count' | 'score' | 'text';

export interface Fact {
  key: string;
  /** Where it belongs, for people: 公开03 201 一般公共服务支出 › 基本支出, 资产 › 非流动资产. */
  label: string;
  /** The data block kind (a table's id for its cells). */
  block: string;
  /** The name of a repeatable block (项目绩效 by its 项目名称): its facts' keys start with `kind › name`. */
  blockName?: string;
  /** Set for the cells of an official table. */
  table?: string;
  code?: string;
  name?: string;
  kind: FactKind;
  /** The value (in 元 for amounts), or null when empty or text. */
  value: Decimal | null;
  /** The unit an amount was written in. */
  unit?: Unit;
  text?: string;
  where?: Where;
}

function isAmount(v: Amount | Decimal | null): v is Amount {
  return v !== null && !Decimal.isDecimal(v);
}

/** The key of each item of a list: its first text field when every item has a distinct one. */
function itemKeys(items: DataNode[]): string[] {
  const names = items.map((item) => {
    if (item.kind !== 'map') return undefined;
    const first = [...item.entries.values()][0];
    return first?.kind === 'text' && first.text.trim() ? first.text.trim() : undefined;
  });
  const distinct = names.every((n) => n !== undefined) && new Set(names).size === names.length;
  return items.map((_, i) => (distinct ? names[i]! : String(i + 1)));
}

function leaves(node: DataNode, path: string[], block: { kind: string; name?: string }, out: Fact[]): void {
  if (node.kind === 'map') {
    for (const [k, v] of node.entries) leaves(v, [...path, k], block, out);
    return;
  }
  if (node.kind === 'list') {
    const keys = itemKeys(node.items);
    node.items.forEach((item, i) => leaves(item, [...path, keys[i]!], block, out));
    return;
  }
  const key = path.join(' › ');
  const base = { key, label: key, block: block.kind, ...(block.name ? { blockName: block.name } : {}), where: node.where };
  if (node.kind === 'amount') out.push({ ...base, kind: 'amount', value: node.value?.yuan ?? null, ...(node.value ? { unit: node.value.unit } : {}) });
  else if (node.kind === 'count' || node.kind === 'score') out.push({ ...base, kind: node.kind, value: node.value });
  else out.push({ ...base, kind: 'text', value: null, text: node.text.replace(/\s+/gu, ' ').trim() });
}

/** Every fact of a report, in print order. */
export function factsOf(report: ReportData): Fact[] {
  const out: Fact[] = [];
  for (const block of report.blocks) {
    const table = report.tables.get(block.kind);
    if (!table) {
      leaves(block.root, [block.kind, ...(block.name ? [block.name] : [])], block, out);
      continue;
    }
    const id = block.kind;
    const multi = table.def.sections.length > 1;
    for (const [sectionKey, section] of table.sections) {
      const single = section.def.columns.length === 1;
      for (const row of section.rows) {
        for (const [column, cell] of row.cells) {
          const value = cell.value;
          out.push({
            // The relations' key of a cell (table/section/row code or key/column), so the two meet.
            key: keyOf([id, section.def.key, row.code ?? row.key, column]),
            label: `${id} ${multi ? `${sectionKey} › ` : ''}${row.key}${single ? '' : ` › ${column}`}`,
            block: id,
            table: id,
            ...(row.code ? { code: row.code, name: row.label } : {}),
            kind: isAmount(value) || (value === null && row.def?.type !== 'count') ? 'amount' : 'count',
            value: isAmount(value) ? value.yuan : value,
            ...(isAmount(value) ? { unit: value.unit } : {}),
            ...(cell.where ? { where: cell.where } : {}),
          });
        }
      }
    }
  }
  return out;
}

/** A value as written: amounts in 万元 (2 decimals at least) or, when written in 元, in 元, digits grouped; counts and scores as numbers. */
export function shown(f: Fact | undefined): string {
  if (!f) return '';
  if (f.text !== undefined) return f.text;
  if (f.value === null) return '';
  if (f.kind !== 'amount') return exact(f.value);
  return f.unit === '元' ? `${group(exact(f.value, 2))}元` : group(exact(f.value.div(WAN), 2));
}

export interface RenamedBlock {
  kind: string;
  oldName: string;
  newName: string;
}

/** The facts of the repeatable blocks, by `kind › name`. */
function named(facts: Fact[]): Map<string, Fact[]> {
  const out = new Map<string, Fact[]>();
  for (const f of facts) if (f.blockName !== undefined) out.set(`${f.block} › ${f.blockName}`, [...(out.get(`${f.block} › ${f.blockName}`) ?? []), f]);
  return out;
}

/**
 * A repeatable block whose name changed: a block of the old report missing from the new one and a
 * new one of the same kind that holds at least half of its values unchanged. Returns the renames
 * and the old facts keyed as the new block's, so its values compare one by one.
 */
export function renamedBlocks(before: Fact[], after: Fact[]): { renamed: RenamedBlock[]; before: Fact[] } {
  const a = named(before);
  const b = named(after);
  const gone = [...a.keys()].filter((k) => !b.has(k));
  const added = [...b.keys()].filter((k) => !a.has(k));
  const renamed: RenamedBlock[] = [];
  const remap = new Map<string, string>();
  for (const old of gone) {
    const facts = a.get(old)!;
    const values = new Map(facts.map((f) => [f.key.slice(old.length), shown(f)]));
    let best: { key: string; same: number } | undefined;
    for (const candidate of added) {
      if (remap.has(candidate) || b.get(candidate)![0]!.block !== facts[0]!.block) continue;
      const same = b.get(candidate)!.filter((f) => values.get(f.key.slice(candidate.length)) === shown(f)).length;
      if (!best || same > best.same) best = { key: candidate, same };
    }
    if (!best || best.same * 2 < facts.length) continue;
    remap.set(best.key, old);
    renamed.push({ kind: facts[0]!.block, oldName: facts[0]!.blockName!, newName: b.get(best.key)![0]!.blockName! });
  }
  const prefixes = new Map([...remap].map(([now, old]) => [old, now]));
  const moved = before.map((f) => {
    const old = f.blockName !== undefined ? `${f.block} › ${f.blockName}` : undefined;
    const now = old ? prefixes.get(old) : undefined;
    return now ? { ...f, key: now + f.key.slice(old!.length), label: now + f.label.slice(old!.length) } : f;
  });
  return { renamed, before: moved };
}
