// An official table in its printed layout, as a grid for the exported workbook — from the table's
// definition alone, as render/tables.ts lays it out in HTML: title, 表号, 编制单位 / 年度 / unit
// line, merged headers, 行次 and the 栏次 row, 科目编码 split into 类/款/项, the values (blank when
// empty, "——" where the official table prints it), and the notes under the table.
import { Decimal } from 'decimal.js';
import { WAN, type Amount } from '../amount/amount.js';
import { fixed } from '../amount/format.js';
import type { RowData, SectionData, TableData } from '../data/tables.js';
import type { ColumnDef, RowDef, SectionDef, TableDef } from '../template/types.js';
import { newGrid, put, span, type Grid, type GridCell } from './grid.js';

export interface ExportContext {
  department: string;
  year: number;
}

/** Optional fields of other templates' definitions (no 行次/栏次; which caption parts print; one code column). */
type TableExtras = TableDef & { showRowNumbers?: boolean; caption?: { number?: boolean; department?: boolean; year?: boolean; unit?: string } };
type SectionExtras = SectionDef & { codeColumns?: number };

const COLUMN_NUMBERS = '栏次';
const ROW_NUMBERS = '行次';

function labelOf(c: ColumnDef): string {
  return c.label ?? c.key;
}

/** A value cell: an amount in the table's unit to the decimals it holds (2 at least; 6 for a value exact to the 分). */
export function valueCell(value: Amount | Decimal | null | undefined, def: TableDef, row?: RowDef, column?: string): GridCell {
  if (row?.na && column && row.na.includes(column)) return { text: '——', style: 'na' };
  if (value === null || value === undefined) return { text: '', style: 'blank' };
  if (Decimal.isDecimal(value)) return { text: (value as Decimal).toString(), number: true, decimals: 0, style: 'count' };
  const amount = value as Amount;
  const min = def.decimals ?? 2;
  if (def.unit === '元') return { text: fixed(amount.yuan, Math.max(min, amount.unit === '元' ? amount.decimals : 0)), number: true, decimals: Math.max(min, amount.unit === '元' ? amount.decimals : 0), style: 'number' };
  const inTable = amount.yuan.div(WAN);
  // A value exact to the 分 (written in 元, or in 万元 to 6 decimals) keeps all 6 decimals, so it
  // reads back exact; a rounded one the decimals it was written with (2 in an official table), so
  // its 尾数 interval survives the round trip.
  const decimals = amount.halfWidth.isZero() ? 6 : amount.decimals;
  return { text: fixed(inTable, decimals), number: true, decimals, style: 'number' };
}

function caption(grid: Grid, def: TableExtras, ctx: ExportContext, width: number): number {
  const cap = def.caption ?? {};
  span(grid, 0, 0, 0, width - 1, { text: def.title, style: 'title' });
  let r = 1;
  if (cap.number !== false) {
    put(grid, r, width - 1, { text: (def as TableDef & { number?: string }).number ?? `${def.id}表`, style: 'metaRight' });
    r++;
  }
  const unit = cap.unit ?? (def.unit === '万元' || def.unit === '元' ? `金额单位：${def.unit}` : `单位：${def.unit}`);
  // The department line spans the left half (up to the year's column).
  if (cap.department !== false) span(grid, r, 0, r, Math.max(0, Math.min(Math.max(2, Math.floor(width / 2) - 1), width - 4)), { text: `编制单位：${ctx.department}`, style: 'meta' });
  if (cap.year !== false && width > 3) put(grid, r, Math.max(3, width - 3), { text: `${ctx.year}年度`, style: 'meta' });
  put(grid, r, width - 1, { text: unit, style: 'metaRight' });
  return r + 1;
}

function notes(grid: Grid, def: TableDef, ctx: ExportContext, row: number, width: number): void {
  (def.notes ?? []).forEach((n, i) => span(grid, row + i, 0, row + i, width - 1, { text: n.replace(/\{\{year\}\}/gu, String(ctx.year)), style: 'note' }));
}

/** The rows of a fixed section in official order (blank rows included) with the data's values. */
function fixedRows(section: SectionData): { def: RowDef; row: RowData | undefined }[] {
  return (section.def.rows ?? []).map((def) => ({ def, row: section.rows.find((r) => r.def === def) }));
}

function rowLabelOf(def: RowDef, row: RowData | undefined): string {
  return row?.label ?? def.label ?? def.key ?? '';
}

function ledger(table: TableData, ctx: ExportContext): Grid {
  const def = table.def as TableExtras;
  const numbers = def.showRowNumbers !== false;
  const sides = [...table.sections.values()];
  const widthOf = (s: SectionData) => 1 + (numbers ? 1 : 0) + s.def.columns.length;
  const width = sides.reduce((n, s) => n + widthOf(s), 0);
  const grid = newGrid(def.id, sides.flatMap((s) => [34, ...(numbers ? [6] : []), ...s.def.columns.map(() => 14)]), true);
  let r = caption(grid, def, ctx, width);
  let c = 0;
  const starts: number[] = [];
  for (const s of sides) {
    starts.push(c);
    span(grid, r, c, r, c + widthOf(s) - 1, { text: s.def.label ?? s.def.key, style: 'header' });
    put(grid, r + 1, c, { text: s.def.itemHeader ?? '项目', style: 'header' });
    if (numbers) put(grid, r + 1, c + 1, { text: ROW_NUMBERS, style: 'header' });
    s.def.columns.forEach((col, i) => put(grid, r + 1, c + (numbers ? 2 : 1) + i, { text: labelOf(col), style: 'header' }));
    if (numbers) {
      put(grid, r + 2, c, { text: COLUMN_NUMBERS, style: 'header' });
      put(grid, r + 2, c + 1, { text: '', style: 'header' });
      s.def.columns.forEach((col, i) => put(grid, r + 2, c + 2 + i, { text: String(col.栏次 ?? ''), style: 'header' }));
    }
    c += widthOf(s);
  }
  r += numbers ? 3 : 2;
  const lists = sides.map(fixedRows);
  const n = Math.max(...lists.map((l) => l.length));
  for (let i = 0; i < n; i++) {
    sides.forEach((s, k) => {
      const x = lists[k]![i];
      const c0 = starts[k]!;
      put(grid, r + i, c0, { text: x ? rowLabelOf(x.def, x.row) : '', style: x?.def.total ? 'labelTotal' : 'label' });
      if (numbers) put(grid, r + i, c0 + 1, x?.def.行次 !== undefined ? { text: String(x.def.行次), number: true, decimals: 0, style: 'count' } : { text: '', style: 'blank' });
      s.def.columns.forEach((col, j) => put(grid, r + i, c0 + (numbers ? 2 : 1) + j, x ? valueCell(x.row?.cells.get(col.key)?.value, def, x.def, col.key) : { text: '', style: 'blank' }));
    });
  }
  notes(grid, def, ctx, r + n, width);
  return grid;
}

function codeParts(code: string, digits: number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const d of digits) {
    out.push(code.length > at ? code.slice(at, d) : '');
    at = d;
  }
  return out;
}

function classified(table: TableData, ctx: ExportContext): Grid {
  const def = table.def as TableExtras;
  const section = [...table.sections.values()][0]!;
  const sdef = section.def as SectionExtras;
  const numbers = def.showRowNumbers !== false;
  const digits = section.classification?.digits ?? [3, 5, 7];
  const levels = section.classification?.levels ?? [];
  const split = (sdef.codeColumns ?? digits.length) > 1;
  const codeWidth = split ? digits.length : 1;
  const cols = sdef.columns;
  const width = codeWidth + 1 + cols.length;
  const grid = newGrid(def.id, [...Array.from({ length: codeWidth }, () => (split ? 7 : 12)), 34, ...cols.map(() => 14)], cols.length > 6);
  let r = caption(grid, def, ctx, width);
  const grouped = cols.some((c) => c.group);
  const depth = grouped ? 2 : 1;
  span(grid, r, 0, r + depth - 1, codeWidth - 1, { text: sdef.codeHeader ?? '科目编码', style: 'header' });
  span(grid, r, codeWidth, r + depth - 1, codeWidth, { text: sdef.itemHeader ?? '科目名称', style: 'header' });
  let c = codeWidth + 1;
  const seen = new Set<string>();
  for (const col of cols) {
    if (!col.group) span(grid, r, c, r + depth - 1, c, { text: labelOf(col), style: 'header' });
    else {
      if (!seen.has(col.group)) {
        seen.add(col.group);
        const n = cols.filter((x) => x.group === col.group).length;
        span(grid, r, c, r, c + n - 1, { text: col.group, style: 'header' });
      }
      put(grid, r + 1, c, { text: labelOf(col), style: 'header' });
    }
    c++;
  }
  r += depth;
  if (numbers || split) {
    for (let i = 0; i < codeWidth; i++) put(grid, r, i, { text: split ? (levels[i] ?? '') : '', style: 'header' });
    put(grid, r, codeWidth, { text: numbers ? COLUMN_NUMBERS : '', style: 'header' });
    cols.forEach((col, i) => put(grid, r, codeWidth + 1 + i, { text: numbers ? String(col.栏次 ?? '') : '', style: 'header' }));
    r++;
  }
  const rows = section.rows.length ? section.rows : [];
  rows.forEach((row, i) => {
    if (row.code) {
      const parts = split ? codeParts(row.code, digits) : [row.code];
      parts.forEach((p, k) => put(grid, r + i, k, { text: p, style: 'code' }));
      put(grid, r + i, codeWidth, { text: row.label, style: 'label' });
    } else {
      span(grid, r + i, 0, r + i, codeWidth - 1, { text: '', style: 'code' });
      put(grid, r + i, codeWidth, { text: row.label, style: 'labelTotal' });
    }
    cols.forEach((col, k) => put(grid, r + i, codeWidth + 1 + k, valueCell(row.cells.get(col.key)?.value, def, row.def, col.key)));
  });
  notes(grid, def, ctx, r + rows.length, width);
  return grid;
}

function panels(table: TableData, ctx: ExportContext): Grid {
  const def = table.def as TableExtras;
  const section = [...table.sections.values()][0]!;
  const column = section.def.columns[0]!;
  const panelDefs = def.panels ?? [];
  const width = 3 * panelDefs.length;
  const grid = newGrid(def.id, panelDefs.flatMap(() => [9, 30, 13]), true);
  let r = caption(grid, def, ctx, width);
  let c = 0;
  for (let i = 0; i < panelDefs.length; ) {
    let j = i;
    while (j + 1 < panelDefs.length && panelDefs[j + 1]!.label === panelDefs[i]!.label) j++;
    span(grid, r, c, r, c + 3 * (j - i + 1) - 1, { text: panelDefs[i]!.label, style: 'header' });
    c += 3 * (j - i + 1);
    i = j + 1;
  }
  panelDefs.forEach((_, p) => {
    put(grid, r + 1, 3 * p, { text: section.def.codeHeader ?? '科目编码', style: 'header' });
    put(grid, r + 1, 3 * p + 1, { text: section.def.itemHeader ?? '科目名称', style: 'header' });
    put(grid, r + 1, 3 * p + 2, { text: labelOf(column), style: 'header' });
  });
  r += 2;
  const lists = panelDefs.map((p) => section.rows.filter((row) => row.code && p.classes.includes(row.code.slice(0, 3))));
  const n = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < n; i++) {
    lists.forEach((list, p) => {
      const row = list[i];
      put(grid, r + i, 3 * p, { text: row?.code ?? '', style: 'code' });
      put(grid, r + i, 3 * p + 1, { text: row?.label ?? '', style: row?.code?.length === 3 ? 'labelTotal' : 'label' });
      put(grid, r + i, 3 * p + 2, row ? valueCell(row.cells.get(column.key)?.value, def, row.def, column.key) : { text: '', style: 'blank' });
    });
  }
  r += n;
  const totals = section.rows.filter((row) => !row.code);
  if (totals.length) {
    const [first, second] = totals;
    span(grid, r, 0, r, 1, { text: first?.label ?? '', style: 'labelTotal' });
    put(grid, r, 2, valueCell(first?.cells.get(column.key)?.value, def));
    if (second) {
      span(grid, r, 3, r, width - 2, { text: second.label, style: 'labelTotal' });
      put(grid, r, width - 1, valueCell(second.cells.get(column.key)?.value, def));
    }
    r++;
  }
  notes(grid, def, ctx, r, width);
  return grid;
}

function fixedTable(table: TableData, ctx: ExportContext): Grid {
  const def = table.def as TableExtras;
  const numbers = def.showRowNumbers !== false;
  const section = [...table.sections.values()][0]!;
  const cols = section.def.columns;
  const width = 1 + (numbers ? 1 : 0) + cols.length;
  const grid = newGrid(def.id, [40, ...(numbers ? [6] : []), ...cols.map(() => 14)]);
  let r = caption(grid, def, ctx, width);
  put(grid, r, 0, { text: section.def.itemHeader ?? '项目', style: 'header' });
  if (numbers) put(grid, r, 1, { text: COLUMN_NUMBERS, style: 'header' });
  cols.forEach((col, i) => put(grid, r, (numbers ? 2 : 1) + i, { text: labelOf(col), style: 'header' }));
  r++;
  if (numbers) {
    put(grid, r, 0, { text: ROW_NUMBERS, style: 'header' });
    put(grid, r, 1, { text: '', style: 'header' });
    cols.forEach((col, i) => put(grid, r, 2 + i, { text: String(col.栏次 ?? ''), style: 'header' }));
    r++;
  }
  const rows = fixedRows(section);
  rows.forEach(({ def: rowDef, row }, i) => {
    put(grid, r + i, 0, { text: rowLabelOf(rowDef, row), style: rowDef.total || rowDef.heading ? 'labelTotal' : 'label' });
    if (numbers) put(grid, r + i, 1, rowDef.行次 !== undefined ? { text: String(rowDef.行次), number: true, decimals: 0, style: 'count' } : { text: '', style: 'blank' });
    cols.forEach((col, k) => put(grid, r + i, (numbers ? 2 : 1) + k, rowDef.heading ? { text: '', style: 'blank' } : valueCell(row?.cells.get(col.key)?.value, def, rowDef, col.key)));
  });
  notes(grid, def, ctx, r + rows.length, width);
  return grid;
}

/** One official table as a sheet grid in its printed layout. */
export function tableGrid(table: TableData, ctx: ExportContext): Grid {
  switch (table.def.layout) {
    case 'ledger':
      return ledger(table, ctx);
    case 'classified':
      return classified(table, ctx);
    case 'panels':
      return panels(table, ctx);
    default:
      return fixedTable(table, ctx);
  }
}
