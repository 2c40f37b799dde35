// What an imported table makes of its data block: the desired YAML tree (fixed rows in the
// definition's order, classified rows as the sheet lists them), each value's text in the report's
// unit, and where in the workbook each value came from (JSON pointer → sheet!cell).
import type { VFile } from 'vfile';
import { WAN, type Unit } from '../amount/amount.js';
import { fixed } from '../amount/format.js';
import { parseAmount } from '../amount/parse.js';
import { diagnose } from '../diagnostics/message.js';
import { escapePointer } from '../parse/yaml-index.js';
import { rowKey, type SectionDef, type Template } from '../template/types.js';
import type { ImportedRow, ImportedTable, ImportedValue } from './context.js';
import type { Desired } from './yaml-edits.js';

/** Where each value of a block came from: JSON pointer → sheet!cell (rows: their label cell). */
export type Origins = Map<string, string>;

const MAX_DECIMALS: Record<Unit, number> = { 元: 2, 万元: 6 };

/**
 * An amount's text in the report's unit: the decimals the cell shows (a General number's padded to
 * the table's); a 元 value in a 万元 report to the 分 (6 decimals) unless the table's decimals hold it.
 */
export function amountText(v: ImportedValue, from: Unit, to: Unit, tableDecimals: number): { text: string } | { error: string } {
  if (v.value === null) return { text: '' };
  if (v.decimals > MAX_DECIMALS[from]) return { error: `有 ${v.decimals} 位小数,以${from}为单位最多 ${MAX_DECIMALS[from]} 位` };
  const shown = v.stated ? v.decimals : Math.max(tableDecimals, v.decimals);
  if (from === to) return { text: fixed(v.value, shown) };
  if (from === '元' && to === '万元') {
    const wan = v.value.div(WAN);
    return { text: fixed(wan, wan.decimalPlaces() <= tableDecimals ? tableDecimals : 6) };
  }
  // A 万元 sheet in a 元 report: kept in 万元, marked, so its 尾数 interval is not lost.
  return { text: `${fixed(v.value, shown)}万元` };
}

function countText(v: ImportedValue): string {
  return v.value === null ? '' : v.value.toString();
}

/** Two texts of one amount say the same (value and precision): then the written one is kept. */
export function sameAmount(unit: Unit): (a: string, b: string) => boolean {
  return (a, b) => {
    if (a.trim() === b.trim()) return true;
    const x = parseAmount(a, unit);
    const y = parseAmount(b, unit);
    if (!x.ok || !y.ok || !x.value || !y.value) return false;
    return x.value.yuan.eq(y.value.yuan) && x.value.halfWidth.eq(y.value.halfWidth);
  };
}

function leaf(text: string): Desired {
  return { kind: 'leaf', text: text === '' ? null : text };
}

/** The desired tree of a table's block and the origin of each value. */
export function desiredTable(vfile: VFile, template: Template, table: ImportedTable, reportUnit: Unit): { desired: Desired & { kind: 'map' }; origins: Origins } {
  const origins: Origins = new Map();
  const def = table.def;
  const multi = def.sections.length > 1;
  const decimals = def.decimals ?? 2;
  const sectionTree = (section: SectionDef, rows: ImportedRow[], base: string): Desired & { kind: 'map' } => {
    const cls = section.classification ? template.classifications.get(section.classification) : undefined;
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const order: { key: string; row: ImportedRow | undefined; count: boolean; na: string[] }[] = section.rows
      ? section.rows.filter((d) => !d.heading).flatMap((d) => {
          const key = rowKey(d, cls);
          return key ? [{ key, row: byKey.get(key), count: d.type === 'count', na: d.na ?? [] }] : [];
        })
      : rows.map((r) => ({ key: r.key, row: r, count: false, na: [] }));
    const single = section.columns.length === 1;
    const entries: [string, Desired][] = order.map(({ key, row, count, na }) => {
      const pointer = `${base}/${escapePointer(key)}`;
      if (row) origins.set(pointer, row.cell);
      const valueOf = (column: string): string => {
        const v = row?.cells.get(column);
        if (!v) return '';
        const p = single ? pointer : `${pointer}/${escapePointer(column)}`;
        origins.set(p, v.cell);
        if (count) return countText(v);
        const t = amountText(v, table.unit, reportUnit, decimals);
        if ('error' in t) {
          diagnose(vfile, { rule: 'amount/precision', reason: `${def.id}「${key}」: 「${v.value?.toString() ?? ''}」${t.error}`, file: table.sheet.file, cell: v.cell });
          return '';
        }
        return t.text;
      };
      if (single) return [key, leaf(valueOf(section.columns[0]!.key))];
      return [key, { kind: 'map', entries: section.columns.filter((c) => !na.includes(c.key)).map((c) => [c.key, leaf(valueOf(c.key))]) }];
    });
    return { kind: 'map', entries, prune: !section.rows };
  };
  if (!multi) return { desired: sectionTree(def.sections[0]!, table.sections[0]?.rows ?? [], ''), origins };
  const entries: [string, Desired][] = def.sections.map((s, i) => [s.key, sectionTree(s, table.sections[i]?.rows ?? [], `/${escapePointer(s.key)}`)]);
  return { desired: { kind: 'map', entries }, origins };
}
