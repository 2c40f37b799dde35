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
  /** `misnamed`: the parts of a quoted 科目 name that are not its term's, each with the name it should have. */
  | (Base & { t: 'entry'; entries: Entry[]; misnamed?: Misnamed[] })
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

/** A reading of a quoted name as one term's parts: the term and the parts it names wrongly. */
export interface Reading {
  term: Term;
  misnamed: Misnamed[];
}

/** A quoted name that fits several terms (or one by fewer than all parts but one): the document's numbers may choose. */
export interface Ambiguous {
  /** Folded index of the opening quote, and just past the closing one. */
  open: number;
  end: number;
  readings: Reading[];
}

/** Where `tail` ends first in chars[from, to), or undefined. */
function tailEnd(chars: readonly string[], from: number, to: number, tail: string): number | undefined {
  if (!tail) return undefined;
  for (let i = from; i + tail.length <= to; i++) {
    let k = 0;
    while (k < tail.length && chars[i + k] === tail[k]) k++;
    if (k === tail.length) return i + k;
  }
  return undefined;
}

/**
 * The wrong parts of a quoted name read as `term`'s parts (those found at `at`): each missing part, cut at
 * the words that close it (prose.yaml `parts`: "(款)"), and words before a right part that belong to no
 * part ("归口管理的行政单位离退休(项)"). Undefined when a missing part has no room.
 */
function wrongParts(chars: readonly string[], open: number, close: number, term: Term, at: Map<number, { from: number; to: number }>): Misnamed[] | undefined {
  const parts = term.parts!;
  const tails = term.partTails ?? [];
  const out: Misnamed[] = [];
  let cursor = open + 1;
  for (let i = 0; i < parts.length; i++) {
    const place = at.get(i);
    if (place) {
      if (place.from > cursor) out.push({ from: cursor, to: place.to, expected: parts[i]! });
      cursor = place.to;
      continue;
    }
    let next = i + 1;
    while (next < parts.length && !at.has(next)) next++;
    const limit = next < parts.length ? at.get(next)!.from : close;
    // The last part reaches the closing quote; any other ends at its closing words when they are there.
    const cut = i === parts.length - 1 ? undefined : tailEnd(chars, cursor, limit, tails[i] ?? '');
    if (cut === undefined && next > i + 1) {
      // Several parts in a row wrong and no words to cut them: one wrong stretch.
      if (limit <= cursor) return undefined;
      out.push({ from: cursor, to: limit, expected: parts.slice(i, next).join('') });
      cursor = limit;
      i = next - 1;
      continue;
    }
    const to = cut ?? limit;
    if (to <= cursor) return undefined;
    out.push({ from: cursor, to, expected: parts[i]! });
    cursor = to;
  }
  return out;
}

/**
 * A quoted name at `open` made of the parts of one term (prose.yaml `parts`), all of them or all but one:
 * the term, its end, and the parts misnamed. Two terms fitting as well, or the best fitting by fewer
 * parts: the readings that fit best, for the document's numbers to choose from (`ambiguous`).
 */
function quotedParts(chars: readonly string[], open: number, vocabulary: Vocabulary): { term: Term; end: number; misnamed: Misnamed[] } | { ambiguous: Ambiguous } | undefined {
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
  let best: { term: Term; at: Map<number, { from: number; to: number }> }[] = [];
  for (const [term, at] of found) {
    const n = term.parts!.length;
    if (n < 3) continue;
    // The parts in their order.
    const order = [...at.entries()].sort((a, b) => a[0] - b[0]).map(([, place]) => place.from);
    if (order.some((from, i) => i > 0 && from < order[i - 1]!)) continue;
    const s = score(term, at);
    const top = best[0] ? score(best[0].term, best[0].at) : -1;
    if (s > top) best = [{ term, at }];
    else if (s === top) best.push({ term, at });
  }
  const readings: Reading[] = [];
  for (const { term, at } of best) {
    const misnamed = wrongParts(chars, open, close, term, at);
    if (misnamed) readings.push({ term, misnamed });
  }
  const one = readings.length === 1 ? readings[0]! : undefined;
  if (one && best[0]!.at.size >= one.term.parts!.length - 1) return { term: one.term, end: close + 1, misnamed: one.misnamed };
  return readings.length ? { ambiguous: { open, end: close + 1, readings } } : undefined;
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

/**
 * The tokens of a folded text. `names.ambiguous` collects the quoted names that fit several terms;
 * `names.chosen` (opening quote → the reading the document's numbers chose) reads them as chosen.
 */
export function tokenize(folded: Folded, vocabulary: Vocabulary, names: { ambiguous?: Ambiguous[]; chosen?: ReadonlyMap<number, Reading> } = {}): Token[] {
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
      const found = quotedParts(chars, i, vocabulary);
      const chosen = found && 'ambiguous' in found ? names.chosen?.get(i) : undefined;
      if (found && 'ambiguous' in found && !chosen) names.ambiguous?.push(found.ambiguous);
      const parted = found && 'ambiguous' in found ? (chosen ? { ...chosen, end: found.ambiguous.end } : undefined) : found;
      if (parted) {
        flush(i);
        tokens.push({ t: 'entry', from: i, to: parted.end, entries: [{ kind: 'term', term: parted.term, after: false }], ...(parted.misnamed.length ? { misnamed: parted.misnamed } : {}) });
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
