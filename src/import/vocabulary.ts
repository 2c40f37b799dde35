// The words around a table's cells: the pack's (template.yaml print.tables: the 行次/栏次 labels,
// the caption line, the unit texts) where it has them, and the few every 决算 sheet shares
// whatever the jurisdiction (a unit line names 万元 or 元; a note line starts 注 or 说明).
import type { TablePrint } from '../template/print.js';
import type { TableDef, Template } from '../template/types.js';
import { numbered } from './definition.js';

/** The unit line: 金额单位：万元, 单位:元. */
export const UNIT_LINE = /(?:金额)?单位[:：]?\s*(万元|元)/u;

/** A note under a table: 注:… 说明:… */
export const NOTE_LINE = /^(?:注|说明)\s*[:：\d]/u;

/** How the template prints its tables (template.yaml print.tables). */
export function tablePrint(template: Template): TablePrint {
  return template.manifest.print?.tables ?? {};
}

/** The 行次/栏次 labels of a table: the pack's, unless the table prints none (showRowNumbers: false). */
export function lanciOf(def: TableDef, template: Template): { row: string; column: string } | undefined {
  return numbered(def) ? tablePrint(template).lanci : undefined;
}
