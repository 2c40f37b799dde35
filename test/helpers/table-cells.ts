// Test helper: every cell of a compiled report's official tables as plain data — a value's exact
// amount in 元 with its 尾数 half-width (or a count), null for an empty cell — to compare two reports.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import type { Amount } from '../../src/amount/amount.js';

export type Cells = Record<string, Record<string, Record<string, Record<string, string | null>>>>;

export function tableCells(vfile: VFile): Cells {
  const out: Cells = {};
  for (const [id, table] of vfile.data.report?.tables ?? []) {
    out[id] = {};
    for (const [key, section] of table.sections) {
      const rows: Record<string, Record<string, string | null>> = {};
      for (const row of section.rows) {
        const cells: Record<string, string | null> = {};
        for (const [column, cell] of row.cells) {
          const v = cell.value;
          cells[column] = v === null ? null : Decimal.isDecimal(v) ? (v as Decimal).toString() : `${(v as Amount).yuan.toString()}±${(v as Amount).halfWidth.toString()}`;
        }
        rows[row.key] = cells;
      }
      out[id]![key] = rows;
    }
  }
  return out;
}
