// The field names of a template's 绩效 data blocks (资金, 执行数, 指标, 三级指标…), as the pack
// declares them in template.yaml `performance.fields`; a pack that declares none gets the names
// of the national 绩效自评表. Which block kinds are 绩效 tables is the pack's `performance.tables`.
import type { Template } from '../template/types.js';

export interface PerfFields {
  /** The funds map of a table and its entries. */
  funds: string;
  initialBudget: string;
  budget: string;
  spent: string;
  rate: string;
  /** An indicator's (and the funds row's) score, its weight, the table's written total. */
  score: string;
  weight: string;
  total: string;
  /** The indicator groups (一级 → 二级 → list) and an indicator's fields. */
  indicators: string;
  name: string;
  target: string;
  actual: string;
  /** The 一级 or 二级 group of cost indicators (its name contains this). */
  cost: string;
  /** A 部门评价 table's 产出 table (二级 → list). */
  outputs: string;
}

export const DEFAULT_FIELDS: PerfFields = {
  funds: '资金',
  initialBudget: '年初预算数',
  budget: '全年预算数',
  spent: '执行数',
  rate: '执行率',
  score: '得分',
  weight: '分值',
  total: '总分',
  indicators: '指标',
  name: '三级指标',
  target: '年度指标值',
  actual: '实际完成值',
  cost: '成本',
  outputs: '产出表',
};

/** The field names of a template's 绩效 blocks. */
export function perfFields(template: Template | undefined): PerfFields {
  return { ...DEFAULT_FIELDS, ...(template?.manifest.performance?.fields ?? {}) };
}

export type PerfRole = 'project' | 'whole' | 'evaluation';

/** The block kinds of a role (项目 / 部门整体 / 部门评价 tables), as the pack declares them. */
export function kindsOf(template: Template, role: PerfRole): string[] {
  return Object.entries(template.manifest.performance?.tables ?? {})
    .filter(([, r]) => r === role)
    .map(([kind]) => kind);
}
