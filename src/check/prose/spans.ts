// The prose of a report: Markdown paragraphs, headings and table cells, and the texts of data blocks
// that the template's prose.yaml names as prose. Comments are blanked out and each helper expression
// becomes one HELPER character and spaces, so offsets stay those of the file and a sentence keeps its shape.
import type { Node, Parent } from 'unist';
import { visit } from 'unist-util-visit';
import type { ReportData } from '../../data/read.js';
import type { DataNode } from '../../data/tree.js';
import type { ParsedFile, SourceFile } from '../../parse/markdown.js';

export interface Span {
  file: SourceFile;
  /** Offset of `text` in the file. */
  offset: number;
  /** The source text, with helper expressions and comments blanked out. */
  text: string;
  /** Rules silenced here (`<!-- juesuan-ignore <rule> -->` before it, `# juesuan-ignore <rule>` on its line). */
  ignored: Set<string>;
  /** A Markdown text, or a YAML scalar of a data block (whose first character a helper must not replace). */
  kind: 'markdown' | 'yaml';
  /** A Markdown heading (only the report's year belongs in one). */
  heading?: boolean;
}

/** Stands for a helper expression in masked text. */
export const HELPER = '\uE000';

/** Blanks out `{{…}}` (leaving HELPER in its place) and `<!--…-->`, in one pass. */
export function mask(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const a = text.indexOf('{{', at);
    const b = text.indexOf('<!--', at);
    const start = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (start < 0) break;
    const close = start === a ? '}}' : '-->';
    const end = text.indexOf(close, start + 2);
    const stop = end < 0 ? text.length : end + close.length;
    out += text.slice(at, start) + (start === a ? HELPER + ' '.repeat(stop - start - 1) : ' '.repeat(stop - start));
    at = stop;
  }
  return out + text.slice(at);
}

function ignoredRules(previous: Node | undefined): Set<string> {
  const value = previous?.type === 'html' ? ((previous as unknown as { value: string }).value ?? '') : '';
  const m = /<!--\s*juesuan-ignore\s+([^>]*?)\s*-->/u.exec(value);
  return new Set(m ? m[1]!.split(/\s+/u) : []);
}

/** The prose spans of a Markdown file: paragraphs, headings and table cells. */
export function markdownSpans(parsed: ParsedFile): Span[] {
  const spans: Span[] = [];
  visit(parsed.tree as unknown as Node, (node, index, parent: Parent | undefined) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const previous = parent && index !== undefined && index > 0 ? parent.children[index - 1] : undefined;
    spans.push({ file: parsed.file, offset: start, text: mask(parsed.file.text.slice(start, end)), ignored: ignoredRules(previous), kind: 'markdown', ...(node.type === 'heading' ? { heading: true } : {}) });
    return 'skip';
  });
  return spans;
}

/** The texts of data blocks that are prose: every text of the `blocks` kinds, and the `fields` of any block. */
export function blockSpans(report: ReportData, texts: { blocks: Set<string>; fields: Set<string> }): Span[] {
  const spans: Span[] = [];
  const walk = (node: DataNode, key: string, inReasons: boolean) => {
    if (node.kind === 'map') for (const [k, v] of node.entries) walk(v, k, inReasons);
    else if (node.kind === 'list') for (const v of node.items) walk(v, key, inReasons);
    else if (node.kind === 'text' && (inReasons || texts.fields.has(key))) {
      const start = node.where.place.start.offset;
      const end = node.where.place.end.offset;
      if (start !== undefined && end !== undefined) {
        // `# juesuan-ignore <rule>` on the line of the value (or of its key) silences that rule there.
        const text = node.where.file.text;
        const lineStart = text.lastIndexOf('\n', (node.where.keyPlace?.start.offset ?? start) - 1) + 1;
        const lineEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end);
        const marker = /#\s*juesuan-ignore\s+([^\n]*)/u.exec(text.slice(lineStart, lineEnd));
        const ignored = new Set(marker ? marker[1]!.trim().split(/\s+/u) : []);
        spans.push({ file: node.where.file, offset: start, text: mask(text.slice(start, end)), ignored, kind: 'yaml' });
      }
    }
  };
  for (const block of report.blocks) walk(block.root, '', texts.blocks.has(block.kind));
  return spans;
}
