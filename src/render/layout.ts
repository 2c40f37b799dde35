// Renders a table layout of the template (layouts/*.yaml) as HTML: the lines above the table, the
// grid with its column widths, fixed rows, rows repeated over a list, indicator rows grouped by
// 一级/二级 with merged cells (and group sums such as 权重), and the paragraphs under it. Every
// figure is looked up in the report; a layout naming a figure the report lacks is reported.
import { parseTarget } from '../perf/indicator.js';
import { Value, type Context } from '../narrate/context.js';
import type { Cell, EachRows, GroupMap, IndicatorRows, LayoutDef, LayoutRow } from '../template/layout.js';
import { el, text, words } from './html.js';
import { evaluate, formatValue, isFigure, LayoutValueError, sumOf, type Scope } from './layout-values.js';

export interface LayoutContext {
  scope: Scope;
  renderText(text: string, scope?: Context): string;
  /** A problem with the layout (a figure it names that the report does not have). */
  problem(message: string): void;
  /** The heading that names the table in the 目录, printed as its title. */
  heading?: { id: string; level: number };
}

interface Placed {
  cell: Cell;
  item?: unknown;
  rowspan?: number;
}

interface IndicatorItem {
  level1: string;
  level2: string;
  fields: Context;
}

function fill(template: string, ctx: LayoutContext, scope?: Context): string {
  if (!template.includes('{{')) return template;
  // Plain names of the report or the scope ({{年度}}, {{部门}}, {{编号}}) need no template engine.
  const plain = template.replace(/\{\{\s*([^\s{}#/>]+)\s*\}\}/gu, (m, name: string) => {
    const value = (scope as Record<string, unknown> | undefined)?.[name] ?? ctx.scope.root[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : m;
  });
  return plain.includes('{{') ? ctx.renderText(template, scope ?? ctx.scope.block) : plain;
}

function matches(pattern: string, level1: string, level2: string): boolean {
  const [p1, p2] = pattern.split('/') as [string, string];
  return (p1 === '*' || p1 === level1) && (p2 === '*' || p2 === level2);
}

/** The indicators in print order, with their printed 一级/二级 names. */
function regroup(rows: Context[], levels: [string, string], groups: GroupMap | undefined, others: 'keep' | 'drop'): IndicatorItem[] {
  const items = rows.map((r) => ({ level1: String(r[levels[0]] ?? ''), level2: String(r[levels[1]] ?? ''), fields: r }));
  if (!groups) return items;
  const used = new Set<IndicatorItem>();
  const out: IndicatorItem[] = [];
  for (const [level1, seconds] of Object.entries(groups)) {
    for (const [level2, patterns] of Object.entries(seconds)) {
      for (const pattern of patterns) {
        for (const item of items) {
          if (used.has(item) || !matches(pattern, item.level1, item.level2)) continue;
          used.add(item);
          out.push({ level1, level2, fields: item.fields });
        }
      }
    }
  }
  if (others === 'keep') out.push(...items.filter((i) => !used.has(i)));
  return out;
}

function runs<T>(items: T[], key: (t: T) => string): Map<number, number> {
  const out = new Map<number, number>();
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    if (i === items.length || key(items[i]!) !== key(items[start]!)) {
      out.set(start, i - start);
      start = i;
    }
  }
  return out;
}

function cellHtml(placed: Placed, ctx: LayoutContext, rowIsHeader: boolean): string {
  const { cell, item } = placed;
  const attrs: Record<string, string | number | undefined> = {};
  if (cell.span && cell.span > 1) attrs.colspan = cell.span;
  const rowspan = placed.rowspan ?? cell.rows;
  if (rowspan && rowspan > 1) attrs.rowspan = rowspan;
  const classes: string[] = [];
  let content = '';
  let figure = false;
  if ('head' in cell) {
    const label = fill(cell.head, ctx);
    attrs.scope = rowIsHeader ? (cell.span && cell.span > 1 ? 'colgroup' : 'col') : 'row';
    if (cell.align && cell.align !== 'center') classes.push(cell.align);
    if (cell.class) classes.push(cell.class);
    if (classes.length) attrs.class = classes.join(' ');
    return el('th', attrs, words(label));
  }
  if ('text' in cell) content = fill(cell.text, ctx);
  else if ('groupSum' in cell) {
    const value = (item as { sum?: unknown } | undefined)?.sum;
    content = formatValue(value, cell.format, cell.empty ?? '', ctx.renderText);
    figure = true;
  } else if ('level' in cell) {
    const it = item as IndicatorItem;
    content = cell.level === 1 ? it.level1 : it.level2;
    classes.push('group');
  } else {
    const scope: Scope = { ...ctx.scope, item: 'field' in cell ? ((item as IndicatorItem | undefined)?.fields ?? item) : undefined };
    const expression = 'field' in cell ? cell.field : cell.value;
    let value: unknown;
    try {
      value = evaluate(expression, scope);
    } catch (error) {
      if (!(error instanceof LayoutValueError)) throw error;
      ctx.problem(error.message);
    }
    if (value === undefined && cell.empty === undefined && 'value' in cell) ctx.problem(`找不到数据「${expression}」`);
    content = formatValue(value, cell.format, cell.empty ?? '', ctx.renderText);
    if ('field' in cell && cell.unitOf && /^\d+(?:\.\d+)?$/u.test(content)) {
      const target = scope.item && typeof scope.item === 'object' ? (scope.item as Context)[cell.unitOf] : undefined;
      const unit = parseTarget(target instanceof Value ? (target.text ?? '') : '')?.unit ?? '';
      if (unit && !/^\d/u.test(unit)) content += unit;
    }
    figure = isFigure(value, cell.format);
  }
  const align = cell.align ?? (figure ? 'right' : undefined);
  if (align === 'right') classes.push('num');
  else if (align) classes.push(align);
  if (cell.class) classes.push(cell.class);
  if (classes.length) attrs.class = classes.join(' ');
  return el('td', attrs, words(content));
}

function row(cells: Placed[], ctx: LayoutContext): string {
  const header = cells.length > 0 && cells.every((c) => 'head' in c.cell);
  return el('tr', undefined, ...cells.map((c) => cellHtml(c, ctx, header)));
}

function indicatorRows(spec: IndicatorRows['indicators'], ctx: LayoutContext): string[] {
  const source = evaluate(spec.from, ctx.scope);
  const list = Array.isArray(source) ? (source as Context[]) : [];
  if (!Array.isArray(source)) ctx.problem(`找不到指标「${spec.from}」`);
  const items = regroup(list, spec.levels, spec.groups, spec.others ?? 'keep');
  const first = runs(items, (i) => i.level1);
  const second = runs(items, (i) => `${i.level1}/${i.level2}`);
  const out: string[] = [];
  const leadSpan = items.length + (spec.header ? 1 : 0);
  if (spec.header) out.push(row([...(spec.lead ? [{ cell: spec.lead, rowspan: leadSpan }] : []), ...spec.header.map((cell) => ({ cell }))], ctx));
  items.forEach((item, i) => {
    const cells: Placed[] = [];
    if (i === 0 && spec.lead && !spec.header) cells.push({ cell: spec.lead, rowspan: leadSpan });
    for (const cell of spec.cells) {
      if ('level' in cell) {
        const spans = cell.level === 1 ? first : second;
        const span = spans.get(i);
        if (span === undefined) continue;
        if ('groupSum' in cell) {
          const sum = sumOf(items.slice(i, i + span).map((m) => m.fields[cell.groupSum]), cell.groupSum);
          cells.push({ cell, item: { sum }, rowspan: span });
        } else cells.push({ cell, item, rowspan: span });
        continue;
      }
      cells.push({ cell, item });
    }
    out.push(row(cells, ctx));
  });
  return out;
}

function eachRows(spec: EachRows, ctx: LayoutContext): string[] {
  const source = evaluate(spec.each, ctx.scope);
  if (!Array.isArray(source)) {
    ctx.problem(`找不到列表「${spec.each}」`);
    return [];
  }
  return (source as unknown[]).map((item) => row(spec.cells.map((cell) => ({ cell, item: { fields: item } })), ctx));
}

function rowsHtml(r: LayoutRow, ctx: LayoutContext): string[] {
  if (Array.isArray(r)) return [row(r.map((cell) => ({ cell })), ctx)];
  if ('indicators' in r) return indicatorRows(r.indicators, ctx);
  return eachRows(r, ctx);
}

function paragraphs(layout: LayoutDef, ctx: LayoutContext): string {
  const out: string[] = [];
  for (const p of layout.after ?? []) {
    const cls = p.class ?? 'table-note';
    if (p.each) {
      const list = evaluate(p.each, ctx.scope);
      if (!Array.isArray(list)) continue;
      list.forEach((item, i) => out.push(el('p', { class: cls }, text(fill(p.text ?? '{{内容}}', ctx, { ...ctx.scope.block, 编号: i + 1, 内容: item })))));
      continue;
    }
    const content = p.value ? formatValue(evaluate(p.value, ctx.scope), p.format, '', ctx.renderText) : fill(p.text ?? '', ctx);
    if (content) out.push(el('p', { class: cls }, text(content)));
  }
  return out.join('');
}

/** One table of a layout, with its title lines and the paragraphs under it. */
export function renderLayout(layout: LayoutDef, ctx: LayoutContext): string {
  const total = layout.columns.reduce((s, w) => s + w, 0);
  const cols = el('colgroup', undefined, ...layout.columns.map((w) => el('col', { style: `width:${Math.round((w / total) * 10000) / 100}%` })));
  const rendered = layout.rows.flatMap((r) => rowsHtml(r, ctx));
  const headCount = Math.min(layout.head ?? 0, rendered.length);
  const table = el(
    'table',
    { class: ['layout', layout.class].filter(Boolean).join(' ') },
    cols,
    headCount ? el('thead', undefined, ...rendered.slice(0, headCount)) : '',
    el('tbody', undefined, ...rendered.slice(headCount)),
  );
  const title = layout.title ? fill(layout.title, ctx) : '';
  const heading = ctx.heading;
  const titleHtml = title ? (heading ? el(`h${heading.level}`, { id: heading.id, class: 'table-title' }, text(title)) : el('div', { class: 'table-title' }, text(title))) : '';
  return el(
    'section',
    { class: 'layout-table', 'data-layout': layout.id },
    layout.above ? el('div', { class: 'table-above' }, text(fill(layout.above, ctx))) : '',
    titleHtml,
    layout.subtitle ? el('div', { class: 'table-sub' }, text(fill(layout.subtitle, ctx))) : '',
    table,
    paragraphs(layout, ctx),
  );
}
