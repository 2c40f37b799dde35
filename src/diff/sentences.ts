// The sentences of two narrated reports compared: a generated sentence is paired with the one its
// template sentence produced on the other side (the partial and position the narrate stage
// records), hand-written prose by its text; a changed sentence has its changed words marked.
import type { VFile } from 'vfile';
import { withoutDataBlocks } from '../narrate/markdown.js';
import { align, markWords, sentences } from './text-diff.js';

export interface TextChange {
  op: 'changed' | 'added' | 'removed';
  old?: string;
  new?: string;
  /** The new sentence with removed words as [-x-] and added words as {+x+}. */
  marked?: string;
  /** For a generated sentence: the partial and the position of its template sentence (收入决算情况说明#3). */
  origin?: string;
}

interface Generated {
  origin: string;
  text: string;
}

/** Prose as a reviewer reads it: no front matter, comments, headings, tables or code. */
function readable(markdown: string): string[] {
  const text = withoutDataBlocks(markdown.replace(/^---\n[\s\S]*?\n---\n/u, ''))
    .replace(/<!--[\s\S]*?-->/gu, '')
    .split('\n')
    .filter((l) => !/^\s*(#|\||```)/u.test(l))
    .join('\n');
  return sentences(text);
}

function generated(vfile: VFile): Generated[] {
  return (vfile.data.narration?.sentences ?? []).flatMap((s) => readable(s.text).map((text) => ({ origin: `${s.partial}#${s.ordinal}`, text })));
}

/** The hand-written sentences: every sentence of the narrated files that no partial generated. */
function handWritten(vfile: VFile, made: Generated[]): string[] {
  const narration = vfile.data.narration;
  const report = vfile.data.report;
  if (!narration || !report) return [];
  const left = new Map<string, number>();
  for (const g of made) left.set(g.text, (left.get(g.text) ?? 0) + 1);
  const out: string[] = [];
  for (const name of ['index.md', ...report.frontMatter.parts]) {
    for (const s of readable(narration.files.get(name) ?? '')) {
      const n = left.get(s) ?? 0;
      if (n > 0) left.set(s, n - 1);
      else out.push(s);
    }
  }
  return out;
}

/** A sentence with its numbers blanked: two versions of one sentence share it. */
function skeleton(s: string): string {
  return s.replace(/[-−+]?[\d][\d,.]*%?/gu, '#');
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const chars = [...skeleton(s)];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** How alike two sentences read, 0–1: the Dice coefficient of their character pairs, numbers aside. */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let common = 0;
  let total = 0;
  for (const [g, n] of a) {
    common += Math.min(n, b.get(g) ?? 0);
    total += n;
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 1 : (2 * common) / total;
}

/** Below this two sentences are different sentences, not two versions of one. */
const ALIKE = 0.3;

function changed(old: string, now: string, origin?: string): TextChange {
  return { op: 'changed', old, new: now, marked: markWords(old, now).marked, ...(origin ? { origin } : {}) };
}

/**
 * Removed and added sentences between two kept ones, paired in order so that the pairs are as
 * alike as possible (a dynamic programme over their similarity); the rest removed or added.
 */
function pairRun(dels: string[], adds: string[], origin?: string): TextChange[] {
  const o = origin ? { origin } : {};
  if (dels.length === 1 && adds.length === 1) return [changed(dels[0]!, adds[0]!, origin)];
  const n = dels.length;
  const m = adds.length;
  const ga = dels.map(bigrams);
  const gb = adds.map(bigrams);
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const sim = (i: number, j: number) => {
    const x = similarity(ga[i]!, gb[j]!);
    return x >= ALIKE ? x : -1;
  };
  const sims: number[][] = dels.map((_, i) => adds.map((__, j) => sim(i, j)));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) score[i]![j] = Math.max(score[i + 1]![j]!, score[i]![j + 1]!, sims[i]![j]! > 0 ? sims[i]![j]! + score[i + 1]![j + 1]! : -1);
  const out: TextChange[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (sims[i]![j]! > 0 && score[i]![j] === sims[i]![j]! + score[i + 1]![j + 1]!) out.push(changed(dels[i++]!, adds[j++]!, origin));
    else if (score[i]![j] === score[i + 1]![j]) out.push({ op: 'removed', old: dels[i++]!, ...o });
    else out.push({ op: 'added', new: adds[j++]!, ...o });
  }
  while (i < n) out.push({ op: 'removed', old: dels[i++]!, ...o });
  while (j < m) out.push({ op: 'added', new: adds[j++]!, ...o });
  return out;
}

/** Sentences aligned by text: kept ones skipped, the runs between them paired. */
export function byText(a: string[], b: string[], origin?: string): TextChange[] {
  const out: TextChange[] = [];
  let dels: string[] = [];
  let adds: string[] = [];
  const flush = () => {
    if (dels.length || adds.length) out.push(...pairRun(dels, adds, origin));
    dels = [];
    adds = [];
  };
  for (const o of align(a, b)) {
    if (o.op === 'same') flush();
    else if (o.op === 'del') dels.push(o.value);
    else adds.push(o.value);
  }
  flush();
  return out;
}

/** Generated sentences aligned by origin: the same number of sentences from a template sentence pair in order. */
function byOrigin(a: Generated[], b: Generated[]): TextChange[] {
  const groups = new Map<string, { a: string[]; b: string[] }>();
  const group = (origin: string) => groups.get(origin) ?? groups.set(origin, { a: [], b: [] }).get(origin)!;
  for (const g of b) group(g.origin).b.push(g.text);
  for (const g of a) group(g.origin).a.push(g.text);
  const out: TextChange[] = [];
  for (const [origin, g] of groups) {
    if (g.a.length !== g.b.length) {
      out.push(...byText(g.a, g.b, origin));
      continue;
    }
    g.a.forEach((old, i) => {
      if (old !== g.b[i]) out.push(changed(old, g.b[i]!, origin));
    });
  }
  return out;
}

/** The changed generated sentences (narrative) and hand-written ones (prose) of two reports. */
export function sentenceChanges(before: VFile, after: VFile): { narrative: TextChange[]; prose: TextChange[] } {
  const a = generated(before);
  const b = generated(after);
  return { narrative: byOrigin(a, b), prose: byText(handWritten(before, a), handWritten(after, b)) };
}
