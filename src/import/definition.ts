// The optional fields of a table definition that shape its printed layout (schemas/
// table-definition.schema.json): 行次/栏次 or none, the caption line, a transposed table, how zero
// prints, one code column or 类/款/项, a header spanning code and name. Import and export read them.
import type { RowDef, SectionDef, TableDef } from '../template/types.js';

export type LayoutTable = TableDef & {
  /** 表号 as printed (公开02表). */
  number?: string;
  showRowNumbers?: boolean;
  caption?: { number?: boolean; department?: boolean; year?: boolean; unit?: string };
  showPanelLabels?: boolean;
  /** Each row prints as a column group (its columns beneath it) under `header`. */
  transpose?: { header?: string };
  zeroText?: string;
  emptyNote?: string;
};

export type LayoutSection = SectionDef & { headerGroup?: string; codeColumns?: number; total?: { key: string; label?: string; position?: 'top' | 'bottom' } };

export type LayoutRow = RowDef & { group?: string };

export function layoutOf(def: TableDef): LayoutTable {
  return def as LayoutTable;
}

/** Whether the table prints 行次 and the 栏次 row (default yes). */
export function numbered(def: TableDef): boolean {
  return layoutOf(def).showRowNumbers !== false;
}
