// The report as the import would leave it is checked like any report; each problem the checker
// finds in imported values is shown at the workbook cell it came from (公开05!C12). A problem
// among imported values only (a wrong total, two tables that disagree) refuses the import; one
// that also involves figures typed in the report is shown for the clerk, and `check` keeps it.
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';
import { diagnose, startOf, type Diagnostic } from '../diagnostics/message.js';
import type { ParsedReport } from '../parse/report.js';
import type { ImportedBlock } from './index.js';

interface Span {
  start: number;
  end: number;
  cell: string;
  workbook: string;
}

/** Where each imported value (and row key) is in the new report's files. */
function spans(parsed: ParsedReport, blocks: readonly ImportedBlock[]): { byFile: Map<string, Span[]>; regions: Map<string, [number, number][]> } {
  const byFile = new Map<string, Span[]>();
  const regions = new Map<string, [number, number][]>();
  for (const imported of blocks) {
    for (const f of parsed.files) {
      if (f.file.path !== imported.file) continue;
      const block = f.blocks.filter((b) => b.kind === imported.kind)[imported.ordinal];
      if (!block) continue;
      const list = byFile.get(f.file.path) ?? [];
      const start = block.node.position?.start.offset ?? block.offset;
      const end = block.node.position?.end.offset ?? block.offset;
      regions.set(f.file.path, [...(regions.get(f.file.path) ?? []), [start, end]]);
      for (const [pointer, cell] of imported.origins) {
        const located = block.yaml.index.get(pointer);
        if (!located) continue;
        const workbook = imported.workbook;
        list.push({ start: block.offset + located.value.start, end: block.offset + located.value.end, cell, workbook });
        if (located.key) list.push({ start: block.offset + located.key.start, end: block.offset + located.key.end, cell, workbook });
      }
      byFile.set(f.file.path, list);
    }
  }
  return { byFile, regions };
}

export interface Verdict {
  /** Problems among imported values only: the import is refused (unless --force). */
  refused: number;
  /** Problems that involve imported values and figures already in the report. */
  shown: number;
}

/**
 * Maps the checker's diagnostics of the new report onto the workbook: each becomes a diagnostic of
 * `out` (at its cell when it is an imported value). Returns how many refuse the import.
 */
export function verify(checked: VFile, blocks: readonly ImportedBlock[], out: VFile): Verdict {
  const parsed = checked.data.parsed;
  if (!parsed) return { refused: 0, shown: 0 };
  const { byFile, regions } = spans(parsed, blocks);
  const texts = new Map(parsed.files.map((f) => [f.file.path, location(f.file.text)]));
  const offsetOf = (file: string | undefined, place: Position | Point | undefined): number | undefined => {
    const p = startOf(place);
    if (!file || !p) return undefined;
    return p.offset ?? texts.get(file)?.toOffset({ line: p.line, column: p.column }) ?? undefined;
  };
  const find = (file: string | undefined, place: Position | Point | undefined): Span | undefined => {
    const at = offsetOf(file, place);
    if (at === undefined || !file) return undefined;
    // The innermost span: a value's own range, not its row's.
    let best: Span | undefined;
    for (const s of byFile.get(file) ?? []) {
      if (at < s.start || at > s.end) continue;
      if (!best || s.end - s.start < best.end - best.start) best = s;
    }
    return best;
  };
  const inImported = (file: string | undefined, place: Position | Point | undefined): boolean => {
    const at = offsetOf(file, place);
    return at !== undefined && Boolean(file && regions.get(file)?.some(([s, e]) => at >= s && at <= e));
  };
  let refused = 0;
  let shown = 0;
  for (const m of checked.messages as Diagnostic[]) {
    if (m.severity === 'info') continue;
    const primary = find(m.file ?? undefined, m.place);
    const related = (m.related ?? []).map((r) => ({ r, span: find(r.file, r.place), inside: inImported(r.file, r.place) }));
    const primaryInside = primary !== undefined || inImported(m.file ?? undefined, m.place);
    const touches = primaryInside || related.some((x) => x.span || x.inside);
    if (!touches) continue;
    const allImported = primaryInside && related.every((x) => x.span || x.inside);
    const blocking = m.severity === 'error' && allImported;
    const where = related.filter((x) => x.span).map((x) => `${x.r.label.replace(/^(组成项|另一处|相关项) /u, '')} ${x.span!.cell}`);
    const reason = m.reason + (where.length ? `(${where.slice(0, 6).join(';')}${where.length > 6 ? ' …' : ''})` : '');
    if (blocking) refused++;
    else shown++;
    diagnose(out, {
      rule: m.ruleId ?? '',
      reason: blocking ? reason : `导入后,与报告中的其他数据: ${reason}`,
      file: primary?.workbook ?? m.file ?? '',
      ...(primary ? { cell: primary.cell } : { place: m.place }),
      severity: blocking ? 'error' : 'warning',
      ...(m.expected?.length ? { expected: String(m.expected[0]) } : {}),
      ...(m.actual !== undefined && m.actual !== null ? { actual: String(m.actual) } : {}),
      ...(m.difference !== undefined ? { difference: m.difference } : {}),
      ...(m.tolerance !== undefined ? { tolerance: m.tolerance } : {}),
    });
  }
  return { refused, shown };
}
