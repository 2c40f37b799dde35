// The data a narrative template (and a helper in prose) sees: every block of the report as plain
// objects whose leaves are Values (with the path and place they came from), the derived figures
// merged in at their paths, tables reachable by row key, code or name, and 上年 from the
// previous year's report when there is one.
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { ReportData } from '../data/read.js';
import type { DataNode, Where } from '../data/tree.js';
import { child } from '../data/tree.js';
import { indicatorRows } from '../perf/indicators.js';
import { segments } from '../check/refs.js';
import { quoteSegment } from '../data/derived.js';

/** What a sentence prints where a value cannot be read or a helper failed (it has its own diagnostic). */
export const FAILED = '【?】';

/** One value of the report as a template sees it. */
export class Value {
  constructor(
    readonly path: string,
    readonly kind: 'amount' | 'count' | 'score' | 'text',
    readonly amount: Amount | null,
    readonly decimal: Decimal | null,
    readonly text: string | null,
    readonly where?: Where,
  ) {}

  /** For a text of a data block: the block's own fields, which its helpers may name relatively. */
  scope?: Context;

  /**
   * A value that cannot be read (its text was not a number, or a figure derived from such a value;
   * already reported where it was written), or the result of a helper that failed (`reported`:
   * its sentence has its own diagnostic already). A sentence that names it is not written.
   */
  unreadable?: { reason: string; reported: boolean };

  /** A value that cannot be read. */
  static unreadable(path: string, reason: string, reported = false, where?: Where): Value {
    const value = new Value(path, 'amount', null, null, null, where);
    value.unreadable = { reason, reported };
    return value;
  }

  /**
   * A block the report lacks (or whose YAML could not be read): every path into it is a value that
   * cannot be read, so that a sentence naming it fails at its own place and the rest is written.
   */
  static absent(path: string, reason: string): Value {
    const target = Value.unreadable(path, reason);
    const own = (prop: string | symbol) => typeof prop === 'symbol' || prop in target;
    return new Proxy(target, {
      get: (t, prop, receiver) => (own(prop) ? Reflect.get(t, prop, receiver) : Value.absent(`${path}.${String(prop)}`, reason)),
      has: () => true,
      getOwnPropertyDescriptor: (t, prop) => (own(prop) ? Reflect.getOwnPropertyDescriptor(t, prop) : { configurable: true, enumerable: false, writable: false, value: Value.absent(`${path}.${String(prop)}`, reason) }),
      // Nothing to list: {{#each}} over an absent block writes nothing.
      ownKeys: () => [],
    });
  }

  /** The exact number: an amount in 元, a count or score; 0 for an empty cell. */
  number(): Decimal {
    if (this.amount) return this.amount.yuan;
    return this.decimal ?? new Decimal(0);
  }

  isEmpty(): boolean {
    return this.kind === 'text' ? !this.text : this.amount === null && this.decimal === null;
  }

  /** As written: the number without its unit, a score or count, or the text. */
  toString(): string {
    if (this.unreadable) return FAILED;
    if (this.kind === 'text') return this.text ?? '';
    if (this.amount) return this.amount.text.replace(/万?元$/u, '') || this.amount.yuan.toString();
    return this.decimal ? this.decimal.toString() : '';
  }
}

export type Context = { [key: string]: unknown };

function leaf(node: DataNode, path: string): Value | undefined {
  switch (node.kind) {
    case 'amount':
      return new Value(path, 'amount', node.value, null, null, node.where);
    case 'count':
    case 'score':
      return new Value(path, node.kind, null, node.value, null, node.where);
    case 'text':
      return new Value(path, 'text', null, null, node.text, node.where);
    case 'invalid':
      return Value.unreadable(path, `「${node.text}」不是可读的数`, false, node.where);
    default:
      return undefined;
  }
}

/** A block's tree as objects; 指标 is also reachable by 三级指标 name. */
function mirror(node: DataNode, path: string): unknown {
  if (node.kind === 'map') {
    const out: Context = {};
    for (const [key, value] of node.entries) {
      out[key] = mirror(value, `${path}.${key}`);
      const code = /^(\d+)\s+(.+)$/u.exec(key);
      if (code) {
        out[code[1]!] ??= out[key];
        out[code[2]!] ??= out[key];
      }
    }
    if (node.entries.has('指标')) {
      const byName: Context = {};
      const rows: Context[] = [];
      for (const row of indicatorRows(node)) {
        const fields = mirror(row.node, `${path}.指标.${row.name}`) as Context;
        byName[row.name] = fields;
        rows.push({ 一级指标: row.level1, 二级指标: row.level2, ...fields });
      }
      out['指标'] = byName;
      out['指标行'] = rows;
    }
    return out;
  }
  if (node.kind === 'list') return node.items.map((item, i) => mirror(item, `${path}.${i}`));
  return leaf(node, path);
}

/** Gives every text Value of a block the block as the scope of its helpers. */
function scopeTexts(node: unknown, scope: Context, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (node instanceof Value) {
    if (node.kind === 'text') node.scope = scope;
    return;
  }
  for (const child of Object.values(node as Context)) scopeTexts(child, scope, seen);
}

function setPath(target: Context, parts: string[], value: unknown): void {
  let at = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof at[part] !== 'object' || at[part] === null || at[part] instanceof Value) at[part] = {};
    at = at[part] as Context;
  }
  at[parts[parts.length - 1]!] = value;
}

/** The tables: section › row (by key, code and name) › column. */
function tables(report: ReportData, ctx: Context): void {
  for (const [id, table] of report.tables) {
    const tableCtx: Context = {};
    for (const [sectionKey, section] of table.sections) {
      const sectionCtx: Context = {};
      const rows: Context[] = [];
      for (const row of section.rows) {
        let rowValue: unknown;
        // The path as a template names the cell.
        const at = (column: string) => [id, ...(table.def.sections.length > 1 ? [sectionKey] : []), row.key, ...(section.def.columns.length > 1 ? [column] : [])].map(quoteSegment).join('.');
        const cellValue = (column: string) => {
          const cell = row.cells.get(column);
          if (cell?.invalid) return Value.unreadable(at(column), '单元格的值无法读取', false, cell.where);
          const v = cell?.value ?? null;
          const amount = v && !Decimal.isDecimal(v) ? (v as Amount) : null;
          const decimal = v && Decimal.isDecimal(v) ? (v as Decimal) : null;
          return new Value(at(column), decimal ? 'count' : row.def?.type === 'count' ? 'count' : 'amount', amount, decimal, null, cell?.where);
        };
        if (section.def.columns.length === 1) rowValue = cellValue(section.def.columns[0]!.key);
        else rowValue = Object.fromEntries(section.def.columns.map((c) => [c.key, cellValue(c.key)]));
        sectionCtx[row.key] = rowValue;
        if (row.code) {
          const name = section.classification?.codes.get(row.code) ?? row.label;
          sectionCtx[row.code] ??= rowValue;
          sectionCtx[name] ??= rowValue;
          rows.push({ 编码: row.code, 名称: name, 值: rowValue });
        }
      }
      sectionCtx['行'] = rows;
      if (table.def.sections.length === 1) Object.assign(tableCtx, sectionCtx);
      else tableCtx[sectionKey] = sectionCtx;
    }
    ctx[id] = tableCtx;
  }
}

/** The context of a report; `prior` is the previous year's report, when the repository has it. */
export function buildContext(report: ReportData, prior?: ReportData): Context {
  const ctx: Context = {
    部门: report.frontMatter.department,
    年度: report.frontMatter.year,
    上年度: report.frontMatter.year - 1,
  };
  tables(report, ctx);
  const repeatable = report.template.manifest.blocks.repeatable ?? {};
  for (const [kind, blocks] of report.byKind) {
    if (report.tables.has(kind)) continue;
    if (repeatable[kind]) {
      const byName: Context = {};
      for (const block of blocks) byName[block.name ?? ''] = mirror(block.root, `${kind}.${block.name ?? ''}`);
      ctx[kind] = byName;
    } else ctx[kind] = mirror(blocks[0]!.root, kind);
  }
  for (const [kind, value] of Object.entries(ctx)) {
    if (!report.byKind.has(kind) || report.tables.has(kind)) continue;
    const blocks = repeatable[kind] ? Object.values(value as Context) : [value];
    for (const block of blocks) scopeTexts(block, block as Context);
  }
  for (const [path, derived] of report.derived) {
    const from = derivedFrom(report, path);
    if (from) {
      setPath(ctx, segments(path), Value.unreadable(path, `由「${from}」中无法读取的值算出`));
      continue;
    }
    const value = new Value(path, derived.kind, derived.kind === 'amount' ? (derived.value as Amount | null) : null, derived.kind !== 'amount' && derived.kind !== 'text' ? (derived.value as Decimal | null) : null, derived.text ?? null);
    setPath(ctx, segments(path), value);
  }
  lists(report, ctx);
  const priorBlock = report.template.manifest.narrative?.priorBlock;
  if (prior && priorBlock) ctx[priorBlock] = priorFigures(report, prior) ?? ctx[priorBlock];
  // A table or required block the report lacks (reported already) fails only the sentences naming it.
  for (const kind of [...report.template.tables.keys(), ...report.template.manifest.blocks.required]) {
    if (!(kind in ctx)) ctx[kind] = Value.absent(kind, '报告中没有此数据块,或其 YAML 无法读取');
  }
  return ctx;
}

function hasInvalid(node: DataNode): boolean {
  if (node.kind === 'invalid') return true;
  if (node.kind === 'map') return [...node.entries.values()].some(hasInvalid);
  if (node.kind === 'list') return node.items.some(hasInvalid);
  return false;
}

/**
 * The block a derived figure is computed from, when that block holds a value that cannot be read
 * (the figure would be computed without it): its kind, or kind and name for a repeatable kind.
 */
function derivedFrom(report: ReportData, path: string): string | undefined {
  const [kind = '', name] = segments(path);
  const blocks = report.byKind.get(kind) ?? [];
  const own = blocks.filter((b) => b.name !== undefined && b.name === name);
  const chosen = own.length ? own : blocks;
  const bad = chosen.find((b) => hasInvalid(b.root));
  return bad ? (own.length ? `${kind} › ${name}` : kind) : undefined;
}

/**
 * The lists the template's partials iterate (`narrative.lists`): each block of a repeatable kind
 * with its name and fields, merged with the same-named block of the `with` kind and in its order
 * (部门评价: each evaluated project with its 自评表 figures, in the order of the 自评表).
 */
function lists(report: ReportData, ctx: Context): void {
  const repeatable = report.template.manifest.blocks.repeatable ?? {};
  for (const [name, list] of Object.entries(report.template.manifest.narrative?.lists ?? {})) {
    const field = repeatable[list.of] ?? 'name';
    const order = (report.byKind.get(list.with ?? list.of) ?? []).map((b) => b.name ?? '');
    const partners = (list.with ? (ctx[list.with] ?? {}) : {}) as Context;
    // The blocks as the context has them (derived figures merged in), before a list of the same name replaces them.
    const own = (ctx[list.of] ?? {}) as Context;
    ctx[name] = (report.byKind.get(list.of) ?? [])
      .slice()
      .sort((a, b) => order.indexOf(a.name ?? '') - order.indexOf(b.name ?? ''))
      .map((b) => ({ [field]: b.name, ...((partners[b.name ?? ''] as Context | undefined) ?? {}), ...((own[b.name ?? ''] as Context | undefined) ?? (mirror(b.root, `${list.of}.${b.name}`) as Context)) }));
  }
}

/**
 * 上年 from the previous year's report, through the template's `prior` map (上年 path → the path of
 * the same figure in a report); undefined when the template has no such map.
 */
function priorFigures(report: ReportData, prior: ReportData): Context | undefined {
  const map = report.template.manifest.narrative?.prior;
  if (!map) return undefined;
  const priorCtx = buildContext(prior);
  const out: Context = {};
  for (const [target, source] of Object.entries(map)) {
    let at: unknown = priorCtx;
    for (const part of segments(source)) at = at && typeof at === 'object' ? (at as Context)[part] : undefined;
    if (at !== undefined) setPath(out, segments(target), at);
  }
  return out;
}

/** The block of a 绩效 table a text field belongs to, as a context for relative paths. */
export function blockContext(ctx: Context, kind: string, name: string | undefined): Context | undefined {
  const found = ctx[kind];
  if (!found || typeof found !== 'object') return undefined;
  return (name ? (found as Context)[name] : found) as Context | undefined;
}

export { child };
