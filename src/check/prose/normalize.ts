// The text that prose resolution reads: whitespace dropped and full-width punctuation folded to
// ASCII, one character at a time, each keeping its offset in the source. Names, cue words and the
// prose go through the same folding, so "（类）", "(类)" and "( 类 )" are one word.

const FOLD: Record<string, string> = {
  '（': '(',
  '）': ')',
  '：': ':',
  '，': ',',
  '；': ';',
  '“': '"',
  '”': '"',
  '＂': '"',
  '‘': "'",
  '’': "'",
  '％': '%',
  '＞': '>',
  '＜': '<',
  '＝': '=',
  '！': '!',
  '？': '?',
  '／': '/',
  '－': '-',
  '＋': '+',
};

/** A folded text with, for each of its characters, the offset of the source character. */
export interface Folded {
  chars: string[];
  offsets: number[];
  /** The source offset just past the last character. */
  end: number;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000' || c === '\u00a0';
}

/** Folds a text (linear in its length). */
export function fold(text: string, base = 0): Folded {
  const chars: string[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const c of text) {
    if (!isSpace(c)) {
      chars.push(FOLD[c] ?? c);
      offsets.push(base + at);
    }
    at += c.length;
  }
  return { chars, offsets, end: base + at };
}

/** A name or cue word as the resolver matches it. */
export function foldWord(word: string): string {
  return fold(word).chars.join('');
}
