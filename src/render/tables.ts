// The official 公开 tables as HTML, from their declarative definitions and the template's print
// settings: the caption line (部门 · 年度 · 表号 · 单位), multi-level headers (项目 row, code
// columns, column groups, 行次/栏次 when the template prints them), the layouts (two-sided ledger,
// classified 类/款/项 rows, 经济分类 panels, fixed rows, fixed rows transposed into column groups),
// blank vs 0.00 vs "——" as in the official tables, column widths fitted or defined, and the notes.
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import { wan } from '../narrate/phrases.js';
import { group } from '../amount/format.js';
import type { RowData, SectionData, TableData } from '../data/tables.js';
import type { TablePrint } from '../template/print.js';
import type { ColumnDef, RowDef, SectionDef, TableDef } from '../template/types.js';
import { cell, el, text } from './html.js';
import { fit, need, type ColumnNeed } from './fit.js';

export interface TableContext {
  department: string;
  year: number;
  /** The template's print settings of the 公开 tables. */
  print: TablePrint;
  /** The heading that names the table in the 目录: the table's title is printed as it. */
  heading?: { id: string; level: number };
}

/** How a table prints its amounts: a zero as `zeroText` (the table's), thousands separators (the template's). */
export interface CellFormat {
  zeroText?: string;
  grouping?: boolean;
}

/** The cell format of a table in a template. */
export function formatOf(table: TableDef, print: TablePrint): CellFormat {
  return { zeroText: table.zeroText, grouping: print.grouping === true };
}

/**
 * A cell's printed value: blank when empty, 2-decimal 万元 for amounts (a zero as the table's
 * zeroText, if any; grouped by thousands when the template prints them so), whole numbers for counts.
 */
export function printed(row: RowData | undefined, column: ColumnDef, def?: RowDef, format: CellFormat = {}): { html: string; numeric: boolean } {
  if (def?.na?.includes(column.key)) return { html: '——', numeric: false };
  const value = row?.cells.get(column.key)?.value ?? null;
  if (value === null) return { html: '', numeric: true };
  if (Decimal.isDecimal(value)) return { html: (value as Decimal).toString(), numeric: true };
  const yuan = (value as Amount).yuan;
  if (format.zeroText !== undefined && yuan.isZero()) return { html: format.zeroText, numeric: true };
  return { html: format.grouping ? group(wan(yuan)) : wan(yuan), numeric: true };
}

/** The cell printer of a table (its format applied). */
function amountCellOf(format: CellFormat): (row: RowData | undefined, column: ColumnDef, def?: RowDef) => string {
  return (row, column, def) => {
    const p = printed(row, column, def, format);
    return cell('td', p.html, { class: p.numeric ? 'num' : 'na' });
  };
}

/** Fills {{部门}} {{年度}} {{表号}} {{单位}} of a caption text. */
function fillCaption(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/gu, (m, key: string) => values[key] ?? m);
}

/** The line above a table, as the template writes it. */
function caption(def: TableDef, ctx: TableContext): string {
  const unitTexts = ctx.print.unit ?? {};
  const shows = def.caption ?? {};
  const unit = shows.unit ?? unitTexts[def.unit] ?? unitTexts['*'] ?? def.unit;
  const values = { 部门: ctx.department, 年度: String(ctx.year), 表号: shows.number === false ? '' : (def.number ?? ''), 单位: def.unit };
  const line = ctx.print.caption ?? { right: '{{表号}} {{单位}}' };
  // A part naming the 部门 or the 年度 is left out when the table does not show it.
  const hidden = (t: string) => (shows.department === false && t.includes('{{部门}}')) || (shows.year === false && t.includes('{{年度}}'));
  const part = (cls: string, t: string | undefined) => el('span', { class: cls }, text(t && !hidden(t) ? fillCaption(t, { ...values, 单位: fillCaption(unit, values) }).trim() : ''));
  const title = ctx.heading ? el(`h${ctx.heading.level}`, { id: ctx.heading.id, class: 'table-title' }, text(def.title)) : el('div', { class: 'table-title' }, text(def.title));
  return el('div', { class: 'table-head' }, title, el('div', { class: 'table-meta' }, part('left', line.left), part('center', line.center), part('right', line.right)));
}

function notes(table: TableData, ctx: TableContext): string {
  const def = table.def;
  const out = (def.notes ?? []).map((n) => el('p', { class: 'table-note' }, text(n.replace(/\{\{year\}\}/gu, String(ctx.year)))));
  const empty = [...table.sections.values()].every((s) => s.rows.every((r) => [...r.cells.values()].every((c) => c.value === null || (!Decimal.isDecimal(c.value) && (c.value as Amount).yuan.isZero()))));
  if (def.emptyNote && empty) out.push(el('p', { class: 'table-note empty-note' }, text(def.emptyNote.replace(/\{\{\s*(部门|department)\s*\}\}/gu, ctx.department))));
  return out.join('');
}

function colgroup(widths: number[]): string {
  return el('colgroup', undefined, ...widths.map((w) => el('col', { style: `width:${w}%` })));
}

/** The width (em of the table font) a table shares out: the definition's, or by layout. */
function emTotal(def: TableDef): number {
  return def.print?.em ?? (def.layout === 'panels' ? 100 : def.layout === 'ledger' ? 62 : 58);
}

/** A need, or the definition's width for that column. */
function sized(def: TableDef, key: string, n: ColumnNeed): ColumnNeed {
  const fixed = def.print?.widths?.[key];
  return fixed === undefined ? n : { ...n, fixed };
}

function lanciOf(def: TableDef, ctx: TableContext): { row: string; column: string } | undefined {
  return def.showRowNumbers === false ? undefined : ctx.print.lanci;
}

/** The rows of a fixed section in official order, blank rows included, with the data's values. */
function fixedRows(section: SectionData): { def: RowDef; row: RowData | undefined; label: string }[] {
  return (section.def.rows ?? [])
    .filter((def) => !def.heading || def.key)
    .map((def) => {
      const row = section.rows.find((r) => r.def === def);
      return { def, row, label: row?.label ?? def.label ?? '' };
    });
}

function header(label: string, a?: Record<string, string | number | undefined>): string {
  return cell('th', label, { scope: a?.colspan && Number(a.colspan) > 1 ? 'colgroup' : 'col', ...a });
}

function ledger(table: TableData, ctx: TableContext): string {
  const def = table.def;
  const format = formatOf(def, ctx.print);
  const amountCell = amountCellOf(format);
  const [left, right] = [...table.sections.values()] as [SectionData, SectionData];
  const lanci = lanciOf(def, ctx);
  const lrows = fixedRows(left);
  const rrows = fixedRows(right);
  const n = Math.max(lrows.length, rrows.length);
  const lc = left.def.columns;
  const rc = right.def.columns;
  const line = lanci ? 1 : 0;
  const head =
    el('tr', undefined, header(left.def.label ?? left.def.key, { colspan: 1 + line + lc.length }), header(right.def.label ?? right.def.key, { colspan: 1 + line + rc.length })) +
    el(
      'tr',
      undefined,
      header(left.def.itemHeader ?? ''),
      ...(lanci ? [header(lanci.row)] : []),
      ...lc.map((c) => header(c.label ?? c.key)),
      header(right.def.itemHeader ?? ''),
      ...(lanci ? [header(lanci.row)] : []),
      ...rc.map((c) => header(c.label ?? c.key)),
    ) +
    (lanci
      ? el('tr', { class: 'lanci' }, header(lanci.column), header(''), ...lc.map((c) => header(String(c.栏次 ?? ''))), header(lanci.column), header(''), ...rc.map((c) => header(String(c.栏次 ?? ''))))
      : '');
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = lrows[i];
    const r = rrows[i];
    const side = (x: typeof l, cols: ColumnDef[]) =>
      x
        ? [cell('td', x.label, { class: x.def.total ? 'item total' : 'item' }), ...(lanci ? [cell('td', x.def.行次 ? String(x.def.行次) : '', { class: 'hang' })] : []), ...cols.map((c) => amountCell(x.row, c, x.def))]
        : [cell('td', ''), ...(lanci ? [cell('td', '')] : []), ...cols.map(() => cell('td', ''))];
    body.push(el('tr', undefined, ...side(l, lc), ...side(r, rc)));
  }
  const sideNeeds = (section: SectionData, rows: typeof lrows) => [
    sized(def, '$item', need([section.def.itemHeader ?? ''], rows.map((r) => r.label), true)),
    ...(lanci ? [sized(def, '$line', need([lanci.row, lanci.column], rows.map((r) => String(r.def.行次 ?? '')), true))] : []),
    ...section.def.columns.map((c) => sized(def, c.key, need([c.label ?? c.key], rows.map((r) => printed(r.row, c, r.def, format).html), true))),
  ];
  const widths = fit([...sideNeeds(left, lrows), ...sideNeeds(right, rrows)], emTotal(def));
  return el('table', { class: 'official ledger' }, colgroup(widths), el('thead', undefined, head), el('tbody', undefined, ...body));
}

function codeParts(code: string, digits: number[], parts: number): string[] {
  if (parts <= 1) return [code];
  const [a = 3, b = 5] = digits;
  return [code.slice(0, a), code.length > a ? code.slice(a, b) : '', code.length > b ? code.slice(b) : ''].slice(0, parts);
}

function classified(table: TableData, ctx: TableContext): string {
  const def = table.def;
  const format = formatOf(def, ctx.print);
  const amountCell = amountCellOf(format);
  const section = [...table.sections.values()][0]!;
  const sdef: SectionDef = section.def;
  const cols = sdef.columns;
  const digits = section.classification?.digits ?? [3, 5, 7];
  const lanci = lanciOf(def, ctx);
  const itemRow = sdef.headerGroup ?? ctx.print.itemRow;
  const codeLabels = sdef.codeColumns === 1 ? undefined : ctx.print.codeColumns;
  const nCode = codeLabels?.length ?? 1;
  const grouped = cols.some((c) => c.group);
  // Header height: the left block (项目 row, code/name row, 类款项 row) and the right one (groups, labels, 栏次).
  const leftRows = (itemRow ? 1 : 0) + 1 + (codeLabels || lanci ? 1 : 0);
  const rightRows = (grouped ? 2 : 1) + (lanci ? 1 : 0);
  const height = Math.max(leftRows, rightRows);
  const rows: string[][] = Array.from({ length: height }, () => []);
  // Left block: the 项目 row (stretched to the header's height), the code and name headers, the code labels and 栏次.
  const stretch = height - leftRows;
  const lastLeft = Boolean(codeLabels || lanci);
  let at = 0;
  if (itemRow) rows[at++]!.push(header(itemRow, { colspan: nCode + 1, rowspan: 1 + stretch }));
  const span = itemRow ? 1 : 1 + stretch;
  rows[at]!.push(header(sdef.codeHeader ?? '', { colspan: nCode, rowspan: span }), header(sdef.itemHeader ?? '', { rowspan: span + (lastLeft && !lanci ? 1 : 0) }));
  at += span;
  if (lastLeft) rows[at]!.push(...(codeLabels ?? ['']).map((l) => header(l)), ...(lanci ? [header(lanci.column)] : []));
  // Right block.
  const labelRows = height - (lanci ? 1 : 0);
  const seen = new Set<string>();
  for (const c of cols) {
    if (!c.group) rows[0]!.push(header(c.label ?? c.key, { rowspan: labelRows }));
    else if (!seen.has(c.group)) {
      seen.add(c.group);
      rows[0]!.push(header(c.group, { colspan: cols.filter((x) => x.group === c.group).length }));
    }
  }
  if (grouped) rows[1]!.push(...cols.filter((c) => c.group).map((c) => header(c.label ?? c.key, { rowspan: labelRows - 1 })));
  if (lanci) rows[height - 1]!.push(...cols.map((c) => header(String(c.栏次 ?? ''))));
  const headRows = rows.map((r, i) => el('tr', lanci && i === height - 1 ? { class: 'lanci' } : undefined, ...r));
  // The 合计 row first, or last when the definition says so.
  const ordered = sdef.total?.position === 'bottom' ? [...section.rows.filter((r) => r.code), ...section.rows.filter((r) => !r.code)] : section.rows;
  const body = ordered.map((row) => {
    const isTotal = !row.code;
    const first = isTotal
      ? [cell('td', '', { colspan: nCode }), cell('td', row.label, { class: 'item total' })]
      : [...codeParts(row.code!, digits, nCode).map((p) => cell('td', p, { class: 'code' })), cell('td', row.label, { class: 'item' })];
    return el('tr', undefined, ...first, ...cols.map((c) => amountCell(row, c)));
  });
  const empty = section.rows.every((r) => !r.code) && section.rows.every((r) => [...r.cells.values()].every((c) => c.value === null));
  if (empty) body.push(el('tr', { class: 'blank' }, cell('td', '', { colspan: nCode }), cell('td', ''), ...cols.map(() => cell('td', ''))));
  const codes = section.rows.filter((r) => r.code).map((r) => codeParts(r.code!, digits, nCode));
  const needs = [
    ...Array.from({ length: nCode }, (_, i) => sized(def, '$code', need(codeLabels ? [codeLabels[i]!] : [], codes.map((p) => p[i] ?? ''), true))),
    sized(def, '$item', need([sdef.itemHeader ?? '', ...(lanci ? [lanci.column] : [])], section.rows.map((r) => r.label), false)),
    ...cols.map((c) => sized(def, c.key, need([c.label ?? c.key], section.rows.map((r) => printed(r, c, undefined, format).html), true))),
  ];
  // The code header spans the code columns: together they hold its longest word.
  const widths = fit(needs, emTotal(def));
  return el('table', { class: 'official classified' }, colgroup(widths), el('thead', undefined, ...headRows), el('tbody', undefined, ...body));
}

function panels(table: TableData, ctx: TableContext): string {
  const def = table.def;
  const format = formatOf(def, ctx.print);
  const amountCell = amountCellOf(format);
  const section = [...table.sections.values()][0]!;
  const column = section.def.columns[0]!;
  const panelDefs = def.panels ?? [];
  const lists = panelDefs.map((p) => section.rows.filter((r) => r.code && p.classes.includes(r.code.slice(0, 3))));
  const n = Math.max(...lists.map((l) => l.length));
  const groups: { label: string; span: number }[] = [];
  for (const p of panelDefs) {
    const last = groups[groups.length - 1];
    if (last && last.label === p.label) last.span += 3;
    else groups.push({ label: p.label, span: 3 });
  }
  const amountHeader = column.label ?? ctx.print.panelAmount ?? column.key;
  const head =
    (def.showPanelLabels === false ? '' : el('tr', undefined, ...groups.map((g) => header(g.label, { colspan: g.span })))) +
    el('tr', undefined, ...panelDefs.flatMap(() => [header(section.def.codeHeader ?? ''), header(section.def.itemHeader ?? ''), header(amountHeader)]));
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    body.push(
      el(
        'tr',
        undefined,
        ...lists.flatMap((list) => {
          const row = list[i];
          if (!row) return [cell('td', ''), cell('td', ''), cell('td', '')];
          const isClass = row.code!.length === 3;
          return [cell('td', row.code!, { class: isClass ? 'code class' : 'code' }), cell('td', row.label, { class: isClass ? 'item class' : 'item' }), amountCell(row, column, row.def)];
        }),
      ),
    );
  }
  const totals = section.rows.filter((r) => !r.code);
  if (totals.length) {
    const personnel = totals[0];
    const publicCost = totals[1];
    body.push(
      el(
        'tr',
        { class: 'totals' },
        cell('td', personnel?.label ?? '', { colspan: 2, class: 'item total' }),
        amountCell(personnel, column),
        cell('td', publicCost?.label ?? '', { colspan: 3 * (panelDefs.length - 1) - 1, class: 'item total' }),
        amountCell(publicCost, column),
      ),
    );
  }
  const needs = lists.flatMap((list) => [
    sized(def, '$code', need([section.def.codeHeader ?? ''], list.map((r) => r.code ?? ''), true)),
    sized(def, '$item', need([section.def.itemHeader ?? ''], list.map((r) => r.label), false)),
    sized(def, column.key, need([amountHeader], list.map((r) => printed(r, column, r.def, format).html), true)),
  ]);
  return el('table', { class: 'official panels' }, colgroup(fit(needs, emTotal(def))), el('thead', undefined, head), el('tbody', undefined, ...body));
}

function fixed(table: TableData, ctx: TableContext): string {
  const def = table.def;
  const format = formatOf(def, ctx.print);
  const amountCell = amountCellOf(format);
  const section = [...table.sections.values()][0]!;
  const cols = section.def.columns;
  const lanci = lanciOf(def, ctx);
  const head =
    el('tr', undefined, header(section.def.itemHeader ?? ''), ...(lanci ? [header(lanci.column)] : []), ...cols.map((c) => header(c.label ?? c.key))) +
    (lanci ? el('tr', { class: 'lanci' }, header(lanci.row), header(''), ...cols.map((c) => header(String(c.栏次 ?? '')))) : '');
  const rowDefs = section.def.rows ?? [];
  const body = rowDefs.map((rdef) => {
    const row = section.rows.find((r) => r.def === rdef);
    const label = rdef.label ?? rdef.key ?? '';
    const line = lanci ? [cell('td', String(rdef.行次 ?? ''), { class: 'hang' })] : [];
    if (rdef.heading) return el('tr', undefined, cell('td', label, { class: 'item total' }), ...line, ...cols.map(() => cell('td', '')));
    return el('tr', undefined, cell('td', label, { class: rdef.total ? 'item total' : 'item' }), ...line, ...cols.map((c) => amountCell(row, c, rdef)));
  });
  const needs = [
    sized(def, '$item', need([section.def.itemHeader ?? ''], rowDefs.map((r) => r.label ?? r.key ?? ''), false)),
    ...(lanci ? [sized(def, '$line', need([lanci.row, lanci.column], rowDefs.map((r) => String(r.行次 ?? '')), true))] : []),
    ...cols.map((c) => sized(def, c.key, need([c.label ?? c.key], rowDefs.map((r) => printed(section.rows.find((x) => x.def === r), c, r, format).html), true))),
  ];
  return el('table', { class: 'official fixed' }, colgroup(fit(needs, emTotal(def))), el('thead', undefined, head), el('tbody', undefined, ...body));
}

/**
 * A fixed table printed on its side (the Shanghai 三公 table): each row is a group of columns (the
 * table's columns: 预算数, 决算数) under its label; rows of the same `group` share a header spanning
 * them; `transpose.header` spans everything; the values print as one row.
 */
function transposed(table: TableData, ctx: TableContext): string {
  const def = table.def;
  const format = formatOf(def, ctx.print);
  const amountCell = amountCellOf(format);
  const section = [...table.sections.values()][0]!;
  const cols = section.def.columns;
  const rowDefs = (section.def.rows ?? []).filter((r) => r.key && !r.heading);
  const nested = rowDefs.some((r) => r.group);
  const top = def.transpose?.header;
  const rows: string[][] = [];
  if (top) rows.push([header(top, { colspan: rowDefs.length * cols.length })]);
  const groupRow: string[] = [];
  const subRow: string[] = [];
  for (let i = 0; i < rowDefs.length; ) {
    const r = rowDefs[i]!;
    if (r.group) {
      let j = i;
      while (j < rowDefs.length && rowDefs[j]!.group === r.group) j++;
      groupRow.push(header(r.group, { colspan: (j - i) * cols.length }));
      for (let k = i; k < j; k++) subRow.push(header(rowDefs[k]!.label ?? rowDefs[k]!.key ?? '', { colspan: cols.length }));
      i = j;
    } else {
      groupRow.push(header(r.label ?? r.key ?? '', { colspan: cols.length, rowspan: nested ? 2 : 1 }));
      i++;
    }
  }
  rows.push(groupRow);
  if (nested) rows.push(subRow);
  rows.push(rowDefs.flatMap(() => cols.map((c) => header(c.label ?? c.key))));
  const rowOf = (r: RowDef) => section.rows.find((x) => x.def === r);
  const values = rowDefs.flatMap((r) => cols.map((c) => amountCell(rowOf(r), c, r)));
  const needs = rowDefs.flatMap((r) => cols.map((c) => sized(def, c.key, need([c.label ?? c.key], [printed(rowOf(r), c, r, format).html], true))));
  return el(
    'table',
    { class: 'official transposed' },
    colgroup(fit(needs, emTotal(def))),
    el('thead', undefined, ...rows.map((r) => el('tr', undefined, ...r))),
    el('tbody', undefined, el('tr', undefined, ...values)),
  );
}

/** One official table, with the line above it and its notes. */
export function renderTable(table: TableData, ctx: TableContext): string {
  const layout = table.def.layout;
  const body =
    layout === 'ledger' ? ledger(table, ctx) : layout === 'classified' ? classified(table, ctx) : layout === 'panels' ? panels(table, ctx) : table.def.transpose ? transposed(table, ctx) : fixed(table, ctx);
  return el('section', { class: `official-table layout-${layout}${table.def.transpose ? ' transposed' : ''}`, 'data-table': table.def.id }, caption(table.def, ctx), body, notes(table, ctx));
}
