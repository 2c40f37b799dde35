// The rules one table's definition implies, collected as relations: each row's column sums, each
// column's row sums, 其中 rows, and — from the codes alone — the 类 = Σ款 = Σ项 hierarchy; its
// missing parents and negative amounts are reported as found.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { ReportData } from '../data/read.js';
import type { RowData, SectionData, TableData } from '../data/tables.js';
import { exactZeros, factOf, type Fact } from '../expr/fact.js';
import { keyOf } from '../expr/path.js';
import { findRow } from '../expr/resolve.js';
import type { Relation } from './relations.js';

const ONE = new Decimal(1);

/** Whether the table's printed zeros are exact (the pack's exactZeros), by table. */
const exactByTable = new WeakMap<TableData, boolean>();

function fact(table: TableData, section: SectionData, row: RowData | undefined, column: string, fallbackRow?: RowData, rowName?: string): Fact {
  const exactZero = exactByTable.get(table) ?? false;
  const multi = table.def.sections.length > 1;
  const single = section.def.columns.length === 1;
  const cell = row?.cells.get(column);
  const label = `${table.def.id} ${multi ? `${section.def.key} › ` : ''}${row?.key ?? '?'}${single ? '' : ` › ${column}`}`;
  return factOf(cell?.value ?? null, {
    where: cell?.where,
    fallback: row?.where ?? fallbackRow?.where,
    label,
    kind: cell?.invalid ? 'invalid' : row?.def?.type === 'count' ? 'count' : 'amount',
    key: keyOf([table.def.id, section.def.key, row?.code ?? row?.key ?? rowName ?? '?', column]),
  }, exactZero);
}

function notApplicable(row: RowData, column: string): boolean {
  return Boolean(row.def?.na?.includes(column));
}

/** Row and column sums and 其中 rows of the definition. */
function definedSums(out: Relation[], table: TableData, section: SectionData): void {
  for (const column of section.def.columns) {
    if (!column.sum) continue;
    const description = `${table.def.id} 每行「${column.key}」应等于 ${column.sum.join(' + ')}`;
    for (const row of section.rows) {
      if (notApplicable(row, column.key)) continue;
      const parts = column.sum.map((c) => ({ fact: fact(table, section, row, c), weight: ONE }));
      out.push({ rule: 'balance/column-sum', kind: 'sum', severity: 'error', description, total: fact(table, section, row, column.key), parts });
    }
  }
  for (const row of section.rows) {
    const def = row.def;
    if (def?.sum) {
      const description = `${table.def.id}「${row.key}」应等于各组成行之和`;
      for (const column of section.def.columns) {
        if (notApplicable(row, column.key)) continue;
        const parts = def.sum.map((key) => ({ fact: fact(table, section, findRow(section, key), column.key, row, key), weight: ONE }));
        out.push({ rule: 'balance/row-sum', kind: 'sum', severity: 'error', description, total: fact(table, section, row, column.key), parts });
      }
    }
    if (def?.within) {
      const outer = findRow(section, def.within);
      const description = `${table.def.id}「${row.key}」是「${def.within}」的其中数`;
      for (const column of section.def.columns) {
        if (notApplicable(row, column.key)) continue;
        out.push({ rule: 'balance/within', kind: 'le', severity: 'error', description, left: [fact(table, section, row, column.key)], right: [fact(table, section, outer, column.key, row, def.within)] });
      }
    }
  }
}

/** The 类/款/项 hierarchy, derived from the codes of a classified section's rows. */
function hierarchy(vfile: VFile, out: Relation[], table: TableData, section: SectionData): void {
  const classification = section.classification;
  if (!classification) return;
  const digits = classification.digits;
  const coded = section.rows.filter((r) => r.code && digits.includes(r.code.length));
  const levelOf = (code: string) => digits.indexOf(code.length);
  const parentOf = (code: string) => {
    const level = levelOf(code);
    return level > 0 ? code.slice(0, digits[level - 1]) : undefined;
  };
  const byCode = new Map(coded.map((r) => [r.code!, r]));
  // Rows of a classified section (no fixed rows) must print their parents.
  if (!section.def.rows) {
    for (const row of coded) {
      const parent = parentOf(row.code!);
      if (parent && !byCode.has(parent)) {
        diagnose(vfile, {
          rule: 'hierarchy/missing-parent',
          reason: `${table.def.id}: ${classification.levels[levelOf(row.code!)] ?? ''}「${row.key}」之上缺少${classification.levels[levelOf(parent)] ?? ''}「${parent}」行`,
          file: row.where?.file.path ?? '',
          place: row.where?.keyPlace ?? row.where?.place,
        });
      }
    }
  }
  const groups: [RowData | undefined, RowData[], string][] = [];
  for (const row of coded) {
    const children = coded.filter((c) => parentOf(c.code!) === row.code);
    if (children.length) groups.push([row, children, `${table.def.id} ${row.key} 应等于其下各${classification.levels[levelOf(row.code!) + 1] ?? ''}之和`]);
  }
  if (section.def.total && !section.def.rows) {
    const total = section.byKey.get(section.def.total.key);
    const top = coded.filter((r) => levelOf(r.code!) === 0);
    if (total && top.length) groups.push([total, top, `${table.def.id} ${section.def.total.key}应等于各${classification.levels[0] ?? ''}之和`]);
  }
  for (const [parent, children, description] of groups) {
    for (const column of section.def.columns) {
      // A fixed row that already declares its sum is checked by definedSums.
      if (parent?.def?.sum) continue;
      const parts = children.map((c) => ({ fact: fact(table, section, c, column.key), weight: ONE }));
      out.push({ rule: 'hierarchy/sum', kind: 'sum', severity: 'error', description, total: fact(table, section, parent, column.key), parts });
    }
  }
}

/** No negative amount, except in rows the definition marks `signed` (结余分配…). */
function negatives(vfile: VFile, table: TableData, section: SectionData): void {
  for (const row of section.rows) {
    if (row.def?.signed) continue;
    for (const [column, cell] of row.cells) {
      const value = cell.value;
      const yuan = value && !Decimal.isDecimal(value) ? (value as { yuan: Decimal }).yuan : (value as Decimal | null);
      if (!yuan || !yuan.isNegative() || !cell.where) continue;
      diagnose(vfile, {
        rule: 'balance/negative',
        reason: `${table.def.id}「${row.key}」${section.def.columns.length > 1 ? `「${column}」` : ''}为负数;此栏不应为负`,
        file: cell.where.file.path,
        place: cell.where.place,
      });
    }
  }
}

/** The relations the table definitions imply (missing parents and negatives are reported here). */
export function tableRelations(vfile: VFile, report: ReportData): Relation[] {
  const out: Relation[] = [];
  for (const table of report.tables.values()) {
    exactByTable.set(table, exactZeros(report.template, table.def.id));
    for (const section of table.sections.values()) {
      definedSums(out, table, section);
      hierarchy(vfile, out, table, section);
      negatives(vfile, table, section);
    }
  }
  return out;
}
