// A printed table as a grid of cells — what a sheet of the exported workbook holds: each cell's
// text or number (a Decimal's exact text, never a float), its style, the merged ranges and the
// column widths. Built by export/layout.ts, written by export/xlsx.ts.

export type CellStyle = 'title' | 'meta' | 'metaRight' | 'header' | 'label' | 'labelTotal' | 'code' | 'number' | 'count' | 'na' | 'blank' | 'note';

export interface GridCell {
  /** Text, or a number's exact decimal text. */
  text: string;
  number?: boolean;
  /** Decimals a number shows (its number format). */
  decimals?: number;
  style: CellStyle;
}

export interface Grid {
  name: string;
  cells: Map<string, GridCell>;
  merges: { top: number; left: number; bottom: number; right: number }[];
  widths: number[];
  rows: number;
  cols: number;
  landscape: boolean;
}

export function newGrid(name: string, widths: number[], landscape = false): Grid {
  return { name, cells: new Map(), merges: [], widths, rows: 0, cols: widths.length, landscape };
}

export function put(grid: Grid, row: number, col: number, cell: GridCell): void {
  grid.cells.set(`${row},${col}`, cell);
  grid.rows = Math.max(grid.rows, row + 1);
  grid.cols = Math.max(grid.cols, col + 1);
}

/** A cell merged over a range (the range's other cells get the same style, for their borders). */
export function span(grid: Grid, top: number, left: number, bottom: number, right: number, cell: GridCell): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) put(grid, r, c, r === top && c === left ? cell : { text: '', style: cell.style });
  if (bottom > top || right > left) grid.merges.push({ top, left, bottom, right });
}
