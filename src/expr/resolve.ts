// Resolves a concrete path (no `*`, no variable) to a fact of the report: a table cell (table,
// section, row by key, code or name, column), a derived figure, or a value of a block (repeatable
// blocks by name, 绩效 indicators by 三级指标); and lists the keys a `*` stands for at a path.
import type { Block, ReportData } from '../data/read.js';
import type { RowData, SectionData } from '../data/tables.js';
import type { DataNode, Where } from '../data/tree.js';
import { exactZeros, factOf, type Fact, type FactKind } from './fact.js';
import { keyOf, pathOf, segments as splitPath } from './path.js';
import { DEFAULT_FIELDS, perfFields, type PerfFields } from '../perf/fields.js';

/** A row by its key, its code, or its printed name. */
export function findRow(section: SectionData, key: string): RowData | undefined {
  return section.byKey.get(key) ?? section.rows.find((r) => r.code === key || r.label === key);
}

/** The block of a kind (by name for repeatable kinds). */
export function blockOf(report: ReportData, kind: string, name?: string): Block | undefined {
  const blocks = report.byKind.get(kind);
  return name === undefined ? blocks?.[0] : blocks?.find((b) => b.name === name);
}

/** A "code name" key found by its code or its name alone (年初预算.201, 年初预算.一般公共服务支出). */
function byName(node: DataNode & { kind: 'map' }, key: string): [string, DataNode] | undefined {
  for (const [k, v] of node.entries) if (k.startsWith(`${key} `) || k.endsWith(` ${key}`)) return [k, v];
  return undefined;
}

/** Every indicator node of a 绩效 block, by its name (三级指标). */
export function indicators(root: DataNode | undefined, fields: Pick<PerfFields, 'indicators' | 'name'> = DEFAULT_FIELDS): Map<string, DataNode> {
  const out = new Map<string, DataNode>();
  const groups = root?.kind === 'map' ? root.entries.get(fields.indicators) : undefined;
  if (groups?.kind !== 'map') return out;
  for (const level2 of groups.entries.values()) {
    if (level2.kind !== 'map') continue;
    for (const list of level2.entries.values()) {
      if (list.kind !== 'list') continue;
      for (const item of list.items) {
        const name = item.kind === 'map' ? item.entries.get(fields.name) : undefined;
        if (name?.kind === 'text') out.set(name.text.trim(), item);
      }
    }
  }
  return out;
}

/** The key segment of a map entry: the code of a "code name" key, so keys survive a rename. */
function keySegment(entry: string): string {
  return /^(\d+)\s/u.exec(entry)?.[1] ?? entry;
}

function nodeFact(node: DataNode | undefined, fallback: Where | undefined, label: string, key: string, exactZero: boolean): Fact {
  const base = { where: node?.where, fallback, label, key };
  if (!node) return factOf(null, { ...base, kind: 'amount' });
  switch (node.kind) {
    case 'amount':
      return factOf(node.value, { ...base, kind: 'amount' }, exactZero);
    case 'count':
    case 'score':
      return factOf(node.value, { ...base, kind: node.kind });
    case 'text':
      return factOf(null, { ...base, text: node.text, kind: 'text' });
    case 'invalid':
      return factOf(null, { ...base, kind: 'invalid' });
    default:
      return factOf(null, { ...base, kind: 'text', node });
  }
}

function tableFact(report: ReportData, kind: string, rest: string[]): Fact | undefined {
  const table = report.tables.get(kind)!;
  const multi = table.def.sections.length > 1;
  const sectionKey = multi ? rest.shift() : table.def.sections[0]!.key;
  const section = sectionKey !== undefined ? table.sections.get(sectionKey) : undefined;
  const rowKey = rest.shift();
  if (!section || rowKey === undefined) return undefined;
  const columnKey = rest.shift() ?? (section.def.columns.length === 1 ? section.def.columns[0]!.key : undefined);
  if (!columnKey || !section.def.columns.some((c) => c.key === columnKey) || rest.length) return undefined;
  const row = findRow(section, rowKey);
  // A fixed-row table has only its rows; a classified one may lack a row another table has.
  if (!row && section.def.rows) return undefined;
  const label = `${kind} ${multi ? `${sectionKey} › ` : ''}${row?.key ?? rowKey}${section.def.columns.length > 1 ? ` › ${columnKey}` : ''}`;
  const block = blockOf(report, kind);
  const cell = row?.cells.get(columnKey);
  const factKind: FactKind = cell?.invalid ? 'invalid' : row?.def?.type === 'count' ? 'count' : 'amount';
  const key = keyOf([kind, section.def.key, row?.code ?? row?.key ?? rowKey, columnKey]);
  return factOf(cell?.value ?? null, { where: cell?.where, fallback: row?.where ?? block?.root.where, label, kind: factKind, key }, exactZeros(report.template, kind));
}

/**
 * Resolves a concrete path; undefined when its block is absent (already reported) or the path
 * names nothing the template defines.
 */
export function resolvePath(report: ReportData, path: readonly string[]): Fact | undefined {
  const [kind, ...rest] = path;
  if (!kind) return undefined;
  if (report.tables.has(kind)) return tableFact(report, kind, rest);
  const derived = report.derived.get(pathOf(path));
  if (derived) {
    const label = derived.label ?? path.join(' › ');
    const extra = derived.text !== undefined ? { text: derived.text } : {};
    const fact = factOf(derived.value, { ...extra, where: undefined, fallback: blockOf(report, kind)?.root.where, label, kind: derived.kind, key: keyOf(path), derived: true });
    return derived.interval && derived.value !== null ? { ...fact, interval: derived.interval } : fact;
  }
  const repeatable = report.template.manifest.blocks.repeatable?.[kind];
  const name = repeatable ? rest.shift() : undefined;
  const block = blockOf(report, kind, name);
  if (!block) return undefined;
  let node: DataNode | undefined = block.root;
  const labels: string[] = [kind, ...(name ? [name] : [])];
  const keys: string[] = [...labels];
  const fields = perfFields(report.template);
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i]!;
    labels.push(key);
    if (key === fields.indicators && i + 1 < rest.length && node === block.root) {
      const indicator = rest[i + 1]!;
      node = indicators(block.root, fields).get(indicator);
      labels.push(indicator);
      keys.push(key, indicator);
      i++;
      continue;
    }
    if (node?.kind === 'map') {
      const exact = node.entries.get(key);
      const found: [string, DataNode] | undefined = exact ? [key, exact] : byName(node, key);
      node = found?.[1];
      keys.push(keySegment(found?.[0] ?? key));
    } else {
      node = node?.kind === 'list' ? node.items[Number(key)] : undefined;
      keys.push(key);
    }
  }
  return nodeFact(node, block.root.where, labels.join(' › '), keyOf(keys), exactZeros(report.template));
}

/** Resolves a plain dotted reference (公开01.收入.本年收入合计). */
export function resolveRef(report: ReportData, ref: string): Fact | undefined {
  return resolvePath(report, splitPath(ref));
}

/** The keys a `*` after a concrete prefix stands for, in the written (or official) order. */
export function keysAt(report: ReportData, prefix: readonly string[]): string[] {
  const [kind, ...rest] = prefix;
  if (!kind) return [];
  const table = report.tables.get(kind);
  if (table) {
    const multi = table.def.sections.length > 1;
    if (multi && rest.length === 0) return [...table.sections.keys()];
    const section = table.sections.get(multi ? rest[0]! : table.def.sections[0]!.key);
    const after = rest.slice(multi ? 1 : 0);
    if (!section) return [];
    if (after.length === 0) return section.rows.map((r) => r.code ?? r.key);
    if (after.length === 1) return section.def.columns.map((c) => c.key);
    return [];
  }
  const repeatable = report.template.manifest.blocks.repeatable?.[kind];
  if (repeatable && rest.length === 0) return (report.byKind.get(kind) ?? []).map((b) => b.name ?? '');
  const out: string[] = [];
  const name = repeatable ? rest[0] : undefined;
  const block = blockOf(report, kind, name);
  const inner = rest.slice(repeatable ? 1 : 0);
  if (block) {
    const fields = perfFields(report.template);
    if (inner.length === 1 && inner[0] === fields.indicators) out.push(...indicators(block.root, fields).keys());
    else {
      let node: DataNode | undefined = block.root;
      for (const key of inner) node = node?.kind === 'map' ? (node.entries.get(key) ?? byName(node, key)?.[1]) : node?.kind === 'list' ? node.items[Number(key)] : undefined;
      if (node?.kind === 'map') out.push(...node.entries.keys());
      else if (node?.kind === 'list') out.push(...node.items.map((_n, i) => String(i)));
    }
  }
  // Derived figures under the prefix (项目绩效.等级计数.*).
  const head = pathOf(prefix) + '.';
  for (const path of report.derived.keys()) {
    if (!path.startsWith(head)) continue;
    const next = splitPath(path.slice(head.length))[0];
    if (next !== undefined && !out.includes(next)) out.push(next);
  }
  return out;
}
