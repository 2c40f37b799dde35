// Test helper: builds worksheets cell by cell, as the 决算 software lays them out (merged header
// cells, number formats, text cells), and writes them as .xlsx or .xls (BIFF8) with SheetJS.
import * as XLSX from '@e965/xlsx';

export type Value = string | { n: string; z?: string } | { t: string };

/** A number cell from its decimal text (the workbook stores it as a double, as Excel does). */
export const num = (text: string, z = '#,##0.00'): Value => ({ n: text, z });
/** A text cell that holds a number (as some exports write amounts: "2,929,015.40"). */
export const txt = (text: string): Value => ({ t: text });

export class SheetBuilder {
  readonly ws: XLSX.WorkSheet = {};
  private merges: XLSX.Range[] = [];
  private maxR = 0;
  private maxC = 0;

  constructor(readonly name: string) {}

  set(r: number, c: number, value: Value | undefined): this {
    if (value === undefined || value === '') return this;
    const addr = XLSX.utils.encode_cell({ r, c });
    if (typeof value === 'string') this.ws[addr] = { t: 's', v: value };
    else if ('n' in value) this.ws[addr] = { t: 'n', v: Number(value.n), z: value.z ?? '#,##0.00' };
    else this.ws[addr] = { t: 's', v: value.t };
    this.maxR = Math.max(this.maxR, r);
    this.maxC = Math.max(this.maxC, c);
    return this;
  }

  /** Sets a row of cells from column `c0`. */
  row(r: number, c0: number, values: (Value | undefined)[]): this {
    values.forEach((v, i) => this.set(r, c0 + i, v));
    return this;
  }

  merge(r1: number, c1: number, r2: number, c2: number): this {
    this.merges.push({ s: { r: r1, c: c1 }, e: { r: r2, c: c2 } });
    this.maxR = Math.max(this.maxR, r2);
    this.maxC = Math.max(this.maxC, c2);
    return this;
  }

  /** A merged cell with its text. */
  span(r1: number, c1: number, r2: number, c2: number, value: Value): this {
    this.set(r1, c1, value);
    if (r2 > r1 || c2 > c1) this.merge(r1, c1, r2, c2);
    return this;
  }

  sheet(): XLSX.WorkSheet {
    this.ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: this.maxR, c: this.maxC } });
    this.ws['!merges'] = this.merges;
    return this.ws;
  }
}

/** The bytes of a workbook of these sheets, as .xlsx or .xls (BIFF8). */
export function workbookBytes(sheets: SheetBuilder[], type: 'xlsx' | 'xls'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, s.sheet(), s.name);
  return XLSX.write(wb, { type: 'buffer', bookType: type === 'xls' ? 'biff8' : 'xlsx', compression: true }) as Uint8Array;
}
