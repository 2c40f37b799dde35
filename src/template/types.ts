// The shape of a template: its manifest, its official table definitions and its classification
// lists. These are read from templates/<name>/ (YAML) and are the one place that knows a table.

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
  /** The 合计 row of a classified section. */
  total?: { key: string; label?: string };
}

export interface PanelDef {
  label: string;
  classes: string[];
}

export interface TableDef {
  id: string;
  title: string;
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
  print?: {
    /** The 尾数 note printed under the 目录. */
    note?: string;
  };
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
    numbers?: { amount?: NumberFormat; percent?: NumberFormat };
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

/** A phrase of prose that names a figure (templates/<t>/prose.yaml). */
export interface ProseBinding {
  pattern: string;
  path: string;
  compare?: 'number' | 'text';
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
  manifest: TemplateManifest;
  rules: RuleDef[];
  prose: ProseBinding[];
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
