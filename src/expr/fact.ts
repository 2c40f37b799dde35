// A fact: what an expression evaluates to — a value of the report (an Amount in 元, or a Decimal
// count, score or percentage), the interval it stands for, a Chinese label, where it was written,
// its kind, and for a fact read from the report its stable key (公开05/科目/2010504/项目支出).
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { DataNode, Where } from '../data/tree.js';
import type { Template } from '../template/types.js';
import { intervalOf, ZERO_INTERVAL, type Interval } from './interval.js';

export type FactKind = 'amount' | 'percent' | 'count' | 'score' | 'text' | 'invalid';

export interface Fact {
  /** An Amount, a count, score or percentage (Decimal), or null for an empty cell. */
  value: Amount | Decimal | null;
  /**
   * What the value stands for (元 for amounts): an Amount's 尾数 interval, a point for exact values,
   * 0 for an empty cell; for a ratio, the range its operands' intervals allow.
   */
  interval: Interval;
  /** The text of a text value. */
  text?: string;
  where: Where | undefined;
  /** Where to point when the fact was not written (the block, or the row). */
  fallback: Where | undefined;
  /** A readable name: 公开01 收入 › 本年收入合计. */
  label: string;
  /** `invalid`: the value could not be read (already reported), so no rule uses it. */
  kind: FactKind;
  /**
   * The stable key of a fact read from the report: 公开05/科目/2010504/项目支出 (table, section, row
   * code or key, column), 项目绩效/<项目>/资金/执行数 (block kind, name, path), and for a derived
   * figure its path (预算执行/决算/支出总额). Absent for a value computed by a function.
   */
  key?: string;
  /** A derived figure (data/derived.ts) rather than a written one. */
  derived?: boolean;
  /** The data node, for a reference that names a map or list (a whole 绩效 block…). */
  node?: DataNode;
  /** For a computed value: the facts it was computed from. */
  from?: Fact[];
}

/** A fact of a value, its interval taken from the value (a printed zero exact when `exactZero`). */
export function factOf(value: Amount | Decimal | null, rest: Omit<Fact, 'value' | 'interval'>, exactZero = false): Fact {
  const zero = exactZero && value !== null && !Decimal.isDecimal(value) && (value as Amount).yuan.isZero();
  return { value, interval: zero ? ZERO_INTERVAL : intervalOf(value), ...rest };
}

/**
 * Whether a printed 0 / 0.00 is an exact zero (no 尾数) in a table, or in the other blocks: the
 * table's `exactZeros`, else the template's `check.exactZeros` (Shanghai prints 0.00 in empty cells).
 */
export function exactZeros(template: Template, tableId?: string): boolean {
  const table = tableId ? template.tables.get(tableId) : undefined;
  return table?.exactZeros ?? template.manifest.check?.exactZeros ?? false;
}

/** The place a fact points at: where it was written, else its row or block. */
export function placeOfFact(f: Fact) {
  return f.where?.place ?? f.fallback?.keyPlace ?? f.fallback?.place;
}

/** The file of a fact. */
export function fileOfFact(f: Fact): string {
  return (f.where ?? f.fallback)?.file.path ?? '';
}
