// The sizes juesuan accepts in a report, each refused with its own rule and a clear message: far
// above any real 决算 report, low enough that no input can make a stage slow, deep or large.
export const LIMITS = {
  /** Bytes of one .md file. */
  fileBytes: 2 * 1024 * 1024,
  /** Characters of one line (a paragraph of a real report is under 2,000). */
  lineChars: 10_000,
  /** Nested Markdown containers (block quotes, list items) at the start of a line. */
  markdownDepth: 32,
  /** Nested YAML collections in a data block or front matter. */
  yamlDepth: 24,
  /** Items of one YAML list or mapping (rows of a table…). */
  yamlItems: 10_000,
  /** Handlebars expressions ({{…}}) in one file (the sample report has under 100 in all). */
  helperCalls: 5_000,
  /** Characters of the department's name. */
  departmentChars: 100,
} as const;
