// What a 绩效 form's layout (templates/<t>/layouts/*.yaml, the rows of cells that print a 项目绩效
// or 部门整体绩效 block) says about where each field of the block stands in a sheet: after its label
// (项目名称 | value), under a column head on a labelled row (年度资金总额 × 全年预算数), under a head
// (预期目标), or in the indicator rows under their header. Only plain block fields are located:
// expressions, derived figures and the template's own values are printed, not imported.
import { parse } from 'yaml';
import type { Template } from '../template/types.js';

interface LayoutCell {
  head?: string;
  text?: string;
  value?: string;
  field?: string;
  level?: 1 | 2;
  groupSum?: string;
  format?: string;
  span?: number;
  rows?: number;
}

interface LayoutDef {
  id: string;
  for?: string;
  title?: string;
  rows: (LayoutCell[] | { indicators: { header?: LayoutCell[]; cells: LayoutCell[] } } | { each: string; cells: LayoutCell[] })[];
}

export type Locator =
  | { kind: 'after'; head: string; path: string }
  | { kind: 'grid'; row: string; head: string; path: string; exact: boolean }
  | { kind: 'below'; head: string; path: string };

export interface FormShape {
  id: string;
  /** The block kind the form prints. */
  kind: string;
  title: string;
  locators: Locator[];
  /** The indicator header: per column, its head and what it holds. */
  indicators?: { head: string; field?: string; level?: 1 | 2 }[];
  /** Texts of the rows under the indicators (总分): they end the indicator rows. */
  stops: string[];
}

function plainPath(path: string | undefined): path is string {
  return Boolean(path) && !/[(),*]/u.test(path!) && !path!.startsWith('模板.');
}

/**
 * The template's layouts (layouts/*.yaml) of the given block kinds: a layout's `for`, else the kind
 * whose naming field (template.yaml blocks.repeatable: 项目绩效 → 项目名称) it prints.
 */
export function formShapes(template: Template, kinds: readonly string[]): FormShape[] {
  const out: FormShape[] = [];
  const naming = template.manifest.blocks.repeatable ?? {};
  for (const [path, text] of [...template.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!/^layouts\/[^/]+\.ya?ml$/u.test(path)) continue;
    let layout: LayoutDef;
    try {
      layout = parse(text) as LayoutDef;
    } catch {
      continue; // the template check reports a broken layout
    }
    if (!layout?.title || !Array.isArray(layout.rows)) continue;
    const values = new Set(layout.rows.flatMap((r) => (Array.isArray(r) ? r.map((c) => c.value) : [])));
    const kind = layout.for ?? kinds.find((k) => naming[k] && values.has(naming[k]));
    if (!kind || !kinds.includes(kind)) continue;
    out.push(shapeOf(layout, kind));
  }
  return out;
}

function shapeOf(layout: LayoutDef, kind: string): FormShape {
  const locators: Locator[] = [];
  const stops: string[] = [];
  let indicators: FormShape['indicators'];
  // The grid column of each cell, and the head over each column in the latest header row.
  const occupied = new Map<string, true>();
  let heads: (string | undefined)[] = [];
  let below = false;
  layout.rows.forEach((row, r) => {
    if (!Array.isArray(row)) {
      if ('indicators' in row) {
        below = true;
        const header = row.indicators.header ?? [];
        indicators = row.indicators.cells.map((cell, i) => ({ head: header[i]?.head ?? '', ...(cell.field ? { field: cell.field } : {}), ...(cell.level && !cell.groupSum ? { level: cell.level } : {}) }));
      }
      return;
    }
    let col = 0;
    const rowHeads: (string | undefined)[] = [];
    const label = row.find((c) => c.text !== undefined && c.text !== '')?.text;
    row.forEach((cell, i) => {
      while (occupied.has(`${r},${col}`)) col++;
      const span = cell.span ?? 1;
      for (let dr = 0; dr < (cell.rows ?? 1); dr++) for (let dc = 0; dc < span; dc++) occupied.set(`${r + dr},${col + dc}`, true);
      if (cell.head !== undefined && cell.head !== '') for (let dc = 0; dc < span; dc++) rowHeads[col + dc] = cell.head;
      if (cell.text && below) stops.push(cell.text);
      if (plainPath(cell.value)) {
        const before = row[i - 1];
        if (before?.head) locators.push({ kind: 'after', head: before.head, path: cell.value });
        else if (label && heads[col]) locators.push({ kind: 'grid', row: label, head: heads[col]!, path: cell.value, exact: !cell.format });
        else if (heads[col]) locators.push({ kind: 'below', head: heads[col]!, path: cell.value });
      }
      col += span;
    });
    if (rowHeads.some(Boolean)) heads = rowHeads;
  });
  // Of two places of one field, the one printed as written (no format) first.
  locators.sort((a, b) => Number(b.kind === 'grid' && b.exact) - Number(a.kind === 'grid' && a.exact));
  return { id: layout.id, kind, title: layout.title!, locators, ...(indicators ? { indicators } : {}), stops };
}
