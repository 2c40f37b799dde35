// The shape of a table layout (templates/<t>/layouts/*.yaml): a grid of rows of cells — headers,
// labels, figures of the report named by path, repeated rows over a list, indicator groups with
// merged 一级/二级 cells — for the tables that are not 公开 tables (绩效自评表, 部门评价 tables, lists).

/** How a figure prints. */
export type CellFormat = 'text' | 'number' | '万元' | '万元简' | '元' | '百分比' | '中文日期';

interface CellBase {
  /** Columns spanned (default 1). */
  span?: number;
  /** Rows spanned (default 1). */
  rows?: number;
  /** Horizontal alignment; figures align right by default, texts left, headers centre. */
  align?: 'left' | 'center' | 'right';
  /** Extra CSS class of the cell. */
  class?: string;
}

interface ValueOptions {
  format?: CellFormat;
  /** Printed when the figure is empty or absent (default: nothing). */
  empty?: string;
}

/** A header cell (th). */
export interface HeadCell extends CellBase {
  head: string;
}

/** A fixed text (td); `{{…}}` as in the narrative partials. */
export interface TextCell extends CellBase {
  text: string;
}

/** A figure: a path (relative to the item, then the block, then the report; `模板.` = the manifest) or `sum(a, b, x.*.y)`. */
export interface ValueCell extends CellBase, ValueOptions {
  value: string;
}

/** A field of the repeated item (an indicator, a list entry). */
export interface FieldCell extends CellBase, ValueOptions {
  field: string;
  /** Appends the unit of this other field's target ("≥1次" → 1次) to a bare number. */
  unitOf?: string;
}

/** The 一级 or 二级 group name of an indicator, merged down its group. */
export interface LevelCell extends CellBase {
  level: 1 | 2;
}

/** Σ of a field over the indicator's 一级 group, merged down the group (权重). */
export interface GroupSumCell extends CellBase, ValueOptions {
  groupSum: string;
  level: 1 | 2;
}

export type Cell = HeadCell | TextCell | ValueCell | FieldCell | LevelCell | GroupSumCell;

/** One printed 二级 group: the data's groups it takes, as "一级/二级" (`*`: any). */
export type GroupMap = Record<string, Record<string, string[]>>;

export interface IndicatorRows {
  indicators: {
    /** The block's list of indicators (指标行). */
    from: string;
    /** The fields of an indicator that hold its 一级 and 二级 names (一级指标, 二级指标). */
    levels: [string, string];
    /** A cell before the header and every indicator row (绩效指标). */
    lead?: HeadCell | TextCell;
    /** The header row above the indicators. */
    header?: Cell[];
    /** Printed 一级 › 二级 › data groups, in print order; absent: as written. */
    groups?: GroupMap;
    /** Data groups that `groups` does not name: printed after them (keep) or left out (drop). */
    others?: 'keep' | 'drop';
    /** The cells of each indicator's row. */
    cells: Cell[];
  };
}

export interface EachRows {
  /** A list of the block (单位): one row per item. */
  each: string;
  cells: Cell[];
}

export type LayoutRow = Cell[] | IndicatorRows | EachRows;

/**
 * A paragraph under the table: a text ({{…}} as in the partials), a figure (`value`, `format`), or
 * one paragraph per item of a list (`each`; its text sees {{编号}} and {{内容}}).
 */
export interface Paragraph {
  text?: string;
  value?: string;
  format?: CellFormat;
  each?: string;
  class?: string;
}

export interface LayoutDef {
  id: string;
  /** The block kind whose blocks print as this table where they stand. */
  for?: string;
  /** A line above the title ({{部门}}). */
  above?: string;
  title?: string;
  subtitle?: string;
  /** Relative widths of the grid's columns (in %). */
  columns: number[];
  /** The first `head` rows are the table's header (repeated on every page). */
  head?: number;
  rows: LayoutRow[];
  after?: Paragraph[];
  /** CSS class of the table (its print style). */
  class?: string;
}
