// The print settings of a template (template.yaml `print`): the cover, the 目录, the heading
// numbering that gives the outline levels, the fonts, the PDF metadata, and how the 公开 tables
// print (the caption line, 行次/栏次, the 项目 header row, code columns). All wording is the pack's.

export interface CaptionLine {
  /** Texts of the line above a table; {{部门}} {{年度}} {{表号}} {{单位}} are filled in. */
  left?: string;
  center?: string;
  right?: string;
}

export interface TablePrint {
  /** The line above each table (部门, 年度, 表号, 金额单位). */
  caption?: CaptionLine;
  /** How the unit prints in the caption ({{单位}}): 万元 → 金额单位：万元. */
  unit?: Record<string, string>;
  /** The 行次 column and 栏次 row of the official tables, with their labels; absent: none. */
  lanci?: { row: string; column: string };
  /** The header row over the code and name columns (项目); absent: none. */
  itemRow?: string;
  /** Labels of the split code columns (类, 款, 项); absent: the code prints in one column. */
  codeColumns?: string[];
  /** Header of the amount column of a panel (金额). */
  panelAmount?: string;
  /** Amounts with thousands separators (24,535.67), as Shanghai prints them; default none (24535.67). */
  grouping?: boolean;
}

export interface PrintSettings {
  /** The 尾数 note printed under the 目录. */
  note?: string;
  /** Cover lines ({{部门}}, {{年度}}). */
  cover?: { title?: string; subtitle?: string };
  /** The document title (HTML title, PDF Title). */
  title?: string;
  /** The 目录: its title, the heading levels it lists, and whether it prints page numbers (default true). */
  toc?: { title?: string; levels?: number; pages?: boolean };
  /** Regular expressions for heading numbers, highest rank first (第X部分, 一、, （一）, 1.). */
  numbering?: string[];
  /** The body and heading fonts the official report uses. */
  font?: { body?: '宋体' | '仿宋' | '楷体' | '黑体'; heading?: '宋体' | '仿宋' | '楷体' | '黑体' };
  /** PDF metadata ({{部门}}, {{年度}}); the Author is the department. */
  metadata?: { subject?: string; keywords?: string[] };
  tables?: TablePrint;
}
