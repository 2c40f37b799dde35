// `juesuan export`, the pure part: a report's official tables, one sheet each in the template's
// order, laid out as printed, as the bytes of an .xlsx workbook.
import type { ReportData } from '../data/read.js';
import { tableGrid } from './layout.js';
import { writeXlsx } from './xlsx.js';

/** The workbook of a report's official tables; the ids of the tables it holds. */
export function exportTables(report: ReportData): { bytes: Uint8Array; tables: string[] } {
  const ctx = { department: report.frontMatter.department, year: report.frontMatter.year };
  const tables = [...report.template.tables.keys()].filter((id) => report.tables.has(id));
  const grids = tables.map((id) => tableGrid(report.tables.get(id)!, ctx));
  return { bytes: writeXlsx(grids), tables };
}
