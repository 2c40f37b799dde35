// Reads a 绩效 indicator's 年度指标值 ("≥98%", "=20万元", "≤4次", "=1次/每月") and 实际完成值
// ("96", "98%", "0.050405") into comparable Decimals, and says whether the target was met.
import { Decimal } from 'decimal.js';

export type Operator = '≥' | '≤' | '=' | '<' | '>';

export interface Target {
  op: Operator;
  value: Decimal;
  unit: string;
}

export interface Actual {
  value: Decimal;
  unit: string;
}

const OPERATORS: Record<string, Operator> = { '≥': '≥', '>=': '≥', '≤': '≤', '<=': '≤', '=': '=', '＝': '=', '<': '<', '>': '>' };

/** A target such as "≥98%", ">=98%", "=20万元", "<5万元", "=1次/每月"; undefined for words ("提供"). */
export function parseTarget(text: string | undefined): Target | undefined {
  const m = /^\s*(>=|<=|≥|≤|=|＝|<|>)\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(\S*)\s*$/u.exec(text ?? '');
  if (!m) return undefined;
  return { op: OPERATORS[m[1]!]!, value: new Decimal(m[2]!.replace(/,/gu, '')), unit: m[3] ?? '' };
}

/** An actual value such as "96", "98%", "=20万元", "0.050405"; undefined for words. */
export function parseActual(text: string | undefined): Actual | undefined {
  const m = /^\s*=?\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(\S*)\s*$/u.exec(text ?? '');
  if (!m) return undefined;
  return { value: new Decimal(m[1]!.replace(/,/gu, '')), unit: m[2] ?? '' };
}

/** Whether an actual value meets a target (same unit assumed when the actual names none). */
export function meets(target: Target, actual: Actual): boolean {
  const a = actual.value;
  const t = target.value;
  switch (target.op) {
    case '≥':
      return a.gte(t);
    case '≤':
      return a.lte(t);
    case '<':
      return a.lt(t);
    case '>':
      return a.gt(t);
    default:
      return a.eq(t);
  }
}

/** A money unit's size in 元, or undefined for other units. */
export function moneyUnit(unit: string): Decimal | undefined {
  if (unit === '万元') return new Decimal(10000);
  if (unit === '元') return new Decimal(1);
  return undefined;
}

/** Text forms that mean the same ("≥98%" and ">=98%", "98%" and "98"). */
export function normalizeIndicatorText(text: string | undefined): string {
  return (text ?? '')
    .replace(/>=/gu, '≥')
    .replace(/<=/gu, '≤')
    .replace(/\s+/gu, '')
    .replace(/%$/u, '');
}
