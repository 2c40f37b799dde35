// Next year's report from this year's: the same files, structure and prose, with every amount,
// count and score left blank (the weights of the 绩效 indicators kept), 上年 dropped (next year reads
// it from this report), and every 主要原因 and 完成情况 marked TODO until staff fill it in.
import type { ReportData } from '../data/read.js';
import type { DataNode } from '../data/tree.js';
import type { ParsedReport } from '../parse/report.js';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The mark `check` reports (report/todo) until it is replaced. */
export const TODO = 'TODO 待填写';

const KEEP = new Set(['分值', '序号', '下属单位个数']);
const BLANK_TEXT = new Set(['实际完成值', '偏差原因']);
const TODO_TEXT = new Set(['实际完成情况', '自评摘要']);

function edits(node: DataNode, key: string, kind: string, out: Edit[]): void {
  if (node.kind === 'map') {
    for (const [k, v] of node.entries) {
      if (k === '落款日期' && v.where.keyPlace) {
        const text = v.where.file.text;
        const lineStart = text.lastIndexOf('\n', v.where.keyPlace.start.offset! - 1) + 1;
        const lineEnd = text.indexOf('\n', v.where.place.end.offset!) + 1;
        out.push({ start: lineStart, end: lineEnd, text: '' });
        continue;
      }
      edits(v, k, kind, out);
    }
    return;
  }
  if (node.kind === 'list') {
    for (const item of node.items) edits(item, key, kind, out);
    return;
  }
  const start = node.where.place.start.offset!;
  let end = node.where.place.end.offset!;
  // A block scalar's range ends after its line break; keep the line break.
  while (end > start && /\s/u.test(node.where.file.text[end - 1]!)) end--;
  if (start === end) return;
  if ((node.kind === 'amount' || node.kind === 'count' || node.kind === 'score' || node.kind === 'invalid') && !KEEP.has(key)) out.push({ start, end, text: '' });
  else if (node.kind === 'text' && (kind === '原因' || TODO_TEXT.has(key))) out.push({ start, end, text: TODO });
  else if (node.kind === 'text' && BLANK_TEXT.has(key)) out.push({ start, end, text: '' });
}

/** The files of next year's report, by name. */
export function nextYear(parsed: ParsedReport, report: ReportData): Map<string, string> {
  const byFile = new Map<string, Edit[]>();
  const add = (name: string, e: Edit) => byFile.set(name, [...(byFile.get(name) ?? []), e]);
  for (const block of report.blocks) {
    if (block.kind === '上年') {
      const p = block.node.position!;
      add(block.file.name, { start: p.start.offset!, end: p.end.offset!, text: '' });
      continue;
    }
    const list: Edit[] = [];
    edits(block.root, '', block.kind, list);
    for (const e of list) add(block.file.name, e);
  }
  const out = new Map<string, string>();
  for (const file of parsed.files) {
    let text = file.file.text;
    // Block edits first: their offsets are the original file's.
    const list = (byFile.get(file.file.name) ?? []).sort((a, b) => b.start - a.start);
    for (const e of list) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    if (file.file.name === 'index.md') {
      text = text.replace(/^year:\s*(\d{4})\s*$/mu, (_m, y: string) => `year: ${Number(y) + 1}`).replace(/^date:.*\n/mu, '');
    }
    out.set(file.file.name, text);
  }
  return out;
}
