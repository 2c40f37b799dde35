// The workbook model that import reads: sheets of cells, each with the text it displays, its raw
// number (for numeric cells) and its number format, and the merged ranges. Built from a file by
// import/read-workbook.ts; nothing here knows a file format.

export interface WorkCell {
  /** The text the cell shows (its number formatted by its number format), trimmed of nothing. */
  text: string;
  /** For a numeric cell: the stored binary double, as the file holds it (never used as money directly). */
  number?: number;
  /** The cell's number format (`#,##0.00`, `General`…), when the file says. */
  format?: string;
}

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  /** The file the sheet came from, as the user named it. */
  file: string;
  rows: number;
  cols: number;
  /** Cells by `row,col` (0-based). */
  cells: Map<string, WorkCell>;
  merges: Merge[];
}

export interface Workbook {
  file: string;
  sheets: Sheet[];
}

/** The cell at a row and column (0-based), if it holds anything. */
export function cellAt(sheet: Sheet, row: number, col: number): WorkCell | undefined {
  return sheet.cells.get(`${row},${col}`);
}

/** The merged range covering a cell, if any. */
export function mergeAt(sheet: Sheet, row: number, col: number): Merge | undefined {
  return sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
}

/** The text shown at a cell: a merged range shows its top-left cell's text over all of it. */
export function shownText(sheet: Sheet, row: number, col: number): string {
  const merge = mergeAt(sheet, row, col);
  const cell = merge ? cellAt(sheet, merge.top, merge.left) : cellAt(sheet, row, col);
  return cell?.text ?? '';
}

/** A column index as its letters: 0 → A, 26 → AA. */
export function columnName(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A cell's address as diagnostics print it: 公开05!C12. */
export function address(sheet: Sheet, row: number, col: number): string {
  return `${sheet.name}!${columnName(col)}${row + 1}`;
}
