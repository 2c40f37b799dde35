// The figures of a layout cell: a path looked up in the item, the block, then the report (the
// narration's context, derived figures included; `模板.` reads the template manifest), or
// `sum(a, b, x.*.y)` over such paths; and how each prints (万元, 百分比, as written…).
import { Decimal } from 'decimal.js';
import { sumAmounts } from '../amount/amount.js';
import { segments } from '../check/refs.js';
import { Value, type Context } from '../narrate/context.js';
import { chineseNumber, percent, wan, wanShort, yuanText } from '../narrate/phrases.js';
import type { CellFormat } from '../template/layout.js';
import type { TemplateManifest } from '../template/types.js';

export interface Scope {
  /** The repeated item (an indicator's fields, a list entry). */
  item?: unknown;
  /** The block the table prints. */
  block?: Context;
  /** The whole report, as the narrative sees it. */
  root: Context;
  manifest: TemplateManifest;
}

/** A figure that a layout names but the report does not have. */
export class LayoutValueError extends Error {}

function walk(start: unknown, parts: string[]): unknown[] {
  let at: unknown[] = [start];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const node of at) {
      if (!node || typeof node !== 'object' || node instanceof Value) continue;
      if (part === '*') next.push(...new Set(Object.values(node as Context)));
      else if ((node as Context)[part] !== undefined) next.push((node as Context)[part]);
    }
    at = next;
  }
  return at;
}

function asValue(found: unknown, path: string): unknown {
  if (typeof found === 'number') return new Value(path, 'score', null, new Decimal(found), null);
  return found;
}

/** Every value a path names (several with `*`), looked up in the item, the block, then the report. */
function lookup(path: string, scope: Scope): unknown[] {
  const parts = segments(path);
  if (parts[0] === '模板') return walk(scope.manifest, parts.slice(1)).map((v) => asValue(v, path));
  for (const start of [scope.item, scope.block, scope.root]) {
    if (start === undefined) continue;
    const found = walk(start, parts);
    if (found.length) return found;
  }
  return [];
}

/** The value of a cell's `value` or `field`: a Value, a plain text or number, or undefined when absent. */
export function evaluate(expression: string, scope: Scope): unknown {
  const call = /^sum\((.*)\)$/su.exec(expression.trim());
  if (!call) return lookup(expression.trim(), scope)[0];
  const values = call[1]!
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .flatMap((arg) => {
      const found = lookup(arg, scope);
      if (!found.length && !arg.includes('*')) throw new LayoutValueError(`找不到数据「${arg}」`);
      return found;
    });
  return sumOf(values, expression);
}

/** Σ of values (each counted once): amounts with their 尾数, scores and counts exactly. */
export function sumOf(values: unknown[], label: string): Value {
  const unique = [...new Set(values.filter((v): v is Value => v instanceof Value))];
  if (unique.some((v) => v.kind === 'amount')) return new Value(label, 'amount', sumAmounts(unique.map((v) => v.amount)), null, null);
  return new Value(label, 'score', null, unique.reduce((s, v) => s.plus(v.decimal ?? 0), new Decimal(0)), null);
}

const YEAR_DIGITS = '〇一二三四五六七八九';

/** 2024-04-19 → 二〇二四年四月十九日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${String(y)
    .split('')
    .map((c) => YEAR_DIGITS[Number(c)])
    .join('')}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** Whether a value prints as a figure (aligned right). */
export function isFigure(value: unknown, format: CellFormat | undefined): boolean {
  if (format && format !== 'text' && format !== '中文日期') return true;
  if (format === 'text') return false;
  if (value instanceof Value) return value.kind !== 'text';
  return typeof value === 'number';
}

/** The printed text of a value; `renderText` fills the helpers of a text that holds some. */
export function formatValue(value: unknown, format: CellFormat | undefined, empty: string, renderText: (text: string, scope?: Context) => string): string {
  if (value === undefined || value === null) return empty;
  if (!(value instanceof Value)) return typeof value === 'string' || typeof value === 'number' ? String(value) : empty;
  if (value.isEmpty()) return empty;
  if (value.kind === 'text') {
    const text = (value.text ?? '').trim();
    if (format === '中文日期' && /^\d{4}-\d{2}-\d{2}$/u.test(text)) return chineseDate(text);
    return text.includes('{{') ? renderText(text, value.scope) : text;
  }
  const n = value.number();
  switch (format) {
    case '万元':
      return value.amount ? wan(n) : n.toString();
    case '万元简':
      return value.amount ? wanShort(n) : n.toString();
    case '元':
      return yuanText(n);
    case '百分比':
      return percent(n);
    default:
      // As written (the unit left out); a figure that was never written (derived) in 万元.
      if (value.amount) return value.amount.text ? value.toString() : wan(n);
      return value.toString();
  }
}
