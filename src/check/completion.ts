// report/missing-value: in a report that is checked (not partial), the amounts left empty where a value
// is expected — in a block with no amount at all, each place where the previous year's report has a
// non-zero value (what `juesuan new` blanks); in a table with figures, each empty cell of a total row —
// one error per table or block, with the count and every place.
import type { VFile } from 'vfile';
import { diagnose, type Related } from '../diagnostics/message.js';
import type { Block, ReportData } from '../data/read.js';
import type { DataNode, Where } from '../data/tree.js';

interface Missing {
  label: string;
  where: Where;
}

const idOf = (b: Pick<Block, 'kind' | 'name'>) => `${b.kind}\u0000${b.name ?? ''}`;

/** Every amount node of a block, by its pointer. */
function amounts(node: DataNode, out: Map<string, DataNode & { kind: 'amount' }>): Map<string, DataNode & { kind: 'amount' }> {
  if (node.kind === 'map') for (const v of node.entries.values()) amounts(v, out);
  else if (node.kind === 'list') for (const v of node.items) amounts(v, out);
  else if (node.kind === 'amount') out.set(node.where.pointer, node);
  return out;
}

function labelOf(block: Block, pointer: string): string {
  const path = pointer.split('/').slice(1).map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
  return [block.name ? `${block.kind} ${block.name}` : block.kind, ...path].join(' › ');
}

/**
 * A block without a single amount whose previous year's block had some: its empty amounts that were
 * non-zero then (a block with figures may well have a figure that became zero).
 */
function emptiedSincePrior(block: Block, prior: Block | undefined, out: Map<string, Missing>): void {
  if (!prior) return;
  const now = amounts(block.root, new Map());
  if ([...now.values()].some((n) => n.value !== null)) return;
  const before = amounts(prior.root, new Map());
  for (const [pointer, node] of now) {
    if (node.value !== null) continue;
    const was = before.get(pointer);
    if (was?.kind === 'amount' && was.value && !was.value.yuan.isZero()) out.set(pointer, { label: labelOf(block, pointer), where: node.where });
  }
}

/** The empty total-row cells of a table that has figures. */
function emptyTotals(report: ReportData, block: Block, out: Map<string, Missing>): void {
  const table = report.tables.get(block.kind);
  if (!table) return;
  const sections = [...table.sections.values()];
  if (!sections.some((s) => s.rows.some((r) => [...r.cells.values()].some((c) => c.value !== null)))) return;
  for (const section of sections) {
    for (const row of section.rows) {
      if (!(row.def?.total || row.key === section.def.total?.key)) continue;
      for (const [column, cell] of row.cells) {
        // A cell written but unreadable is reported as such (amount/…), not as missing.
        if (cell.value !== null || cell.invalid || !cell.where || row.def?.na?.includes(column)) continue;
        out.set(cell.where.pointer, { label: labelOf(block, cell.where.pointer), where: cell.where });
      }
    }
  }
}

function placeKey(file: string, point: { line: number; column: number } | undefined): string {
  return `${file}:${point?.line ?? 0}:${point?.column ?? 0}`;
}

/** Reports the missing amounts, one error per table or block. */
export function runCompletionRule(vfile: VFile, report: ReportData, prior?: ReportData): void {
  const priorBlocks = new Map((prior?.blocks ?? []).map((b) => [idOf(b), b]));
  const said = new Set(
    // Only what is said of the cell's own text (its schema, its amount, its YAML), not a rule it breaks.
    vfile.messages.filter((m) => m.fatal === true && /^(schema|amount|yaml|data)\//u.test(m.ruleId ?? '')).map((m) => placeKey(m.file ?? '', m.place && 'start' in m.place ? m.place.start : m.place)),
  );
  for (const block of report.blocks) {
    const missing = new Map<string, Missing>();
    emptiedSincePrior(block, priorBlocks.get(idOf(block)), missing);
    emptyTotals(report, block, missing);
    // A cell already said to be wrong (unreadable, of the wrong type) is not said again as missing.
    for (const [pointer, m] of missing) if (said.has(placeKey(m.where.file.path, m.where.place.start))) missing.delete(pointer);
    if (missing.size === 0) continue;
    const list = [...missing.values()].sort((a, b) => (a.where.place.start.offset ?? 0) - (b.where.place.start.offset ?? 0));
    const related: Related[] = list.map((m) => ({ file: m.where.file.path, place: m.where.place, label: `未填 ${m.label}` }));
    diagnose(vfile, {
      rule: 'report/missing-value',
      reason: `${block.name ? `${block.kind} ${block.name}` : block.kind}: ${list.length} 个金额未填写;确实为零请填 0`,
      file: list[0]!.where.file.path,
      place: list[0]!.where.place,
      related,
    });
  }
}
