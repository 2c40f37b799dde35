// A diff for people and tools: the terminal (colour on a TTY, the same sections as the comment,
// nothing cut), Markdown for a pull-request comment (markdown.ts), or JSON — one document.
import { guardCommands, jsonText } from '../diagnostics/format.js';
import type { ReportDiff } from './diff.js';
import { sectionsOf, type Item } from './sections.js';

export { COMMENT_BUDGET, COMMENT_MARKER, diffMarkdown, type MarkdownOptions } from './markdown.js';

export interface Paint {
  add(s: string): string;
  del(s: string): string;
  head(s: string): string;
}

function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/gu, ' ↵ ');
}

function painted(s: string, paint: Paint): string {
  return oneLine(s).replace(/\[-([\s\S]*?)-\]/gu, (m) => paint.del(m)).replace(/\{\+([\s\S]*?)\+\}/gu, (m) => paint.add(m));
}

function itemLine(item: Item, paint: Paint): string {
  if (item.cells) {
    const [label, old, now, delta, pct] = item.cells.map(oneLine);
    return `  ${item.follows ? '  ↳ ' : ''}${label}: ${old} → ${now}${delta ? `  ${delta}` : ''}${pct ? `  ${pct}` : ''}`;
  }
  return `  - ${painted(item.text ?? '', paint)}`;
}

/** The diff for a terminal: every section, every item. */
export function diffHuman(diffs: ReportDiff[], paint: Paint): string {
  const out: string[] = [];
  for (const d of diffs) {
    const r = sectionsOf(d);
    out.push(paint.head(`juesuan diff: ${r.title}`));
    if (r.note) out.push(r.note);
    out.push(r.summary, '');
    for (const s of r.sections) out.push(paint.head(`${s.title}: ${s.summary}`), ...s.items.map((i) => itemLine(i, paint)), '');
  }
  return guardCommands(out.join('\n'));
}

/** The diff as JSON: one document, an array with one diff per report. */
export function diffJson(diffs: ReportDiff[]): string {
  return jsonText(diffs, (key, value) => (key === 'magnitude' ? undefined : value));
}
