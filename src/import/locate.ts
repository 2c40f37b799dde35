// Finds the template's tables in a workbook: a cell that reads a table's title (after any
// department or year prefix; the longest title wins, so 财政拨款收入支出决算总表 is not taken for
// 收入支出决算总表) or its 表号 (公开05, 公开 05 表), in any sheet; else a sheet named after one.
// Each table's region runs to the next table found in the same sheet.
import type { TableDef, Template } from '../template/types.js';
import { norm } from './normalize.js';
import { cellAt, type Sheet, type Workbook } from './workbook.js';

export interface Region {
  table: TableDef;
  sheet: Sheet;
  /** The title (or 表号) cell. */
  row: number;
  col: number;
  /** The region's rows: [from, to). */
  from: number;
  to: number;
}

/** A title may follow a prefix (a department, a year) of at most this many characters. */
const MAX_PREFIX = 40;

function titleMatch(text: string, tables: TableDef[]): TableDef | undefined {
  const t = norm(text);
  let best: TableDef | undefined;
  for (const table of tables) {
    const title = norm(table.title);
    if (title === '' || !t.endsWith(title) || t.length - title.length > MAX_PREFIX) continue;
    if (!best || title.length > norm(best.title).length) best = table;
  }
  return best;
}

function numberMatch(text: string, tables: TableDef[]): TableDef | undefined {
  const t = norm(text).replace(/^表号[:]?/u, '');
  return tables.find((table) => {
    const id = norm(table.id);
    // The printed 表号, when the definition names it (number: 公开02表).
    const printed = (table as TableDef & { number?: string }).number;
    return t === id || t === `${id}表` || (printed !== undefined && t === norm(printed));
  });
}

/** Every table of the template found in the workbooks, in sheet order. */
export function findRegions(books: Workbook[], template: Template): Region[] {
  const tables = [...template.tables.values()];
  const out: Region[] = [];
  for (const book of books) {
    for (const sheet of book.sheets) {
      const found: { table: TableDef; row: number; col: number; byTitle: boolean }[] = [];
      for (let r = 0; r < sheet.rows; r++) {
        for (let c = 0; c < sheet.cols; c++) {
          const cell = cellAt(sheet, r, c);
          if (!cell || cell.number !== undefined) continue;
          const byTitle = titleMatch(cell.text, tables);
          const table = byTitle ?? numberMatch(cell.text, tables);
          if (!table) continue;
          // A 表号 next to a title found already (a few rows up) belongs to it.
          const near = found.find((f) => f.table === table && r - f.row <= 4);
          if (near) {
            if (byTitle && !near.byTitle) Object.assign(near, { row: Math.min(near.row, r), col: c, byTitle: true });
            continue;
          }
          found.push({ table, row: r, col: c, byTitle: Boolean(byTitle) });
        }
      }
      if (found.length === 0) {
        const byName = titleMatch(sheet.name, tables) ?? numberMatch(sheet.name, tables);
        if (byName) found.push({ table: byName, row: 0, col: 0, byTitle: false });
      }
      found.sort((a, b) => a.row - b.row || a.col - b.col);
      found.forEach((f, i) => {
        // A 表号 line usually sits between the title and the header: start at the higher of the two.
        out.push({ table: f.table, sheet, row: f.row, col: f.col, from: f.row, to: found[i + 1]?.row ?? sheet.rows });
      });
    }
  }
  return out;
}
