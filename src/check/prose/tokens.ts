// Tokenises a folded paragraph in one left-to-right pass: at each character the longest word of the
// vocabulary (a name, a cue, a direction word, filler), else a number with its unit, a short quoted
// word, a separator, or plain text. Linear in the paragraph's length (each step reads at most the
// longest word of the vocabulary), with no backtracking.
import type { Folded } from './normalize.js';
import { HELPER } from './spans.js';
import type { Entry, Unit, Vocabulary } from './vocabulary.js';

export type Level = 'clause' | 'part' | 'sentence';

interface Base {
  /** Folded character indices [from, to). */
  from: number;
  to: number;
}

export type Token =
  | (Base & { t: 'num'; digitsEnd: number; digits: string; unit: Unit })
  | (Base & { t: 'entry'; entries: Entry[] })
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
      let j = i + 1;
      while (j < chars.length && j - i <= QUOTE_MAX && chars[j] !== '"' && !(chars[j]! in SEPARATORS && SEPARATORS[chars[j]!] !== 'clause')) j++;
      if (chars[j] === '"' && j > i + 1) {
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
