// A report as a flat list of facts for comparing: every table cell (keyed by table, section, row
// code or key, column — so rows align by code across years), and every value of the other blocks
// (keyed by path; projects by name, indicators by 三级指标).
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import type { ReportData } from '../data/read.js';
import type { DataNode, Where } from '../data/tree.js';
import { indicatorRows } from '../perf/indicators.js';
import { wan } from '../narrate/phrases.js';

export interface Fact {
  key: string;
  /** Where it belongs, for people: 公开03 › 201 一般公共服务支出 › 基本支出. */
  label: string;
  table?: string;
  code?: string;
  name?: string;
  /** The value (in 元 for amounts), or null; text values have `text`. */
  value: Decimal | null;
  text?: string;
  amount: boolean;
  where?: Where;
}

function decimal(v: Amount | Decimal | null): Decimal | null {
  if (v === null) return null;
  return Decimal.isDecimal(v) ? (v as Decimal) : (v as Amount).yuan;
}

function leaves(node: DataNode, path: string[], out: Fact[], kind: string): void {
  if (node.kind === 'map') {
    if (node.entries.has('指标')) {
      for (const row of indicatorRows(node)) leaves(row.node, [...path, '指标', row.name], out, kind);
      for (const [k, v] of node.entries) if (k !== '指标') leaves(v, [...path, k], out, kind);
      return;
    }
    for (const [k, v] of node.entries) leaves(v, [...path, k], out, kind);
    return;
  }
  if (node.kind === 'list') {
    node.items.forEach((item, i) => leaves(item, [...path, String(i)], out, kind));
    return;
  }
  const key = path.join(' › ');
  if (node.kind === 'amount') out.push({ key, label: key, value: node.value?.yuan ?? null, amount: true, where: node.where });
  else if (node.kind === 'count' || node.kind === 'score') out.push({ key, label: key, value: node.value, amount: false, where: node.where });
  else if (node.kind === 'text') out.push({ key, label: key, value: null, text: node.text.trim(), amount: false, where: node.where });
}

/** Every fact of a report. */
export function factsOf(report: ReportData): Fact[] {
  const out: Fact[] = [];
  for (const [id, table] of report.tables) {
    for (const [sectionKey, section] of table.sections) {
      const multi = table.def.sections.length > 1;
      for (const row of section.rows) {
        for (const [column, cell] of row.cells) {
          const rowId = row.code ?? row.key;
          const single = section.def.columns.length === 1;
          out.push({
            key: `${id}|${multi ? sectionKey : ''}|${rowId}|${column}`,
            label: `${id} ${multi ? `${sectionKey} › ` : ''}${row.key}${single ? '' : ` › ${column}`}`,
            table: id,
            ...(row.code ? { code: row.code, name: row.label } : {}),
            value: decimal(cell.value),
            amount: !(cell.value && Decimal.isDecimal(cell.value)) && row.def?.type !== 'count',
            ...(cell.where ? { where: cell.where } : {}),
          });
        }
      }
    }
  }
  for (const block of report.blocks) {
    if (report.tables.has(block.kind) || block.kind === '上年') continue;
    leaves(block.root, [block.kind, ...(block.name ? [block.name] : [])], out, block.kind);
  }
  return out;
}

/** A value as printed: 万元 to 2 decimals for amounts. */
export function shown(f: Fact | undefined): string {
  if (!f) return '';
  if (f.text !== undefined) return f.text;
  if (f.value === null) return '';
  return f.amount ? wan(f.value) : f.value.toString();
}
