// The functions an expression of the pack may call, with their arity: what the parser accepts.
// Their meaning is in functions.ts (figures) and condition.ts (conditions of rules).

export interface Signature {
  min: number;
  max: number;
  /** In Chinese, for `template check` and messages. */
  description: string;
}

export const FUNCTIONS = new Map<string, Signature>([
  ['sum', { min: 1, max: Infinity, description: '各项之和(尾数区间相加)' }],
  ['minus', { min: 2, max: 2, description: 'a − b' }],
  ['count', { min: 1, max: 2, description: '项数;count(引用, 文字) 数取值为该文字的项' }],
  ['ratio', { min: 2, max: 2, description: 'a ÷ b × 100(百分比)' }],
  ['growth', { min: 2, max: 2, description: '(a − b) ÷ |b| × 100(增减百分比)' }],
  ['prior', { min: 1, max: 1, description: '上年的同一数(经模板 narrative.prior 对照)' }],
  ['score', { min: 1, max: 1, description: '绩效表的总分(执行率得分与各指标得分之和)' }],
  ['grade', { min: 1, max: 1, description: '总分对应的等级(模板 performance.grades)' }],
  ['rate', { min: 2, max: 2, description: '执行率: 执行数 ÷ 全年预算数 × 100;执行数为空或预算为零时为空' }],
  ['grades', { min: 0, max: 0, description: '模板 performance.grades 的各等级(用于 each)' }],
  ['empty', { min: 1, max: Infinity, description: '条件: 各项都为空' }],
  ['zero', { min: 1, max: Infinity, description: '条件: 各项都为零或空' }],
  ['nonzero', { min: 1, max: Infinity, description: '条件: 至少一项不为零' }],
  ['all', { min: 1, max: Infinity, description: '条件: 各条件都成立' }],
  ['any', { min: 1, max: Infinity, description: '条件: 至少一个条件成立' }],
  ['not', { min: 1, max: 1, description: '条件: 不成立' }],
]);

/** The functions whose value is a condition (for `when:`). */
export const CONDITIONS = new Set(['empty', 'zero', 'nonzero', 'all', 'any', 'not']);
