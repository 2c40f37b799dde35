// The official 公开 tables as HTML, from their declarative definitions: the line above each table
// (公开NN表 · 部门 · 年度 · 金额单位), multi-level headers with 栏次/行次, the four layouts
// (two-sided ledger, classified 类/款/项 rows, 经济分类 panels, fixed rows), blank vs 0.00 vs "——"
// as in the official tables, and the notes under the table.
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import { wan } from '../narrate/phrases.js';
import type { RowData, SectionData, TableData } from '../data/tables.js';
import type { ColumnDef, RowDef, SectionDef, TableDef } from '../template/types.js';
import { cell, el, text } from './html.js';

export interface TableContext {
  department: string;
  year: number;
}

/** A cell's printed value: blank when empty, 2-decimal 万元 for amounts, whole numbers for counts. */
export function printed(row: RowData | undefined, column: ColumnDef, def?: RowDef): { html: string; numeric: boolean } {
  if (def?.na?.includes(column.key)) return { html: '——', numeric: false };
  const value = row?.cells.get(column.key)?.value ?? null;
  if (value === null) return { html: '', numeric: true };
  if (Decimal.isDecimal(value)) return { html: (value as Decimal).toString(), numeric: true };
  return { html: wan((value as Amount).yuan), numeric: true };
}

function amountCell(row: RowData | undefined, column: ColumnDef, def?: RowDef): string {
  const p = printed(row, column, def);
  return cell('td', p.html, { class: p.numeric ? 'num' : 'na' });
}

/** The line above a table: 公开NN表, 部门, 年度, 金额单位. */
function caption(def: TableDef, ctx: TableContext): string {
  const number = def.id.replace(/^公开/u, '公开 ').replace(/$/u, ' 表');
  return el(
    'div',
    { class: 'table-head' },
    el('div', { class: 'table-title' }, text(def.title)),
    el(
      'div',
      { class: 'table-meta' },
      el('span', { class: 'dept' }, text(`部门：${ctx.department}`)),
      el('span', { class: 'year' }, text(`${ctx.year}年度`)),
      el('span', { class: 'unit' }, text(`${number}\u3000${def.unit === '万元' ? '金额单位：万元' : `单位：${def.unit}`}`)),
    ),
  );
}

function notes(def: TableDef, ctx: TableContext): string {
  return (def.notes ?? []).map((n) => el('p', { class: 'table-note' }, text(n.replace(/\{\{year\}\}/gu, String(ctx.year))))).join('');
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

function ledger(table: TableData): string {
  const [left, right] = [...table.sections.values()] as [SectionData, SectionData];
  const lrows = fixedRows(left);
  const rrows = fixedRows(right);
  const n = Math.max(lrows.length, rrows.length);
  const lc = left.def.columns;
  const rc = right.def.columns;
  const head =
    el('tr', undefined, cell('th', left.def.label ?? left.def.key, { colspan: 2 + lc.length }), cell('th', right.def.label ?? right.def.key, { colspan: 2 + rc.length })) +
    el('tr', undefined, cell('th', left.def.itemHeader ?? '项目'), cell('th', '行次'), ...lc.map((c) => cell('th', c.label ?? c.key)), cell('th', right.def.itemHeader ?? '项目'), cell('th', '行次'), ...rc.map((c) => cell('th', c.label ?? c.key))) +
    el('tr', { class: 'lanci' }, cell('th', '栏次'), cell('th', ''), ...lc.map((c) => cell('th', String(c.栏次 ?? ''))), cell('th', '栏次'), cell('th', ''), ...rc.map((c) => cell('th', String(c.栏次 ?? ''))));
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = lrows[i];
    const r = rrows[i];
    const side = (x: typeof l, cols: ColumnDef[]) =>
      x
        ? [cell('td', x.label, { class: x.def.total ? 'item total' : 'item' }), cell('td', x.def.行次 ? String(x.def.行次) : '', { class: 'hang' }), ...cols.map((c) => amountCell(x.row, c, x.def))]
        : [cell('td', ''), cell('td', ''), ...cols.map(() => cell('td', ''))];
    body.push(el('tr', undefined, ...side(l, lc), ...side(r, rc)));
  }
  return el('table', { class: 'official ledger' }, el('thead', undefined, head), el('tbody', undefined, ...body));
}

function codeParts(code: string, digits: number[]): [string, string, string] {
  const [a = 3, b = 5] = digits;
  return [code.slice(0, a), code.length > a ? code.slice(a, b) : '', code.length > b ? code.slice(b) : ''];
}

function classified(table: TableData): string {
  const section = [...table.sections.values()][0]!;
  const def: SectionDef = section.def;
  const cols = def.columns;
  const digits = section.classification?.digits ?? [3, 5, 7];
  const grouped = cols.some((c) => c.group);
  const headTop = [cell('th', def.codeHeader ?? '科目编码', { colspan: 3, rowspan: grouped ? 2 : 1 }), cell('th', def.itemHeader ?? '科目名称', { rowspan: grouped ? 2 : 1 })];
  const seen = new Set<string>();
  for (const c of cols) {
    if (!c.group) headTop.push(cell('th', c.label ?? c.key, { rowspan: grouped ? 2 : 1 }));
    else if (!seen.has(c.group)) {
      seen.add(c.group);
      headTop.push(cell('th', c.group, { colspan: cols.filter((x) => x.group === c.group).length }));
    }
  }
  const headRows = [el('tr', undefined, ...headTop)];
  if (grouped) headRows.push(el('tr', undefined, ...cols.filter((c) => c.group).map((c) => cell('th', c.label ?? c.key))));
  headRows.push(el('tr', { class: 'lanci' }, cell('th', '类'), cell('th', '款'), cell('th', '项'), cell('th', '栏次'), ...cols.map((c) => cell('th', String(c.栏次 ?? '')))));
  const body = section.rows.map((row) => {
    const parts = row.code ? codeParts(row.code, digits) : ['', '', ''];
    const isTotal = !row.code;
    const first = isTotal ? [cell('td', '', { colspan: 3 }), cell('td', row.label, { class: 'item total' })] : [...parts.map((p) => cell('td', p, { class: 'code' })), cell('td', row.label, { class: 'item' })];
    return el('tr', undefined, ...first, ...cols.map((c) => amountCell(row, c)));
  });
  if (section.rows.every((r) => !r.code) && section.rows.every((r) => [...r.cells.values()].every((c) => c.value === null))) {
    body.push(el('tr', undefined, cell('td', '', { colspan: 3 }), cell('td', ''), ...cols.map(() => cell('td', ''))));
  }
  return el('table', { class: 'official classified' }, el('thead', undefined, ...headRows), el('tbody', undefined, ...body));
}

function panels(table: TableData): string {
  const section = [...table.sections.values()][0]!;
  const column = section.def.columns[0]!;
  const panelDefs = table.def.panels ?? [];
  const lists = panelDefs.map((p) => section.rows.filter((r) => r.code && p.classes.includes(r.code.slice(0, 3))));
  const n = Math.max(...lists.map((l) => l.length));
  const groups: { label: string; span: number }[] = [];
  for (const p of panelDefs) {
    const last = groups[groups.length - 1];
    if (last && last.label === p.label) last.span += 3;
    else groups.push({ label: p.label, span: 3 });
  }
  const head =
    el('tr', undefined, ...groups.map((g) => cell('th', g.label, { colspan: g.span }))) +
    el('tr', undefined, ...panelDefs.flatMap(() => [cell('th', section.def.codeHeader ?? '科目编码'), cell('th', section.def.itemHeader ?? '科目名称'), cell('th', '金额')]));
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
  return el('table', { class: 'official panels' }, el('thead', undefined, head), el('tbody', undefined, ...body));
}

function fixed(table: TableData): string {
  const section = [...table.sections.values()][0]!;
  const cols = section.def.columns;
  const head =
    el('tr', undefined, cell('th', section.def.itemHeader ?? '项目'), cell('th', '栏次'), ...cols.map((c) => cell('th', c.label ?? c.key))) +
    el('tr', { class: 'lanci' }, cell('th', '行次'), cell('th', ''), ...cols.map((c) => cell('th', String(c.栏次 ?? ''))));
  const body = (section.def.rows ?? []).map((def) => {
    const row = section.rows.find((r) => r.def === def);
    const label = def.label ?? def.key ?? '';
    if (def.heading) return el('tr', undefined, cell('td', label, { class: 'item total' }), cell('td', String(def.行次 ?? ''), { class: 'hang' }), ...cols.map(() => cell('td', '')));
    return el('tr', undefined, cell('td', label, { class: def.total ? 'item total' : 'item' }), cell('td', String(def.行次 ?? ''), { class: 'hang' }), ...cols.map((c) => amountCell(row, c, def)));
  });
  return el('table', { class: 'official fixed' }, el('thead', undefined, head), el('tbody', undefined, ...body));
}

/** One official table, with the line above it and its notes. */
export function renderTable(table: TableData, ctx: TableContext): string {
  const layout = table.def.layout;
  const body = layout === 'ledger' ? ledger(table) : layout === 'classified' ? classified(table) : layout === 'panels' ? panels(table) : fixed(table);
  return el('section', { class: `official-table layout-${layout}`, 'data-table': table.def.id }, caption(table.def, ctx), body, notes(table.def, ctx));
}
