// The optional fields of a table definition that shape its printed layout (schemas/
// table-definition.schema.json): 行次/栏次 or none, the caption line, a transposed table, how zero
// prints, one code column or 类/款/项, a header spanning code and name. Import and export read them.
import type { RowDef, SectionDef, TableDef } from '../template/types.js';

// The template's own types carry these fields (src/template/types.ts); the names stay for import's readers.
export type LayoutTable = TableDef;
export type LayoutSection = SectionDef;
export type LayoutRow = RowDef;

export function layoutOf(def: TableDef): LayoutTable {
  return def;
}

/** Whether the table prints 行次 and the 栏次 row (default yes). */
export function numbered(def: TableDef): boolean {
  return layoutOf(def).showRowNumbers !== false;
}
