// The cells of an official table, read from its data block through the table's definition:
// every section, row (fixed rows in the official order, classified rows in the written order)
// and column, with its value and where it was written. Codes are checked against the template's
// classification here, since a row's identity is its code.
import type { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import type { Amount } from '../amount/amount.js';
import { diagnose } from '../diagnostics/message.js';
import { suggest } from '../schema/errors.js';
import { rowKey, rowLabel, type Classification, type RowDef, type SectionDef, type TableDef, type Template } from '../template/types.js';
import { textOf as textOfNode, type DataNode, type Where } from './tree.js';

export interface Cell {
  /** The value (Amount for amounts, Decimal for counts), or null for an empty cell. */
  value: Amount | Decimal | null;
  /** Where it was written; undefined when the data did not write this cell. */
  where: Where | undefined;
  /** The text could not be read as a value (reported already): rules leave the cell out. */
  invalid?: boolean;
}

export interface RowData {
  key: string;
  label: string;
  code?: string;
  def?: RowDef;
  cells: Map<string, Cell>;
  where: Where | undefined;
}

export interface SectionData {
  def: SectionDef;
  classification?: Classification;
  rows: RowData[];
  byKey: Map<string, RowData>;
}

export interface TableData {
  def: TableDef;
  sections: Map<string, SectionData>;
}

const CODE_ROW = /^(\d+)\s+(.+)$/u;

function cellOf(node: DataNode | undefined): Cell {
  if (!node) return { value: null, where: undefined };
  if (node.kind === 'amount' || node.kind === 'count') return { value: node.value, where: node.where };
  if (node.kind === 'invalid') return { value: null, where: node.where, invalid: true };
  return { value: null, where: node.where };
}

function readRow(section: SectionDef, node: DataNode | undefined): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  if (section.columns.length === 1) {
    cells.set(section.columns[0]!.key, cellOf(node));
    return cells;
  }
  // A value written where a map of columns belongs is reported by the schema; its cells are unreadable.
  const misplaced = node !== undefined && node.kind !== 'map' && node.kind !== 'list' && textOfNode(node) !== '';
  for (const column of section.columns) {
    const cell = node?.kind === 'map' ? node.entries.get(column.key) : undefined;
    cells.set(column.key, misplaced ? { value: null, where: node.where, invalid: true } : cellOf(cell));
  }
  return cells;
}

function checkCode(vfile: VFile, classification: Classification, code: string, name: string, where: Where, tableId: string): void {
  const file = where.file.path;
  const place = where.keyPlace ?? where.place;
  if (!classification.digits.includes(code.length)) {
    const known = [...classification.codes.entries()].map(([c, n]) => `${c} ${n}`);
    const hint = [...classification.codes.entries()].find(([, n]) => n === name);
    diagnose(vfile, {
      rule: 'hierarchy/code-format',
      reason:
        `${tableId}: 编码「${code}」有 ${code.length} 位,${classification.name}的编码应为 ${classification.digits.join('/')} 位` +
        (hint ? `;「${name}」的编码是「${hint[0]}」` : suggest(`${code} ${name}`, known) ? `,是否为「${suggest(`${code} ${name}`, known)}」?` : ''),
      file,
      place,
    });
    return;
  }
  const official = classification.codes.get(code);
  if (official === undefined) {
    diagnose(vfile, {
      rule: 'hierarchy/unknown-code',
      reason: `${tableId}: 模板的${classification.name}中没有编码「${code}」;若为新科目,请加入模板的分类表`,
      file,
      place,
      severity: 'warning',
    });
  } else if (official !== name) {
    diagnose(vfile, {
      rule: 'hierarchy/code-name',
      reason: `${tableId}: 编码 ${code} 的科目名称应为「${official}」,此处写作「${name}」`,
      file,
      place,
      expected: official,
      actual: name,
    });
  }
}

function readSection(vfile: VFile, template: Template, table: TableDef, section: SectionDef, node: DataNode | undefined): SectionData {
  const classification = section.classification ? template.classifications.get(section.classification) : undefined;
  const rows: RowData[] = [];
  const entries = node?.kind === 'map' ? node.entries : new Map<string, DataNode>();
  if (section.rows) {
    for (const def of section.rows) {
      const key = rowKey(def, classification);
      if (!key || def.heading) continue;
      const written = entries.get(key);
      rows.push({ key, label: rowLabel(def, classification), ...(def.code ? { code: def.code } : {}), def, cells: readRow(section, written), where: written?.where });
    }
  } else {
    for (const [key, written] of entries) {
      if (section.total && key === section.total.key) {
        rows.push({ key, label: section.total.label ?? key, cells: readRow(section, written), where: written.where });
        continue;
      }
      const match = CODE_ROW.exec(key);
      if (!match) continue; // the schema has already reported the key
      const [, code, name] = match as unknown as [string, string, string];
      if (classification) checkCode(vfile, classification, code, name.trim(), written.where, table.id);
      rows.push({ key, label: name.trim(), code, cells: readRow(section, written), where: written.where });
    }
  }
  return { def: section, ...(classification ? { classification } : {}), rows, byKey: new Map(rows.map((r) => [r.key, r])) };
}

/** Reads a table's cells from its block's typed tree. */
export function readTable(vfile: VFile, template: Template, table: TableDef, root: DataNode): TableData {
  const sections = new Map<string, SectionData>();
  for (const section of table.sections) {
    const node = table.sections.length === 1 ? root : root.kind === 'map' ? root.entries.get(section.key) : undefined;
    sections.set(section.key, readSection(vfile, template, table, section, node));
  }
  return { def: table, sections };
}
