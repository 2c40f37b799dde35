// A table's header in a sheet: the rows between its title and its first data row, read through
// merged cells (a merged header shows its text over every column it spans), as one path of
// normalised labels per column, top to bottom; and the 栏次 row's numbers.
import { norm } from './normalize.js';
import { COLUMN_NUMBERS, ROW_NUMBERS } from './vocabulary.js';
import { cellAt, mergeAt, shownText, type Sheet } from './workbook.js';

export interface Header {
  /** First and last header row (0-based, inclusive). */
  top: number;
  bottom: number;
  /** Per column: the normalised labels over it, top to bottom, repeats (vertical merges) removed. */
  paths: string[][];
  /** Per column: its number in the 栏次 row, if there is one. */
  numbers: (number | undefined)[];
  /** Per column: the non-numeric text of the 栏次 row (类/款/项 under a split code header). */
  levels: string[];
  /** The row of column numbers, if any. */
  numbersRow: number | undefined;
}

function hasNumber(sheet: Sheet, row: number): boolean {
  for (let c = 0; c < sheet.cols; c++) {
    const cell = cellAt(sheet, row, c);
    if (cell?.number !== undefined) return true;
  }
  return false;
}

/** The row of column numbers: small integers, 类/款/项-like short words, and 栏次 or 行次. */
function isNumbersRow(sheet: Sheet, row: number): boolean {
  let small = 0;
  let marker = false;
  for (let c = 0; c < sheet.cols; c++) {
    const t = norm(cellAt(sheet, row, c)?.text ?? '');
    if (t === COLUMN_NUMBERS || t === ROW_NUMBERS) marker = true;
    else if (/^\d{1,2}$/u.test(t)) small++;
    else if (t !== '' && !/^[^\d]{1,2}$/u.test(t)) return false;
  }
  return marker ? small >= 1 : small >= 2;
}

/**
 * Finds the header of a table whose region starts at `from` (the title row) and ends before
 * `to`: the first rows holding at least two of the table's header words, through the 栏次 row.
 */
export function findHeader(sheet: Sheet, from: number, to: number, words: Set<string>): Header | undefined {
  const wordsIn = (row: number) => {
    let n = 0;
    for (let c = 0; c < sheet.cols; c++) {
      const cell = cellAt(sheet, row, c);
      if (cell && words.has(norm(cell.text))) n++;
    }
    return n;
  };
  let top = -1;
  for (let r = from; r < to; r++) {
    if (wordsIn(r) >= 2 && !hasNumber(sheet, r)) {
      top = r;
      break;
    }
  }
  if (top === -1) return undefined;
  let bottom = top;
  let numbersRow: number | undefined;
  for (let r = top + 1; r < to; r++) {
    if (isNumbersRow(sheet, r)) {
      bottom = r;
      numbersRow = r;
      break;
    }
    const coveredFromAbove = Array.from({ length: sheet.cols }, (_, c) => mergeAt(sheet, r, c)).some((m) => m && m.top < r && m.top >= top);
    if ((wordsIn(r) >= 2 || coveredFromAbove) && !hasNumber(sheet, r)) bottom = r;
    else break;
  }
  const paths: string[][] = [];
  const numbers: (number | undefined)[] = [];
  const levels: string[] = [];
  for (let c = 0; c < sheet.cols; c++) {
    const path: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const text = norm(shownText(sheet, r, c));
      if (r === numbersRow) {
        if (/^\d+$/u.test(text)) numbers[c] = Number(text);
        else if (text !== COLUMN_NUMBERS) levels[c] = text;
        continue;
      }
      if (text !== '' && path[path.length - 1] !== text) path.push(text);
    }
    paths.push(path);
    levels[c] ??= '';
  }
  return { top, bottom, paths, numbers, levels, numbersRow };
}
