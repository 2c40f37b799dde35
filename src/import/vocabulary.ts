// The words every 决算 table layout shares, whatever the jurisdiction: the 栏次/行次 markers, the
// unit line, the note lines under a table. A template's own words (titles, headers, row labels)
// come from its table definitions, never from here.

/** The cell that names the row of column numbers (栏次), and the header of row numbers (行次). */
export const COLUMN_NUMBERS = '栏次';
export const ROW_NUMBERS = '行次';

/** The unit line: 金额单位：万元, 单位:元. */
export const UNIT_LINE = /(?:金额)?单位[:：]?\s*(万元|元)/u;

/** A note under a table: 注:… 说明:… */
export const NOTE_LINE = /^(?:注|说明)\s*[:：\d]/u;
