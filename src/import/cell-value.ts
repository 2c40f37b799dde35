// A workbook cell → a Decimal, never through a float unchecked: a text cell is parsed from its
// text; a numeric cell's stored double is taken at its shortest round-trip decimal and rounded to
// the decimals its number format shows (292.89999999999998 shown as 292.90 → 292.90).
import { Decimal } from 'decimal.js';
import { halfWidth, parseAmount, parseCount, parseScore } from '../amount/parse.js';
import type { Unit } from '../amount/amount.js';
import type { WorkCell } from './workbook.js';

export type ValueKind = 'amount' | 'count' | 'score';

/** `stated`: the decimals are the cell's own (its text, its number format), not General's happenstance. */
export type CellRead = { ok: true; value: Decimal | null; decimals: number; stated: boolean } | { ok: false; rule: string; reason: string };

/** The first section of a number format with its literals removed (quoted text, escapes, [colour]…). */
function formatCore(format: string): string {
  const section = format.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/u)[0] ?? '';
  return section.replace(/"[^"]*"/gu, '').replace(/\\./gu, '').replace(/\[[^\]]*\]/gu, '').replace(/[_*]./gu, '');
}

/** The decimals a number format shows, or undefined for General (or no format). */
export function formatDecimals(format: string | undefined): number | undefined {
  if (!format || /^general$/iu.test(format.trim())) return undefined;
  const core = formatCore(format);
  const point = core.indexOf('.');
  if (point === -1) return 0;
  return /^[0#?]*/u.exec(core.slice(point + 1))![0].length;
}

/** The format shows a percentage or a date, not a plain number. */
function formatKind(format: string | undefined): 'percent' | 'date' | 'number' {
  if (!format) return 'number';
  const core = formatCore(format);
  if (core.includes('%')) return 'percent';
  if (/[ymdhs]/iu.test(core) && !/[0#?]/u.test(core)) return 'date';
  return 'number';
}

/** Text that stands for an empty cell: nothing, or only dashes (— ——, -, －). */
export function isBlankText(text: string): boolean {
  return /^[\s\u3000]*[-—–－]*[\s\u3000]*$/u.test(text);
}

function decimalsOf(d: string): number {
  const point = d.indexOf('.');
  return point === -1 ? 0 : d.length - point - 1;
}

function fromText(text: string, kind: ValueKind, unit: Unit): CellRead {
  let t = halfWidth(text.normalize('NFKC')).trim();
  let negative = false;
  // Accounting negatives: (3.00)
  const paren = /^\((.*)\)$/u.exec(t);
  if (paren) {
    t = paren[1]!.trim();
    negative = true;
  }
  const parsed = kind === 'amount' ? parseAmount(t, unit) : kind === 'count' ? parseCount(t) : parseScore(t);
  if (!parsed.ok) return parsed;
  if (parsed.value === null) return { ok: true, value: null, decimals: 0, stated: true };
  if (kind === 'amount') {
    const a = parsed.value as { yuan: Decimal; unit: Unit; decimals: number };
    if (a.unit !== unit) return { ok: false, rule: 'import/unit-mismatch', reason: `「${text}」的单位与表的金额单位「${unit}」不同` };
    const v = unit === '元' ? a.yuan : a.yuan.div(10000);
    return { ok: true, value: negative ? v.neg() : v, decimals: a.decimals, stated: true };
  }
  const v = parsed.value as Decimal;
  return { ok: true, value: negative ? v.neg() : v, decimals: decimalsOf(t.replace(/,/gu, '')), stated: true };
}

/** Reads a cell as an amount (in `unit`), a count or a score; an empty cell is null. */
export function readCell(cell: WorkCell | undefined, kind: ValueKind, unit: Unit): CellRead {
  if (!cell) return { ok: true, value: null, decimals: 0, stated: true };
  if (cell.number === undefined) {
    if (isBlankText(cell.text)) return { ok: true, value: null, decimals: 0, stated: true };
    return fromText(cell.text, kind, unit);
  }
  if (!Number.isFinite(cell.number)) return { ok: false, rule: 'import/number', reason: `单元格的值「${cell.text}」不是数字` };
  const shape = formatKind(cell.format);
  if (shape !== 'number') {
    return { ok: false, rule: 'import/number', reason: `单元格格式为${shape === 'percent' ? '百分比' : '日期'}(显示为「${cell.text}」),此处应为数字` };
  }
  // The shortest decimal that the stored double rounds back to (292.9 for 292.89999999999998).
  const exact = new Decimal(String(cell.number));
  let decimals = formatDecimals(cell.format);
  const stated = decimals !== undefined;
  if (decimals === undefined) {
    // General: as many decimals as the cell shows.
    const shown = /^-?[\d,]*\.?(\d*)/u.exec(cell.text.trim());
    decimals = shown && cell.text.includes('.') ? shown[1]!.length : exact.decimalPlaces();
  }
  const value = exact.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  if (kind === 'count' && (!value.isInteger() || value.isNegative())) return { ok: false, rule: 'count/format', reason: `「${cell.text}」应为不带小数的非负整数` };
  if (kind === 'score' && value.isNegative()) return { ok: false, rule: 'score/format', reason: `「${cell.text}」分数不能为负` };
  return { ok: true, value, decimals, stated };
}
