// A file change as a unified diff (the `diff -u` / git format reviewers know), so every command
// that changes a source file shows the change before it writes it.
import { align } from '../diff/text-diff.js';
import type { FileChange } from './edits.js';

type Line = { op: 'same' | 'add' | 'del'; text: string; oldNo: number; newNo: number };

function numbered(before: string[], after: string[]): Line[] {
  const out: Line[] = [];
  let oldNo = 0;
  let newNo = 0;
  // Lines common to both ends are aligned directly, so the quadratic alignment only sees the middle.
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const middle = align(before.slice(head, before.length - tail), after.slice(head, after.length - tail));
  const ops = [...before.slice(0, head).map((v) => ({ op: 'same' as const, value: v })), ...middle, ...after.slice(after.length - tail).map((v) => ({ op: 'same' as const, value: v }))];
  for (const o of ops) {
    if (o.op !== 'add') oldNo++;
    if (o.op !== 'del') newNo++;
    out.push({ op: o.op, text: o.value, oldNo, newNo });
  }
  return out;
}

/** The unified diff of one file change, with `context` lines around each hunk. */
export function unifiedDiff(change: FileChange, context = 3): string {
  const split = (t: string) => (t === '' ? [] : t.replace(/\n$/u, '').split('\n'));
  const lines = numbered(split(change.before), split(change.after));
  const changed = lines.map((l, i) => (l.op === 'same' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return '';
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const from = Math.max(0, i - context);
    const to = Math.min(lines.length - 1, i + context);
    const last = hunks[hunks.length - 1];
    if (last && from <= last[1] + 1) last[1] = to;
    else hunks.push([from, to]);
  }
  let out = `--- a/${change.path}\n+++ b/${change.path}\n`;
  for (const [from, to] of hunks) {
    const slice = lines.slice(from, to + 1);
    const oldLines = slice.filter((l) => l.op !== 'add');
    const newLines = slice.filter((l) => l.op !== 'del');
    const start = (ls: Line[], key: 'oldNo' | 'newNo', fallback: number) => (ls.length ? ls[0]![key] : fallback);
    const before = from > 0 ? lines[from - 1]! : undefined;
    out += `@@ -${start(oldLines, 'oldNo', before?.oldNo ?? 0)},${oldLines.length} +${start(newLines, 'newNo', before?.newNo ?? 0)},${newLines.length} @@\n`;
    for (const l of slice) out += `${l.op === 'add' ? '+' : l.op === 'del' ? '-' : ' '}${l.text}\n`;
  }
  return out;
}
