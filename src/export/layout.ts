// An official table in its printed layout, as a grid for the exported workbook — from the table's
// definition alone, as render/tables.ts lays it out in HTML: title, 表号, 编制单位 / 年度 / unit
// line (as `caption` says), merged headers (headerGroup), 行次 and the 栏次 row (unless
// showRowNumbers: false), 科目编码 split into 类/款/项 or in one column (codeColumns), a transposed
// table (transpose), the values (blank when empty, "——" where the table prints it, zeroText), notes.
import { Decimal } from 'decimal.js';
import { WAN, type Amount } from '../amount/amount.js';
import { fixed } from '../amount/format.js';
import type { RowData, SectionData, TableData } from '../data/tables.js';
import { rowKey, rowLabel, type ColumnDef, type RowDef, type TableDef } from '../template/types.js';
import type { LayoutRow, LayoutSection, LayoutTable } from '../import/definition.js';
import type { TablePrint } from '../template/print.js';
import { newGrid, put, span, type Grid, type GridCell } from './grid.js';

export interface ExportContext {
  department: string;
  year: number;
  /** How the template prints its tables (print.tables: caption, unit texts, 行次/栏次 labels). */
  print: TablePrint;
}

type TableExtras = LayoutTable;
type SectionExtras = LayoutSection;

/** The 行次/栏次 labels a table prints, or none. */
function lanciOf(def: TableDef, ctx: ExportContext): { row: string; column: string } | undefined {
  return (def as TableExtras).showRowNumbers === false ? undefined : ctx.print.lanci;
}

function labelOf(c: ColumnDef): string {
  return c.label ?? c.key;
}

/** A value cell: an amount in the table's unit to the decimals it holds (2 at least; 6 for a value exact to the 分). */
export function valueCell(value: Amount | Decimal | null | undefined, def: TableDef, row?: RowDef, column?: string): GridCell {
  if (row?.na && column && row.na.includes(column)) return { text: '——', style: 'na' };
  if (value === null || value === undefined) return { text: '', style: 'blank' };
  if (Decimal.isDecimal(value)) return { text: (value as Decimal).toString(), number: true, decimals: 0, style: 'count' };
  const amount = value as Amount;
  // A zero prints as the table's zeroText (Shanghai's 0) when it reads back as the same figure.
  const zero = (def as TableExtras).zeroText;
  if (zero !== undefined && amount.yuan.isZero() && (amount.halfWidth.isZero() || amount.decimals === 0) && /^0(?:\.0+)?$/u.test(zero)) {
    const decimals = zero.split('.')[1]?.length ?? 0;
    return { text: fixed(new Decimal(0), decimals), number: true, decimals, style: 'number' };
  }
  const min = def.decimals ?? 2;
  if (def.unit === '元') return { text: fixed(amount.yuan, Math.max(min, amount.unit === '元' ? amount.decimals : 0)), number: true, decimals: Math.max(min, amount.unit === '元' ? amount.decimals : 0), style: 'number' };
  const inTable = amount.yuan.div(WAN);
  // A value exact to the 分 (written in 元, or in 万元 to 6 decimals) keeps all 6 decimals, so it
  // reads back exact; a rounded one the decimals it was written with (2 in an official table), so
  // its 尾数 interval survives the round trip.
  const decimals = amount.halfWidth.isZero() ? 6 : amount.decimals;
  return { text: fixed(inTable, decimals), number: true, decimals, style: 'number' };
}

/** Fills {{部门}} {{年度}} {{表号}} {{单位}} of a caption text. */
function fillCaption(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/gu, (m, key: string) => values[key] ?? m);
}

/** The title, and the line above the table as the pack writes it (print.tables caption, unit). */
function caption(grid: Grid, def: TableExtras, ctx: ExportContext, width: number): number {
  span(grid, 0, 0, 0, width - 1, { text: def.title, style: 'title' });
  const shows = def.caption ?? {};
  const units = ctx.print.unit ?? {};
  const unit = shows.unit ?? units[def.unit] ?? units['*'] ?? def.unit;
  const values = { 部门: ctx.department, 年度: String(ctx.year), 表号: shows.number === false ? '' : (def.number ?? ''), 单位: def.unit };
  const line = ctx.print.caption ?? { right: '{{表号}} {{单位}}' };
  // A part naming the 部门 or the 年度 is left out when the table does not show it.
  const hidden = (t: string) => (shows.department === false && t.includes('{{部门}}')) || (shows.year === false && t.includes('{{年度}}'));
  const part = (t: string | undefined) => (t && !hidden(t) ? fillCaption(t, { ...values, 单位: fillCaption(unit, values) }).trim() : '');
  const [left, center, right] = [part(line.left), part(line.center), part(line.right)];
  // The left part spans the left half (up to the centre's column).
  const middle = Math.max(1, Math.floor(width / 2));
  if (left) span(grid, 1, 0, 1, Math.max(0, Math.min(middle - 1, width - 2)), { text: left, style: 'meta' });
  if (center && width > 2) put(grid, 1, Math.min(middle, width - 2), { text: center, style: 'meta' });
  if (right) put(grid, 1, width - 1, { text: right, style: 'metaRight' });
  return 2;
}

/** The notes under a table, and its emptyNote when it holds no value. */
function notes(grid: Grid, def: TableDef, ctx: ExportContext, row: number, width: number, table?: TableData): void {
  const lines = [...(def.notes ?? [])];
  const empty = (def as TableExtras).emptyNote;
  // Empty: every cell blank or zero, as the printed table counts it.
  const hasValue = table && [...table.sections.values()].some((s) => s.rows.some((r) => [...r.cells.values()].some((c) => c.value !== null && (Decimal.isDecimal(c.value) || !(c.value as Amount).yuan.isZero()))));
  if (empty && table && !hasValue) lines.push(empty);
  const fill = (n: string) => n.replace(/\{\{year\}\}/gu, String(ctx.year)).replace(/\{\{(?:department|部门)\}\}/gu, ctx.department);
  lines.forEach((n, i) => span(grid, row + i, 0, row + i, width - 1, { text: fill(n), style: 'note' }));
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
  const lanci = lanciOf(def, ctx);
  const numbers = lanci !== undefined;
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
    put(grid, r + 1, c, { text: s.def.itemHeader ?? ctx.print.itemRow ?? '', style: 'header' });
    if (numbers) put(grid, r + 1, c + 1, { text: lanci!.row, style: 'header' });
    s.def.columns.forEach((col, i) => put(grid, r + 1, c + (numbers ? 2 : 1) + i, { text: labelOf(col), style: 'header' }));
    if (numbers) {
      put(grid, r + 2, c, { text: lanci!.column, style: 'header' });
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
  notes(grid, def, ctx, r + n, width, table);
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
  const lanci = lanciOf(def, ctx);
  const numbers = lanci !== undefined;
  const digits = section.classification?.digits ?? [3, 5, 7];
  const levels = section.classification?.levels ?? [];
  const split = (sdef.codeColumns ?? digits.length) > 1;
  const codeWidth = split ? digits.length : 1;
  const cols = sdef.columns;
  const width = codeWidth + 1 + cols.length;
  const grid = newGrid(def.id, [...Array.from({ length: codeWidth }, () => (split ? 7 : 12)), 34, ...cols.map(() => 14)], cols.length > 6);
  let r = caption(grid, def, ctx, width);
  const grouped = cols.some((c) => c.group);
  // headerGroup (项目) spans the code and name headers, in a row of its own.
  const top = sdef.headerGroup ? 1 : 0;
  const depth = grouped || sdef.headerGroup ? 2 : 1;
  if (sdef.headerGroup) span(grid, r, 0, r, codeWidth, { text: sdef.headerGroup, style: 'header' });
  span(grid, r + top, 0, r + depth - 1, codeWidth - 1, { text: sdef.codeHeader ?? '', style: 'header' });
  span(grid, r + top, codeWidth, r + depth - 1, codeWidth, { text: sdef.itemHeader ?? '', style: 'header' });
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
    put(grid, r, codeWidth, { text: lanci?.column ?? '', style: 'header' });
    cols.forEach((col, i) => put(grid, r, codeWidth + 1 + i, { text: numbers ? String(col.栏次 ?? '') : '', style: 'header' }));
    r++;
  }
  // The total row first, or at the foot (total.position: bottom).
  const bottom = sdef.total?.position === 'bottom';
  const totals = section.rows.filter((x) => !x.code);
  const coded = section.rows.filter((x) => x.code);
  const rows = bottom ? [...coded, ...totals] : [...totals, ...coded];
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
  notes(grid, def, ctx, r + rows.length, width, table);
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
  for (let i = 0; def.showPanelLabels !== false && i < panelDefs.length; ) {
    let j = i;
    while (j + 1 < panelDefs.length && panelDefs[j + 1]!.label === panelDefs[i]!.label) j++;
    span(grid, r, c, r, c + 3 * (j - i + 1) - 1, { text: panelDefs[i]!.label, style: 'header' });
    c += 3 * (j - i + 1);
    i = j + 1;
  }
  if (def.showPanelLabels === false) r--;
  panelDefs.forEach((_, p) => {
    put(grid, r + 1, 3 * p, { text: section.def.codeHeader ?? '', style: 'header' });
    put(grid, r + 1, 3 * p + 1, { text: section.def.itemHeader ?? '', style: 'header' });
    put(grid, r + 1, 3 * p + 2, { text: column.label ?? ctx.print.panelAmount ?? column.key, style: 'header' });
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
  notes(grid, def, ctx, r, width, table);
  return grid;
}

function fixedTable(table: TableData, ctx: ExportContext): Grid {
  const def = table.def as TableExtras;
  const lanci = lanciOf(def, ctx);
  const numbers = lanci !== undefined;
  const section = [...table.sections.values()][0]!;
  const cols = section.def.columns;
  const width = 1 + (numbers ? 1 : 0) + cols.length;
  const grid = newGrid(def.id, [40, ...(numbers ? [6] : []), ...cols.map(() => 14)]);
  let r = caption(grid, def, ctx, width);
  put(grid, r, 0, { text: section.def.itemHeader ?? ctx.print.itemRow ?? '', style: 'header' });
  if (numbers) put(grid, r, 1, { text: lanci!.column, style: 'header' });
  cols.forEach((col, i) => put(grid, r, (numbers ? 2 : 1) + i, { text: labelOf(col), style: 'header' }));
  r++;
  if (numbers) {
    put(grid, r, 0, { text: lanci!.row, style: 'header' });
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
  notes(grid, def, ctx, r + rows.length, width, table);
  return grid;
}

/**
 * A transposed table (`transpose`): its header over everything, each row a group of columns (under
 * its `group`'s header when it has one), the columns beneath, and one row of values.
 */
function transposed(table: TableData, ctx: ExportContext): Grid {
  const def = table.def as TableExtras;
  const section = [...table.sections.values()][0]!;
  const cols = section.def.columns;
  const rows = ((section.def.rows ?? []) as LayoutRow[]).filter((x) => rowKey(x, section.classification) && !x.heading);
  const width = rows.length * cols.length;
  const grid = newGrid(def.id, Array.from({ length: width }, () => 10), width > 8);
  let r = caption(grid, def, ctx, width);
  if (def.transpose?.header) {
    span(grid, r, 0, r, width - 1, { text: def.transpose.header, style: 'header' });
    r++;
  }
  const groups = rows.some((x) => x.group);
  rows.forEach((row, i) => {
    const c = i * cols.length;
    const label = { text: rowLabel(row, section.classification), style: 'header' as const };
    if (!groups) span(grid, r, c, r, c + cols.length - 1, label);
    else if (!row.group) span(grid, r, c, r + 1, c + cols.length - 1, label);
    else {
      if (rows[i - 1]?.group !== row.group) {
        const n = rows.slice(i).findIndex((x) => x.group !== row.group);
        span(grid, r, c, r, c + (n < 0 ? rows.length - i : n) * cols.length - 1, { text: row.group, style: 'header' });
      }
      span(grid, r + 1, c, r + 1, c + cols.length - 1, label);
    }
    cols.forEach((col, k) => put(grid, r + (groups ? 2 : 1), c + k, { text: labelOf(col), style: 'header' }));
    const data = section.rows.find((x) => x.def === row);
    cols.forEach((col, k) => put(grid, r + (groups ? 3 : 2), c + k, valueCell(data?.cells.get(col.key)?.value, def, row, col.key)));
  });
  r += groups ? 4 : 3;
  notes(grid, def, ctx, r, width, table);
  return grid;
}

/** One official table as a sheet grid in its printed layout. */
export function tableGrid(table: TableData, ctx: ExportContext): Grid {
  if ((table.def as TableExtras).transpose) return transposed(table, ctx);
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
