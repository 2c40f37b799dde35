// Test helper: an empty copy of a report's data — every value of the chosen blocks removed (the
// keys kept, as `juesuan new` leaves them), for import tests to fill in again.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataNode } from '../../src/data/tree.js';
import { compile } from './report.js';

function values(node: DataNode, out: { start: number; end: number }[]): void {
  if (node.kind === 'map') for (const v of node.entries.values()) values(v, out);
  else if (node.kind === 'list') for (const v of node.items) values(v, out);
  else if (node.kind === 'amount' || node.kind === 'count' || node.kind === 'score') {
    const start = node.where.place.start.offset!;
    const end = node.where.place.end.offset!;
    if (end > start) out.push({ start, end });
  }
}

/** Blanks every amount, count and score of the blocks whose kind `which` accepts; returns the folder. */
export function blankValues(dir: string, which: (kind: string) => boolean): string {
  const vfile = compile(dir);
  const byFile = new Map<string, { start: number; end: number }[]>();
  for (const block of vfile.data.report!.blocks) {
    if (!which(block.kind)) continue;
    const list = byFile.get(block.file.name) ?? [];
    values(block.root, list);
    byFile.set(block.file.name, list);
  }
  for (const [name, list] of byFile) {
    const path = join(dir, name);
    let text = readFileSync(path, 'utf8');
    for (const { start, end } of list.sort((a, b) => b.start - a.start)) {
      // The value and the space before it: `key: 292.90` → `key:`.
      let from = start;
      while (from > 0 && text[from - 1] === ' ') from--;
      text = text.slice(0, from) + text.slice(end);
    }
    writeFileSync(path, text);
  }
  return dir;
}
