// What every step of an import shares: the VFile that collects its diagnostics (each with the
// workbook and its sheet!cell), and the shapes of what a sheet's table becomes.
import type { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import type { Unit } from '../amount/amount.js';
import { diagnose, type Severity } from '../diagnostics/message.js';
import type { SectionDef, TableDef } from '../template/types.js';
import { address, type Sheet } from './workbook.js';

export interface ImportedValue {
  /** In the sheet's unit; null for an empty cell. */
  value: Decimal | null;
  /** Decimals the cell shows. */
  decimals: number;
  /** The decimals are the cell's own (text, number format); General's are padded to the table's. */
  stated: boolean;
  /** sheet!cell */
  cell: string;
}

export interface ImportedRow {
  /** The data key: a fixed row's key, or "code name". */
  key: string;
  code?: string;
  cells: Map<string, ImportedValue>;
  /** Where the row's label (or code) is. */
  cell: string;
}

export interface ImportedSection {
  def: SectionDef;
  rows: ImportedRow[];
}

export interface ImportedTable {
  def: TableDef;
  sheet: Sheet;
  /** The sheet's unit for amounts. */
  unit: Unit;
  sections: ImportedSection[];
  /** Where the table's title (or 表号) is. */
  cell: string;
}

/** Reports a problem at a cell of a workbook. */
export function problem(vfile: VFile, sheet: Sheet, row: number, col: number, rule: string, reason: string, severity: Severity = 'error'): void {
  diagnose(vfile, { rule, reason, file: sheet.file, cell: address(sheet, row, col), severity });
}
