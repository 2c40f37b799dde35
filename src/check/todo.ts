// report/todo: a TODO left in a report (by `juesuan new`, or by staff) is an error until filled in.
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { ReportData } from '../data/read.js';
import type { DataNode } from '../data/tree.js';
import type { ParsedFile } from '../parse/markdown.js';
import { pointAt } from '../parse/locate.js';

function walk(vfile: VFile, node: DataNode, path: string[]): void {
  if (node.kind === 'map') for (const [k, v] of node.entries) walk(vfile, v, [...path, k]);
  else if (node.kind === 'list') node.items.forEach((v, i) => walk(vfile, v, [...path, String(i)]));
  else if (node.kind === 'text' && /\bTODO\b/u.test(node.text)) {
    diagnose(vfile, { rule: 'report/todo', reason: `待填写: ${path.join(' › ')}`, file: node.where.file.path, place: node.where.place });
  }
}

/** Reports every TODO of the data blocks and the prose. */
export function runTodoRule(vfile: VFile, report: ReportData, files: ParsedFile[]): void {
  for (const block of report.blocks) walk(vfile, block.root, [block.kind, ...(block.name ? [block.name] : [])]);
  for (const parsed of files) {
    const text = parsed.file.text.replace(/^```[\s\S]*?^```/gmu, (m) => ' '.repeat(m.length));
    for (const m of text.matchAll(/\bTODO\b[^\n]*/gu)) {
      diagnose(vfile, { rule: 'report/todo', reason: `待填写: ${m[0].slice(0, 40)}`, file: parsed.file.path, place: pointAt(parsed.file, m.index ?? 0) });
    }
  }
}
