// Tokenises a folded paragraph in one left-to-right pass: at each character the longest word of the
// vocabulary (a name, a cue, a direction word, filler), else a number with its unit, a short quoted
// word, a separator, or plain text. Linear in the paragraph's length (each step reads at most the
// longest word of the vocabulary), with no backtracking.
import type { Folded } from './normalize.js';
import { HELPER } from './spans.js';
import type { Entry, Term, Unit, Vocabulary } from './vocabulary.js';

export type Level = 'clause' | 'part' | 'sentence';

interface Base {
  /** Folded character indices [from, to). */
  from: number;
  to: number;
}

export type Token =
  | (Base & { t: 'num'; digitsEnd: number; digits: string; unit: Unit })
  /** `misnamed`: a quoted name made of a term's parts but one, that part's place and the name it should have. */
  | (Base & { t: 'entry'; entries: Entry[]; misnamed?: Misnamed })
  | (Base & { t: 'quote'; text: string })
  | (Base & { t: 'sep'; level: Level })
  /** A helper expression ({{…}}): a figure already written with a helper. */
  | (Base & { t: 'helper' })
  | (Base & { t: 'text' });

const SEPARATORS: Record<string, Level> = {
  '。': 'sentence',
  '!': 'sentence',
  '?': 'sentence',
  ';': 'part',
  ',': 'clause',
  '、': 'clause',
  ':': 'clause',
  '(': 'clause',
  ')': 'clause',
  '[': 'clause',
  ']': 'clause',
  '【': 'clause',
  '】': 'clause',
};

const QUOTE_MAX = 16;
/** The longest quoted name read as parts (“社会保障和就业支出(类)行政事业单位养老支出(款)…(项)”). */
const PARTS_MAX = 96;

export interface Misnamed {
  from: number;
  to: number;
  expected: string;
}

/**
 * A quoted name at `open` made of the parts of one term (prose.yaml `parts`), all of them or all but one:
 * the term, its end, and the part misnamed. Two terms fitting as well: none (the name is ambiguous).
 */
function quotedParts(chars: readonly string[], open: number, vocabulary: Vocabulary): { term: Term; end: number; misnamed?: Misnamed } | undefined {
  let close = open + 1;
  while (close < chars.length && close - open <= PARTS_MAX && chars[close] !== '"' && SEPARATORS[chars[close]!] !== 'sentence' && SEPARATORS[chars[close]!] !== 'part') close++;
  if (chars[close] !== '"') return undefined;
  const found = new Map<Term, Map<number, { from: number; to: number }>>();
  for (let p = open + 1; p < close; ) {
    const m = vocabulary.parts.longest(chars, p);
    if (!m || m.end > close) {
      p++;
      continue;
    }
    for (const { term, index } of m.values) {
      const at = found.get(term) ?? new Map<number, { from: number; to: number }>();
      if (!at.has(index)) at.set(index, { from: p, to: m.end });
      found.set(term, at);
    }
    p = m.end;
  }
  // The best fit: the most parts, then the last (most particular) part among them (“…司法(款)其他公共安全支出(项)”).
  const score = (term: Term, at: Map<number, unknown>) => at.size * 2 + (at.has(term.parts!.length - 1) ? 1 : 0);
  let best: { term: Term; at: Map<number, { from: number; to: number }> } | undefined;
  let tie = false;
  for (const [term, at] of found) {
    const n = term.parts!.length;
    if (at.size < n - 1 || n < 3) continue;
    // The parts in their order.
    const order = [...at.entries()].sort((a, b) => a[0] - b[0]).map(([, place]) => place.from);
    if (order.some((from, i) => i > 0 && from < order[i - 1]!)) continue;
    if (!best || score(term, at) > score(best.term, best.at)) [best, tie] = [{ term, at }, false];
    else if (score(term, at) === score(best.term, best.at)) tie = true;
  }
  if (!best || tie) return undefined;
  const parts = best.term.parts!;
  if (best.at.size === parts.length) return { term: best.term, end: close + 1 };
  const missing = parts.findIndex((_p, i) => !best.at.has(i));
  const from = missing === 0 ? open + 1 : best.at.get(missing - 1)!.to;
  const to = missing === parts.length - 1 ? close : best.at.get(missing + 1)!.from;
  if (to <= from) return undefined;
  return { term: best.term, end: close + 1, misnamed: { from, to, expected: parts[missing]! } };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[0-9A-Za-z.]/u.test(c);
}

/** A number at `at` ("1,293.60", "40", "0.050405"): the index just past it, or undefined. */
function numberAt(chars: readonly string[], at: number): number | undefined {
  if (!isDigit(chars[at]) || isWordChar(chars[at - 1])) return undefined;
  let i = at;
  while (isDigit(chars[i])) i++;
  // Thousands groups only after a run of 1–3 digits, each of exactly three digits.
  if (i - at <= 3) {
    let j = i;
    while (chars[j] === ',' && isDigit(chars[j + 1]) && isDigit(chars[j + 2]) && isDigit(chars[j + 3]) && !isDigit(chars[j + 4])) j += 4;
    i = j;
  }
  if (chars[i] === '.' && isDigit(chars[i + 1])) {
    i++;
    while (isDigit(chars[i])) i++;
  }
  return i;
}

/** The tokens of a folded text. */
export function tokenize(folded: Folded, vocabulary: Vocabulary): Token[] {
  const { chars } = folded;
  const tokens: Token[] = [];
  let text: number | undefined;
  const flush = (at: number) => {
    if (text !== undefined) tokens.push({ t: 'text', from: text, to: at });
    text = undefined;
  };
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    const word = vocabulary.words.longest(chars, i);
    const fillerOnly = word?.values.every((e) => e.kind === 'filler' || e.kind === 'to');
    if (word && !fillerOnly) {
      flush(i);
      tokens.push({ t: 'entry', from: i, to: word.end, entries: word.values });
      i = word.end;
      continue;
    }
    if (c === '"') {
      const parted = quotedParts(chars, i, vocabulary);
      if (parted) {
        flush(i);
        tokens.push({ t: 'entry', from: i, to: parted.end, entries: [{ kind: 'term', term: parted.term, after: false }], ...(parted.misnamed ? { misnamed: parted.misnamed } : {}) });
        i = parted.end;
        continue;
      }
      let j = i + 1;
      while (j < chars.length && j - i <= QUOTE_MAX && chars[j] !== '"' && !(chars[j]! in SEPARATORS && SEPARATORS[chars[j]!] !== 'clause')) j++;
      // A quoted name of the vocabulary (“社会保障和就业支出(类)”) is read as that name.
      const inner = chars[j] === '"' ? vocabulary.words.longest(chars, i + 1) : undefined;
      const named = inner?.end === j && inner.values.some((e) => e.kind === 'term');
      if (chars[j] === '"' && j > i + 1 && !named) {
        flush(i);
        tokens.push({ t: 'quote', from: i, to: j + 1, text: chars.slice(i + 1, j).join('') });
        i = j + 1;
        continue;
      }
    }
    const end = numberAt(chars, i);
    if (end !== undefined) {
      const unit = vocabulary.units.longest(chars, end);
      if (unit && !isWordChar(chars[unit.end]) && !/[0-9A-Za-z]/u.test(chars[end] ?? '')) {
        flush(i);
        tokens.push({ t: 'num', from: i, to: unit.end, digitsEnd: end, digits: chars.slice(i, end).join(''), unit: unit.values[0]! });
        i = unit.end;
        continue;
      }
      // A number that is no literal (a year, "5G", "2023.12"): plain text.
      text ??= i;
      i = end;
      continue;
    }
    if (word) {
      flush(i);
      tokens.push({ t: 'entry', from: i, to: word.end, entries: word.values });
      i = word.end;
      continue;
    }
    if (c === HELPER) {
      flush(i);
      tokens.push({ t: 'helper', from: i, to: i + 1 });
      i++;
      continue;
    }
    const level = SEPARATORS[c];
    if (level) {
      flush(i);
      tokens.push({ t: 'sep', from: i, to: i + 1, level });
      i++;
      continue;
    }
    text ??= i;
    i++;
  }
  flush(chars.length);
  return tokens;
}
