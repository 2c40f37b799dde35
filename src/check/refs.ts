// References to facts of a report, as the template's rules write them:
// `公开01.收入.本年收入合计`, `公开03.201.本年支出合计` (a row by its code),
// `项目绩效.[赣服通5.0版九江市县分厅建设经费].资金.执行数`, `部门整体绩效.指标.[项目完成率(%)].分值`.
import type { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { Block, ReportData } from '../data/read.js';
import type { RowData, SectionData } from '../data/tables.js';
import type { DataNode, Where } from '../data/tree.js';
import { pathOf } from '../data/derived.js';

export interface Fact {
  /** An Amount, a count or score (Decimal), or null for an empty cell. */
  value: Amount | Decimal | null;
  /** The text of a text value. */
  text?: string;
  where: Where | undefined;
  /** Where to point when the fact was not written (the block, or the row). */
  fallback: Where | undefined;
  /** A readable name: 公开01 收入 › 本年收入合计. */
  label: string;
  /** `invalid`: the value could not be read (already reported), so no rule uses it. */
  kind: 'amount' | 'count' | 'score' | 'text' | 'invalid';
}

/** Splits a reference into segments; `[…]` quotes a segment holding dots. */
export function segments(ref: string): string[] {
  const out: string[] = [];
  for (const m of ref.matchAll(/\[([^\]]*)\]|([^.[\]]+)/gu)) out.push(m[1] ?? m[2]!);
  return out;
}

/** A row by its key, its code, or its printed name. */
export function findRow(section: SectionData, key: string): RowData | undefined {
  return section.byKey.get(key) ?? section.rows.find((r) => r.code === key || r.label === key);
}

/** A "code name" key found by its code or its name alone (年初预算.201, 年初预算.一般公共服务支出). */
function byName(node: DataNode & { kind: 'map' }, key: string): DataNode | undefined {
  for (const [k, v] of node.entries) if (k.startsWith(`${key} `) || k.endsWith(` ${key}`)) return v;
  return undefined;
}

/** Every indicator node of a 绩效 block, by its 三级指标 name. */
export function indicators(root: DataNode | undefined): Map<string, DataNode> {
  const out = new Map<string, DataNode>();
  const groups = root?.kind === 'map' ? root.entries.get('指标') : undefined;
  if (groups?.kind !== 'map') return out;
  for (const level2 of groups.entries.values()) {
    if (level2.kind !== 'map') continue;
    for (const list of level2.entries.values()) {
      if (list.kind !== 'list') continue;
      for (const item of list.items) {
        const name = item.kind === 'map' ? item.entries.get('三级指标') : undefined;
        if (name?.kind === 'text') out.set(name.text.trim(), item);
      }
    }
  }
  return out;
}

function nodeFact(node: DataNode | undefined, fallback: Where | undefined, label: string): Fact {
  if (!node) return { value: null, where: undefined, fallback, label, kind: 'amount' };
  switch (node.kind) {
    case 'amount':
      return { value: node.value, where: node.where, fallback, label, kind: 'amount' };
    case 'count':
    case 'score':
      return { value: node.value, where: node.where, fallback, label, kind: node.kind };
    case 'text':
      return { value: null, text: node.text, where: node.where, fallback, label, kind: 'text' };
    case 'invalid':
      return { value: null, where: node.where, fallback, label, kind: 'invalid' };
    default:
      return { value: null, where: node.where, fallback, label, kind: 'text' };
  }
}

/** The block of a kind (by name for repeatable kinds). */
export function blockOf(report: ReportData, kind: string, name?: string): Block | undefined {
  const blocks = report.byKind.get(kind);
  return name === undefined ? blocks?.[0] : blocks?.find((b) => b.name === name);
}

/**
 * Resolves a reference; undefined when its block is absent (already reported) or the reference
 * names nothing the template defines.
 */
export function resolve(report: ReportData, ref: string): Fact | undefined {
  const [kind, ...rest] = segments(ref);
  if (!kind) return undefined;
  const table = report.tables.get(kind);
  if (table) {
    const multi = table.def.sections.length > 1;
    const sectionKey = multi ? rest.shift() : table.def.sections[0]!.key;
    const section = sectionKey !== undefined ? table.sections.get(sectionKey) : undefined;
    const rowKey = rest.shift();
    if (!section || rowKey === undefined) return undefined;
    const columnKey = rest.shift() ?? (section.def.columns.length === 1 ? section.def.columns[0]!.key : undefined);
    if (!columnKey || !section.def.columns.some((c) => c.key === columnKey)) return undefined;
    const row = findRow(section, rowKey);
    const label = `${kind} ${multi ? `${sectionKey} › ` : ''}${row?.key ?? rowKey}${section.def.columns.length > 1 ? ` › ${columnKey}` : ''}`;
    const block = blockOf(report, kind);
    const cell = row?.cells.get(columnKey);
    const kindOf = cell?.invalid ? 'invalid' : row?.def?.type === 'count' ? 'count' : 'amount';
    return { value: cell?.value ?? null, where: cell?.where, fallback: row?.where ?? block?.root.where, label, kind: kindOf };
  }
  const derived = report.derived.get(pathOf([kind, ...rest]));
  if (derived) {
    const label = [kind, ...rest].join(' › ');
    return { value: derived.value, ...(derived.text !== undefined ? { text: derived.text } : {}), where: undefined, fallback: blockOf(report, kind)?.root.where, label, kind: derived.kind };
  }
  const repeatable = report.template.manifest.blocks.repeatable?.[kind];
  const name = repeatable ? rest.shift() : undefined;
  const block = blockOf(report, kind, name);
  if (!block) return undefined;
  let node: DataNode | undefined = block.root;
  const path: string[] = [kind, ...(name ? [name] : [])];
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i]!;
    path.push(key);
    if (key === '指标' && i + 1 < rest.length && node === block.root) {
      const indicator = indicators(block.root).get(rest[i + 1]!);
      path.push(rest[i + 1]!);
      i++;
      node = indicator;
      continue;
    }
    node = node?.kind === 'map' ? (node.entries.get(key) ?? byName(node, key)) : node?.kind === 'list' ? node.items[Number(key)] : undefined;
  }
  return nodeFact(node, block.root.where, path.join(' › '));
}
