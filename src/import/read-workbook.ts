// A workbook file's bytes → the workbook model, through SheetJS CE (the @e965/xlsx republication
// of 0.20.3): .xlsx, .xls (BIFF8) and .csv (UTF-8 or GB18030). Pure: the caller reads the bytes.
import * as XLSX from '@e965/xlsx';
import type { Sheet, WorkCell, Workbook } from './workbook.js';

/** The file could not be read as a workbook (corrupt, encrypted, not a spreadsheet). */
export class UnreadableWorkbook extends Error {}

function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    // CSV files saved by Excel on a Chinese system are GB18030 (GBK).
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function sheetOf(file: string, name: string, ws: XLSX.WorkSheet): Sheet {
  const cells = new Map<string, WorkCell>();
  const ref = ws['!ref'];
  const range = ref ? XLSX.utils.decode_range(ref) : { s: { r: 0, c: 0 }, e: { r: -1, c: -1 } };
  for (const [key, value] of Object.entries(ws)) {
    if (key.startsWith('!')) continue;
    const cell = value as XLSX.CellObject;
    const at = XLSX.utils.decode_cell(key);
    const text = cell.w ?? (cell.v === undefined || cell.v === null ? '' : String(cell.v));
    const out: WorkCell = { text };
    if (cell.t === 'n' && typeof cell.v === 'number') out.number = cell.v;
    if (typeof cell.z === 'string') out.format = cell.z;
    if (text === '' && out.number === undefined) continue;
    cells.set(`${at.r},${at.c}`, out);
  }
  const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
  return { name, file, rows: range.e.r + 1, cols: range.e.c + 1, cells, merges };
}

/** Reads a workbook (or a CSV file, as one sheet named after the file) from its bytes. */
export function readWorkbook(bytes: Uint8Array, file: string): Workbook {
  const csv = /\.csv$/iu.test(file);
  let wb: XLSX.WorkBook;
  try {
    wb = csv
      ? XLSX.read(csvText(bytes), { type: 'string', raw: true, cellNF: true, dense: false })
      : XLSX.read(bytes, { type: 'buffer', cellNF: true, cellText: true, cellDates: false, dense: false });
  } catch (error) {
    throw new UnreadableWorkbook((error as Error).message);
  }
  const base = file.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '');
  return { file, sheets: wb.SheetNames.map((name) => sheetOf(file, csv ? base : name, wb.Sheets[name]!)) };
}
