// The shape of a template: its manifest, its official table definitions and its classification
// lists. These are read from templates/<name>/ (YAML) and are the one place that knows a table.
import type { LayoutDef } from './layout.js';
import type { PrintSettings } from './print.js';

export interface ColumnDef {
  key: string;
  label?: string;
  栏次?: number;
  /** For every row: this column = Σ these columns. */
  sum?: string[];
  /** A header spanning several columns (公开07 本年支出). */
  group?: string;
}

export interface RowDef {
  /** The data key of a fixed row (absent for a blank row of the official layout). */
  key?: string;
  /** A row named by a classification code; its label comes from the classification. */
  code?: string;
  /** The ordinal printed before a code row's name (一、二、…). */
  ordinal?: string;
  label?: string;
  行次?: number;
  /** A total row (bold in print). */
  total?: boolean;
  /** For every column: this row = Σ these rows. */
  sum?: string[];
  /** Values may be negative. */
  signed?: boolean;
  /** Cells hold counts rather than amounts. */
  type?: 'amount' | 'count';
  /** Columns printed as "——". */
  na?: string[];
  /** "其中" rows: this row ≤ that row. */
  within?: string;
  /** A heading row with no values. */
  heading?: boolean;
  /** In a transposed table: the header spanning this row's column group with the rows of the same group. */
  group?: string;
}

export interface SectionDef {
  key: string;
  label?: string;
  itemHeader?: string;
  codeHeader?: string;
  /** Rows named by codes of this classification (functional, economic). */
  classification?: string;
  columns: ColumnDef[];
  /** Fixed rows, in the official order. Absent: rows come from the data (classified tables). */
  rows?: RowDef[];
  /** The 合计 row of a classified section, printed first (top, default) or last. */
  total?: { key: string; label?: string; position?: 'top' | 'bottom' };
  /** A header spanning the code and name headers (项目); default: the template's. */
  headerGroup?: string;
  /** The code in one column, or split 类/款/项 (3, the default when the template names them). */
  codeColumns?: 1 | 3;
}

export interface PanelDef {
  label: string;
  classes: string[];
}

/** Widths of one table's columns, for the fitting of its layout. */
export interface TablePrintDef {
  /** Column widths in em by column key; $item, $code, $line for the name, code and 行次 columns. */
  widths?: Record<string, number>;
  /** The width in em the table shares out (default by layout: 58 portrait, 62 ledger, 100 panels). */
  em?: number;
}

export interface TableDef {
  id: string;
  title: string;
  /** The 表号 printed in the caption line (公开02表, 表一). */
  number?: string;
  /** Whether the 行次/栏次 print (default true, when the template prints them). */
  showRowNumbers?: boolean;
  /** What the line above the table shows: 表号, 部门, 年度 (default all), the unit's text. */
  caption?: { number?: boolean; department?: boolean; year?: boolean; unit?: string };
  /** Whether a panels table prints its panels' label row (default true). */
  showPanelLabels?: boolean;
  /** A fixed table printed on its side: each row a group of columns, the values one row; `header` spans them all. */
  transpose?: { header?: string };
  /** How a zero amount prints (default 0.00). */
  zeroText?: string;
  /** Printed under the table when it has no figure; {{部门}} (or {{department}}) is the department. */
  emptyNote?: string;
  print?: TablePrintDef;
  unit: string;
  decimals?: number;
  notes?: string[];
  layout: 'ledger' | 'classified' | 'panels' | 'fixed';
  /** A printed 0 / 0.00 in this table is an exact zero (overrides the template's check.exactZeros). */
  exactZeros?: boolean;
  panels?: PanelDef[];
  sections: SectionDef[];
}

export interface Classification {
  id: string;
  name: string;
  levels: string[];
  digits: number[];
  codes: Map<string, string>;
}

/** How a number is printed in a sentence (narrate/wording.ts). */
export interface NumberFormat {
  decimals?: number;
  grouping?: boolean;
  trimWhole?: boolean;
  zero?: string;
}

/** How a template (`narrative.numbers`) or a report's front matter (`numbers`) prints amounts and percentages. */
export interface NumberFormats {
  amount?: NumberFormat;
  percent?: NumberFormat;
}

export interface GradeBand {
  min: string;
  grade: string;
}

export interface TemplateManifest {
  name: string;
  title: string;
  jurisdiction: string;
  year: number;
  unit: '万元' | '元';
  tables: string[];
  classifications: Record<string, string>;
  blocks: {
    required: string[];
    optional?: string[];
    /** Kinds a report may have several of, with the field that names each. */
    repeatable?: Record<string, string>;
    /** Kind → its JSON Schema, a file of the pack (blocks/<kind>.schema.yaml). */
    schemas: Record<string, string>;
  };
  performance?: {
    executionWeight: number;
    grades: GradeBand[];
    /** The block kinds that are 绩效 tables: a project's, the whole department's, a 部门评价 of a project. */
    tables?: Record<string, 'project' | 'whole' | 'evaluation'>;
    /** The field names of their data blocks (src/perf/fields.ts). */
    fields?: Partial<Record<'funds' | 'initialBudget' | 'budget' | 'spent' | 'rate' | 'score' | 'weight' | 'total' | 'indicators' | 'name' | 'target' | 'actual' | 'cost' | 'outputs', string>>;
  };
  check?: {
    /** A printed 0 / 0.00 is an exact zero, not ±½ of its last decimal (tables may override). */
    exactZeros?: boolean;
  };
  /** How the report prints (src/template/print.ts). */
  print?: PrintSettings;
  narrative?: {
    /** 上年 path → the path of the same figure in the previous year's report. */
    prior?: Record<string, string>;
    /** The block kind of the previous year's figures that `prior` fills from last year's report (上年). */
    priorBlock?: string;
    /** Lists for the partials: name → each block of a repeatable kind, merged with the same-named block of `with`. */
    lists?: Record<string, { of: string; with?: string }>;
    /** Names the 情况说明 uses for a code instead of the table's (303 → 对个人和家庭补助支出). */
    names?: Record<string, string>;
    /**
     * What changes, shares and rates are computed from: the values as held (元 where the data has 元;
     * the default, as the seed did), or the values as displayed (万元, 2 decimals).
     */
    percentBasis?: 'held' | 'displayed';
    /** The direction words: increase 增加, decrease 减少, flat 持平, grow 增长, fall 下降, greater 大于, less 小于, equal 等于. */
    words?: Partial<Record<'increase' | 'decrease' | 'flat' | 'grow' | 'fall' | 'greater' | 'less' | 'equal', string>>;
    /** The fixed phrases of a change, with {placeholders} (see narrate/wording.ts). */
    phrases?: Partial<Record<'change' | 'changeFromZero' | 'flat' | 'rate' | 'rateFromZero', string>>;
    /** How amounts (万元) and percentages are printed in sentences. */
    numbers?: NumberFormats;
  };
}

/** A rule between tables or beyond them (templates/<t>/rules.yaml). */
interface RuleBase {
  id: string;
  description: string;
  severity?: 'error' | 'warning';
  /** A condition (expression): the rule applies only when it holds (zero(…), empty(…), all(…)…). */
  when?: string;
}

export type RuleDef =
  | (RuleBase & { kind: 'balance' | 'le'; left: string[]; right: string[] })
  | (RuleBase & { kind: 'equal'; left: string; right: string })
  | (RuleBase & { kind: 'empty-iff'; 'when-zero': string[]; table: string })
  /** A condition that must hold (when `when` holds); `at` names the block or fact to point at. */
  | (RuleBase & { kind: 'condition'; test: string; at?: string; message?: string });

/**
 * The vocabulary that resolves a number typed in prose to the figure it names
 * (templates/<t>/prose.yaml; docs/prose.md). Data only: names, cue words, expressions.
 */
export interface ProseVocabulary {
  /** Which texts of data blocks are prose: every text of these block kinds, and fields of these names. */
  texts?: { blocks?: string[]; fields?: string[] };
  /** Units after a number that make it a literal the checker resolves. */
  units: { amount: Record<string, number>; percent: string[]; count: string[]; score: string[]; year?: string[] };
  /** Words that may stand between a name and its number ("在职人数:6人"). */
  filler?: string[];
  /** What a change or 持平 is measured against, from this phrase to the end of the paragraph. */
  basis?: { prior?: string[]; budget?: string[] };
  /** Phrases that introduce a derived figure, a new value, or a reason. */
  phrases?: { share?: string[]; completion?: string[]; to?: string[]; reason?: string[] };
  /** Extra direction words, added to the template's narrative.words (fall: [降低]). */
  words?: Record<string, string[]>;
  /** Words naming one figure of the sentence's subject: role → words. */
  aspects?: Record<string, string[]>;
  terms: ProseTerm[];
  /** Garbled or left-over wording that is an error wherever it stands ("支出收入", "增加持平"). */
  residue?: string[];
  /** Lists of names after a cue ("主要包括：基本工资、奖金…"): each name listed must be a figure that is not empty. */
  lists?: ProseList[];
}

/** A list of names after a cue; `each`, `name` and `fact` as a term's (one name per 科目…). */
export interface ProseList {
  after: string | string[];
  each?: ProseTerm['each'];
  name: string | string[];
  fact: string;
}

/** A figure (or a family of figures) prose names; every key but the reserved ones is a role. */
export interface ProseTerm {
  /** Names written before the number. */
  name?: string | string[];
  /** Names written after the number ("6个项目评价结果为“优”"). */
  after?: string | string[];
  /** One term per 科目, block, 指标 or value: fills {code}, {name} and the level names. */
  each?: { classification: string; level: string } | { blocks: string } | { indicators: string } | { values: string[] };
  /** The figure itself (a reference or a helper subexpression). */
  fact: string;
  /** The whole a share of it is of; its 上年 counterpart (default: narrative.prior); a more precise statement. */
  whole?: string;
  prior?: string;
  precise?: string;
  [role: string]: unknown;
}

export interface BlockSchema {
  id: string;
  /** The schema as registered and as `juesuan schema` writes it. */
  schema: Record<string, unknown>;
  /** Its file in the pack (blocks/<kind>.schema.yaml). */
  path: string;
}

export interface Template {
  name: string;
  /** Layouts of the tables that are not 公开 tables, by id (layouts/*.yaml). */
  layouts: Map<string, LayoutDef>;
  manifest: TemplateManifest;
  rules: RuleDef[];
  prose: ProseVocabulary | undefined;
  tables: Map<string, TableDef>;
  classifications: Map<string, Classification>;
  /** Every non-table block kind: its registered schema (id in the template's namespace), from a pack file. */
  blockSchemas: Map<string, BlockSchema>;
  /** Every text file of the template folder (narrative partials, print style…), by relative path. */
  files: Map<string, string>;
}

/** The data key of a fixed row: its key, or "code name" for a code row. */
export function rowKey(row: RowDef, classification: Classification | undefined): string | undefined {
  if (row.key) return row.key;
  if (row.code) {
    const name = classification?.codes.get(row.code);
    return name ? `${row.code} ${name}` : row.code;
  }
  return undefined;
}

/** The printed label of a fixed row. */
export function rowLabel(row: RowDef, classification: Classification | undefined): string {
  if (row.label) return row.label;
  if (row.code) {
    const name = classification?.codes.get(row.code) ?? row.code;
    return row.ordinal ? `${row.ordinal}、${name}` : name;
  }
  return row.key ?? '';
}
