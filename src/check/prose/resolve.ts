// Resolution: one pass over a paragraph's tokens that keeps the sentence's subject (the figure
// last named), its first figure (the whole of its shares), what changes are measured against, and
// whether a reason is being given; each number gets the figure the words before it name, each
// direction word the comparison it makes. Constant work per token: linear in the paragraph.
import type { Direction, Entry, Term } from './vocabulary.js';
import type { Token } from './tokens.js';

/** A figure a literal or a word refers to. */
export type FigureSpec =
  | { kind: 'value'; term: Term; role: string }
  | { kind: 'change'; term: Term; basis: 'prior' | 'budget' }
  | { kind: 'growth'; term: Term; basis: 'prior' | 'budget' }
  | { kind: 'share'; term: Term; whole: string; wholeLabel: string }
  | { kind: 'completion'; term: Term };

export type Claim =
  /** A number (or a quoted word) and the figure it states; `word`: the direction word it comes with. */
  | { kind: 'literal'; token: Token; figure: FigureSpec | undefined; word?: { token: Token; direction: Direction; basis?: 'prior' | 'budget' }; part: number; sentence: number }
  /** A quoted 科目 name with one part that is not its term's (prose.yaml `parts`). */
  | { kind: 'name'; token: Token; term: Term; from: number; to: number; expected: string }
  /** A year ("2022年度"), outside a reason. */
  | { kind: 'year'; token: Token }
  /** A direction word standing alone: a change against 上年 or a comparison of two figures. */
  | { kind: 'word'; token: Token; direction: Direction; spec: { kind: 'change'; term: Term; basis: 'prior' | 'budget' } | { kind: 'versus'; term: Term; left: string; right: string } };

function has(token: Token | undefined, kind: Entry['kind']): boolean {
  return token?.t === 'entry' && token.entries.some((e) => e.kind === kind);
}

function entry<K extends Entry['kind']>(token: Token | undefined, kind: K): Extract<Entry, { kind: K }> | undefined {
  return token?.t === 'entry' ? (token.entries.find((e) => e.kind === kind) as Extract<Entry, { kind: K }> | undefined) : undefined;
}

/** A token that only fills (为, 的, ":"), not naming anything. */
function isFiller(token: Token | undefined): boolean {
  return token?.t === 'entry' && token.entries.every((e) => e.kind === 'filler' || e.kind === 'to');
}

const LOOK = 6;

/** Resolves the tokens of one paragraph; `chars` are its folded characters (for `to` words). */
export function resolveTokens(tokens: readonly Token[], chars: readonly string[], toWords: ReadonlySet<string>): Claim[] {
  const claims: Claim[] = [];
  let subject: Term | undefined;
  /** For each role, the term named last in the paragraph that has it. */
  const byRole = new Map<string, Term>();
  let head: Term | undefined;
  let basis: 'prior' | 'budget' | undefined;
  let inReason = false;
  let shareOpen = false;
  let part = 0;
  let sentence = 0;

  /** A name the vocabulary does not know is the subject now: nothing after it resolves until the next known name. */
  const forget = (): void => {
    subject = undefined;
    byRole.clear();
  };
  const withRole = (role: string): Term | undefined => {
    if (subject?.fields.has(role)) return subject;
    return byRole.get(role);
  };
  /** The nearest token before k that is not filler, and the filler words skipped. */
  const before = (k: number): { index: number; skipped: string[] } => {
    const skipped: string[] = [];
    let i = k - 1;
    while (i >= 0 && k - i <= LOOK && isFiller(tokens[i])) {
      skipped.push(chars.slice(tokens[i]!.from, tokens[i]!.to).join(''));
      i--;
    }
    return { index: i, skipped };
  };
  const after = (k: number): number => {
    let i = k + 1;
    while (i < tokens.length && i - k <= LOOK && isFiller(tokens[i])) i++;
    return i;
  };

  const resolveNumber = (k: number): { figure?: FigureSpec; word?: { token: Token; direction: Direction; basis?: 'prior' | 'budget' } } => {
    const { index, skipped } = before(k);
    const b = tokens[index];
    const num = tokens[k]!;
    const percent = num.t === 'num' && num.unit.kind === 'percent';
    const term = entry(b, 'term');
    if (term && !term.after) {
      const share = entry(tokens[before(index).index], 'share');
      if (share && subject && subject !== term.term) return { figure: { kind: 'share', term: subject, whole: term.term.fields.get('fact')!, wholeLabel: term.term.label } };
      return { figure: { kind: 'value', term: term.term, role: 'fact' } };
    }
    const aspect = entry(b, 'aspect');
    if (aspect) {
      const owner = withRole(aspect.role);
      return owner ? { figure: { kind: 'value', term: owner, role: aspect.role } } : {};
    }
    const word = entry(b, 'word');
    if (word && subject) {
      const w = { token: b!, direction: word.word };
      if (skipped.some((s) => toWords.has(s))) return { figure: { kind: 'value', term: subject, role: 'fact' }, word: { ...w, basis: basis ?? 'prior' } };
      if (word.word === 'increase' || word.word === 'decrease' || word.word === 'grow' || word.word === 'fall') {
        return basis ? { figure: { kind: percent ? 'growth' : 'change', term: subject, basis }, word: w } : { word: w };
      }
      return {};
    }
    if (has(b, 'share') && subject && percent) {
      const whole = subject.fields.get('whole') ?? (head && head !== subject ? head.fields.get('fact') : undefined);
      const wholeLabel = subject.fields.has('whole') ? '' : (head?.label ?? '');
      return whole ? { figure: { kind: 'share', term: subject, whole, wholeLabel } } : {};
    }
    if (has(b, 'completion') && subject && percent) return { figure: { kind: 'completion', term: subject } };
    // A name after its number: "6个项目评价结果为“优”".
    const next = entry(tokens[after(k)], 'term');
    if (next?.after) return { figure: { kind: 'value', term: next.term, role: 'fact' } };
    return {};
  };

  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.t === 'sep') {
      shareOpen = false;
      if (token.level !== 'clause') {
        inReason = false;
        part++;
      }
      if (token.level === 'sentence') {
        sentence++;
        head = undefined;
      }
      continue;
    }
    if (token.t === 'num' || token.t === 'quote') {
      if (token.t === 'quote') {
        // A quoted word is a literal only where an aspect names a text figure ("评价结果为“优”").
        const aspect = entry(tokens[before(k).index], 'aspect');
        const owner = aspect ? withRole(aspect.role) : undefined;
        if (owner && aspect) claims.push({ kind: 'literal', token, figure: { kind: 'value', term: owner, role: aspect.role }, part, sentence });
        // A quoted name the vocabulary does not know, before a number: what follows is said of it, not of the last figure named.
        else if (tokens[after(k)]?.t === 'num') forget();
        continue;
      }
      if (token.unit.kind === 'year') {
        if (!inReason) claims.push({ kind: 'year', token });
        continue;
      }
      const { figure, word } = resolveNumber(k);
      claims.push({ kind: 'literal', token, figure, ...(word ? { word } : {}), part, sentence });
      shareOpen = false;
      continue;
    }
    if (token.t !== 'entry') continue;
    const term = entry(token, 'term');
    if (term) {
      if (shareOpen && !term.after) continue; // 占<whole>的: the whole of the share, not a new subject
      for (const wrong of token.misnamed ?? []) claims.push({ kind: 'name', token, term: term.term, ...wrong });
      // A known name opening a longer quoted one ("“社会保障和就业支出(类)<a 款 it does not know>…”"): that name is not this term's.
      if (chars[token.from - 1] === '"' && chars[token.from] !== '"' && chars[token.to] !== '"' && !inReason) {
        forget();
        continue;
      }
      if (inReason && tokens[after(k)]?.t !== 'num') continue;
      subject = term.term;
      for (const role of term.term.fields.keys()) byRole.set(role, term.term);
      head ??= term.term;
      continue;
    }
    const b = entry(token, 'basis');
    if (b) {
      basis = b.basis;
      continue;
    }
    if (has(token, 'share')) {
      shareOpen = true;
      continue;
    }
    if (has(token, 'reason')) {
      inReason = true;
      continue;
    }
    const word = entry(token, 'word');
    if (!word || inReason || !subject) continue;
    // A direction word with a number after it is judged with that number.
    const next = tokens[after(k)];
    if (next?.t === 'num') continue;
    const direction = word.word;
    if (direction === 'flat') {
      if (basis === 'prior') claims.push({ kind: 'word', token, direction, spec: { kind: 'change', term: subject, basis } });
      else if (basis === 'budget' && subject.fields.has('budget')) claims.push({ kind: 'word', token, direction, spec: { kind: 'versus', term: subject, left: 'fact', right: 'budget' } });
      continue;
    }
    if (direction === 'greater' || direction === 'less' || direction === 'equal') {
      const right = entry(next, 'aspect');
      const left = entry(tokens[before(k).index], 'aspect');
      const owner = right ? withRole(right.role) : undefined;
      if (right && owner && owner.fields.has(left?.role ?? 'fact')) claims.push({ kind: 'word', token, direction, spec: { kind: 'versus', term: owner, left: left?.role ?? 'fact', right: right.role } });
      continue;
    }
    // 增加/减少 with no number: judged only right after the figure it is said of.
    const prev = tokens[before(k).index];
    if (basis && (has(prev, 'term') || has(prev, 'aspect'))) claims.push({ kind: 'word', token, direction, spec: { kind: 'change', term: subject, basis } });
  }
  return claims;
}
