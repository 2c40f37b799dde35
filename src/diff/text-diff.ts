// Sentence and character diffs: which sentences of two texts were kept, changed, added or removed
// (aligned by longest common subsequence), and the changed words of a changed sentence marked.

export type Op<T> = { op: 'same' | 'add' | 'del'; value: T };

/** LCS alignment of two sequences. */
export function align<T>(a: T[], b: T[], eq: (x: T, y: T) => boolean = (x, y) => x === y): Op<T>[] {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = eq(a[i]!, b[j]!) ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: Op<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (eq(a[i]!, b[j]!)) {
      out.push({ op: 'same', value: b[j]! });
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) out.push({ op: 'del', value: a[i++]! });
    else out.push({ op: 'add', value: b[j++]! });
  }
  while (i < n) out.push({ op: 'del', value: a[i++]! });
  while (j < m) out.push({ op: 'add', value: b[j++]! });
  return out;
}

/** Splits a text into sentences (at 。！？ and line ends), whitespace normalized. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？])|\n+/u)
    .map((s) => s.replace(/\s+/gu, ' ').trim())
    .filter((s) => s.length > 0);
}

/** Tokens for a word diff: runs of digits (with . , %), runs of letters, or single CJK characters. */
function tokens(s: string): string[] {
  return s.match(/[\d.,%]+|[A-Za-z]+|\s+|./gu) ?? [];
}

export interface Marked {
  old: string;
  new: string;
  /** The new sentence with removed words as [-x-] and added words as {+x+}. */
  marked: string;
}

/** Marks what changed between two versions of a sentence. */
export function markWords(before: string, after: string, open = { del: '[-', delEnd: '-]', add: '{+', addEnd: '+}' }): Marked {
  const ops = align(tokens(before), tokens(after));
  let marked = '';
  let run: 'add' | 'del' | 'same' | undefined;
  const close = () => {
    if (run === 'add') marked += open.addEnd;
    if (run === 'del') marked += open.delEnd;
  };
  for (const o of ops) {
    if (o.op !== run) {
      close();
      if (o.op === 'add') marked += open.add;
      if (o.op === 'del') marked += open.del;
      run = o.op;
    }
    marked += o.value;
  }
  close();
  return { old: before, new: after, marked };
}
