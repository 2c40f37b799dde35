// The typography of printed Chinese text, applied as text is written into the HTML (the sources
// are not touched): full-width ：；，？！ and （） in Chinese context, “” for straight or mixed
// quotes; and the word groups of a table cell, so that a narrow cell breaks between words only.

const CHINESE = /[\p{Script=Han}\u3000-\u303F\uFF01-\uFF5E“”‘’]/u;
const HAN = /\p{Script=Han}/u;
const FULL: Record<string, string> = { ':': '：', ';': '；', ',': '，', '?': '？', '!': '！' };

function chinese(ch: string | undefined): boolean {
  return ch !== undefined && CHINESE.test(ch);
}

function digit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Parentheses around Chinese text, or next to it, become full-width: 注(单位) → 注（单位）. */
function parentheses(text: string): string {
  return text.replace(/\(([^()（）]*)\)/gu, (match, inner: string, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + match.length];
    return HAN.test(inner) || chinese(before) || chinese(after) ? `（${inner}）` : match;
  });
}

/** Straight (or mixed) double quotes in Chinese text become “…”. */
function quotes(text: string): string {
  if (!text.includes('"') || !HAN.test(text)) return text;
  let open = false;
  let out = '';
  for (const ch of text) {
    if (ch === '“') open = true;
    else if (ch === '”') open = false;
    if (ch !== '"') {
      out += ch;
      continue;
    }
    out += open ? '”' : '“';
    open = !open;
  }
  return out;
}

/** Normalises the punctuation of a printed text in Chinese context. */
export function typeset(text: string): string {
  if (!HAN.test(text)) return text;
  let out = parentheses(quotes(text));
  out = out.replace(/\s*([:;,?!])\s*/gu, (match, mark: string, offset: number) => {
    const before = out[offset - 1];
    const after = out[offset + match.length];
    if (mark === ':' && digit(before) && digit(after)) return match;
    if (mark === ',' && digit(before) && (digit(after) || !chinese(after))) return match;
    return chinese(before) || (chinese(after) && !digit(before)) ? FULL[mark]! : match;
  });
  return out;
}

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });
const PUNCTUATION = /^[\p{P}\p{S}\s]+$/u;

/**
 * The groups a cell's text may break between: the words of the text, a one-character word joined
 * to the next one (to the previous at the end), punctuation kept with what precedes it.
 */
export function wordGroups(text: string): string[] {
  const known = GROUPS.get(text);
  if (known) return known;
  const groups = segment(text);
  if (GROUPS.size > 20000) GROUPS.clear();
  GROUPS.set(text, groups);
  return groups;
}

const GROUPS = new Map<string, string[]>();

function segment(text: string): string[] {
  const words = [...SEGMENTER.segment(text)].map((s) => s.segment);
  const groups: string[] = [];
  let pending = '';
  for (const word of words) {
    if (PUNCTUATION.test(word) && groups.length && !pending) {
      groups[groups.length - 1] += word;
      continue;
    }
    const joined = pending + word;
    if ([...joined].length < 2 && HAN.test(joined)) {
      pending = joined;
      continue;
    }
    pending = '';
    groups.push(joined);
  }
  if (pending) {
    if (groups.length) groups[groups.length - 1] += pending;
    else groups.push(pending);
  }
  return groups;
}
