// The prose vocabulary of one report: the template's prose.yaml with its families expanded against
// the report (each 科目 of a classification, each project block, each 指标, each listed value) and
// every name and cue word put in one trie, so a paragraph is tokenised in one left-to-right pass.
import type { ReportData } from '../../data/read.js';
import type { ProseTerm, ProseVocabulary, Template } from '../../template/types.js';
import { parseExpr } from '../../expr/index.js';
import { indicators } from '../refs.js';
import { foldWord } from './normalize.js';

export type Direction = 'increase' | 'decrease' | 'flat' | 'grow' | 'fall' | 'greater' | 'less' | 'equal';
export const DIRECTIONS: readonly Direction[] = ['increase', 'decrease', 'flat', 'grow', 'fall', 'greater', 'less', 'equal'];

/** A figure the prose can name, with its roles (fact, budget, score…) as expressions (src/expr). */
export interface Term {
  /** The name it was found by in the vocabulary (for messages). */
  label: string;
  /** The parts of its quoted name (prose.yaml `parts`), as written. */
  parts?: string[];
  /** The words that close each part whatever its name ("(类)"), from the pack's `parts` (folded). */
  partTails?: string[];
  /** role → expression; `fact` always (and `prior(fact)` when no prior is given), whole/precise/completion when given. */
  fields: Map<string, string>;
}

export type Entry =
  | { kind: 'term'; term: Term; after: boolean }
  | { kind: 'aspect'; role: string }
  | { kind: 'basis'; basis: 'prior' | 'budget' }
  | { kind: 'share' | 'completion' | 'to' | 'reason' | 'filler' }
  | { kind: 'word'; word: Direction }
  /** The cue of a list of names (主要包括): `list` indexes Vocabulary.lists. */
  | { kind: 'list'; list: number };

export type UnitKind = 'amount' | 'percent' | 'count' | 'score' | 'year';
export interface Unit {
  kind: UnitKind;
  /** 元 per unit, for amounts. */
  scale?: number;
}

interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  values?: T[];
}

/** Words over folded characters; `longest` finds the longest word starting at a position. */
export class Trie<T> {
  private readonly root: TrieNode<T> = { next: new Map() };

  add(word: string, value: T): void {
    let node = this.root;
    for (const c of foldWord(word)) {
      let next = node.next.get(c);
      if (!next) node.next.set(c, (next = { next: new Map() }));
      node = next;
    }
    if (node === this.root) return;
    (node.values ??= []).push(value);
  }

  /** The longest word at `at`: its end (exclusive) and its values. */
  longest(chars: readonly string[], at: number): { end: number; values: T[] } | undefined {
    let node: TrieNode<T> | undefined = this.root;
    let found: { end: number; values: T[] } | undefined;
    for (let i = at; i < chars.length && node; i++) {
      node = node.next.get(chars[i]!);
      if (node?.values) found = { end: i + 1, values: node.values };
    }
    return found;
  }
}

export interface Vocabulary {
  words: Trie<Entry>;
  units: Trie<Unit>;
  /** Block kinds whose every text is prose, and field names that are prose in any block. */
  texts: { blocks: Set<string>; fields: Set<string> };
  /** Words that may be both filler and `to` (为): the resolver asks. */
  to: Set<string>;
  /** The first word of each direction, for messages. */
  wordOf: Partial<Record<Direction, string>>;
  /** The report's year and the year before (a year typed must be one of them). */
  years: [number, number];
  /** Garbled wording, matched in a pass of its own (a residue may also be a name: "支出收入" for 支出). */
  residue: Trie<true>;
  /** For each list of prose.yaml, its names (folded) → the figure each must not leave empty. */
  lists: Map<string, { label: string; fact: string }>[];
  /** The parts of quoted names (prose.yaml `parts`): each part → the terms and the place it has among their parts. */
  parts: Trie<{ term: Term; index: number }>;
}

/** Whether an expression is a plain reference (no call): one whose 上年 is prior() of it. */
function isReference(expression: string): boolean {
  const parsed = parseExpr(expression);
  return parsed.ok && parsed.parsed.expr.type === 'ref';
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{([^{}]+)\}/gu, (m, key: string) => vars[key] ?? m);
}

function list(names: string | string[] | undefined): string[] {
  return names === undefined ? [] : Array.isArray(names) ? names : [names];
}

const RESERVED = new Set(['name', 'after', 'each', 'parts']);

/** The variable sets a term's family stands for (one empty set for a plain term). */
function familyOf(term: ProseTerm, report: ReportData, template: Template): Record<string, string>[] {
  const each = term.each;
  if (!each) return [{}];
  if ('classification' in each) {
    const c = template.classifications.get(each.classification);
    const level = c?.levels.indexOf(each.level) ?? -1;
    if (!c || level < 0) return [];
    const names = template.manifest.narrative?.names ?? {};
    const out: Record<string, string>[] = [];
    for (const [code, name] of c.codes) {
      if (code.length !== c.digits[level]) continue;
      const vars: Record<string, string> = { code, name };
      for (let j = 0; j <= level; j++) {
        const ancestor = c.codes.get(code.slice(0, c.digits[j]));
        if (ancestor) vars[c.levels[j]!] = ancestor;
      }
      out.push(vars);
      // The 情况说明's own name for a code (303 对个人和家庭补助支出) names the same figure.
      const own = names[code];
      if (own && own !== name) out.push({ ...vars, name: own, [c.levels[level]!]: own });
    }
    return out;
  }
  if ('blocks' in each) return (report.byKind.get(each.blocks) ?? []).map((b) => ({ name: b.name ?? '' }));
  if ('indicators' in each) return (report.byKind.get(each.indicators) ?? []).flatMap((b) => [...indicators(b.root).keys()].map((name) => ({ name })));
  return each.values.map((name) => ({ name }));
}

/** An expression of prose.yaml that does not parse: the term's index, its key, the message and offset. */
export interface VocabularyProblem {
  term: number;
  key: string;
  message: string;
  offset: number;
}

/** Builds the vocabulary of a report from its template's prose.yaml and narrative words. */
export function buildVocabulary(report: ReportData, template: Template, prose: ProseVocabulary, onProblem?: (problem: VocabularyProblem) => void): Vocabulary {
  const years: Record<string, string> = { 年度: String(report.frontMatter.year), 上年度: String(report.frontMatter.year - 1) };
  const words = new Trie<Entry>();
  const add = (word: string, entry: Entry) => words.add(fill(word, years), entry);

  const reported = new Set<string>();
  const parts = new Trie<{ term: Term; index: number }>();
  prose.terms.forEach((term, index) => {
    for (const vars of familyOf(term, report, template)) {
      const all = { ...years, ...vars };
      const fields = new Map<string, string>();
      let broken = false;
      for (const [key, value] of Object.entries(term)) {
        if (RESERVED.has(key) || typeof value !== 'string') continue;
        const source = fill(value, all).trim();
        const parsed = parseExpr(source);
        if (!parsed.ok) {
          broken = true;
          if (!reported.has(`${index}/${key}`)) onProblem?.({ term: index, key, message: parsed.error.message, offset: source === value.trim() ? parsed.error.offset : 0 });
          reported.add(`${index}/${key}`);
          continue;
        }
        fields.set(key, source);
      }
      if (broken || !fields.has('fact')) continue;
      const fact = fill(term.fact, all).trim();
      // 上年: the same figure of the previous year (expr's prior(): the previous report, or 上年 through narrative.prior).
      if (!fields.has('prior') && isReference(fact)) fields.set('prior', `prior(${fact})`);
      const names = list(term.name).map((n) => fill(n, all));
      const after = list(term.after).map((n) => fill(n, all));
      const made: Term = { label: names[0] ?? after[0] ?? fact, fields };
      if (term.parts) {
        made.parts = term.parts.map((n) => fill(n, all));
        made.partTails = term.parts.map((n) => foldWord(n.slice(n.lastIndexOf('}') + 1)));
        made.parts.forEach((part, i) => parts.add(part, { term: made, index: i }));
      }
      for (const n of names) words.add(n, { kind: 'term', term: made, after: false });
      for (const n of after) words.add(n, { kind: 'term', term: made, after: true });
    }
  });
  for (const [role, cues] of Object.entries(prose.aspects ?? {})) for (const cue of cues) add(cue, { kind: 'aspect', role });
  for (const basis of ['prior', 'budget'] as const) for (const cue of prose.basis?.[basis] ?? []) add(cue, { kind: 'basis', basis });
  for (const kind of ['share', 'completion', 'to', 'reason'] as const) for (const cue of prose.phrases?.[kind] ?? []) add(cue, { kind });
  for (const cue of prose.filler ?? []) add(cue, { kind: 'filler' });
  const narrativeWords: Partial<Record<Direction, string | string[]>> = template.manifest.narrative?.words ?? {};
  const wordOf: Partial<Record<Direction, string>> = {};
  for (const word of DIRECTIONS) {
    for (const w of new Set([...list(narrativeWords[word]), ...(prose.words?.[word] ?? [])])) {
      add(w, { kind: 'word', word });
      wordOf[word] ??= w;
    }
  }

  const residue = new Trie<true>();
  for (const word of prose.residue ?? []) residue.add(word, true);
  const lists = (prose.lists ?? []).map((def, index) => {
    for (const cue of list(def.after)) add(cue, { kind: 'list', list: index });
    const names = new Map<string, { label: string; fact: string }>();
    for (const vars of familyOf({ fact: def.fact, ...(def.each ? { each: def.each } : {}) }, report, template)) {
      const all = { ...years, ...vars };
      const fact = fill(def.fact, all).trim();
      for (const n of list(def.name)) names.set(foldWord(fill(n, all)), { label: fill(n, all), fact });
    }
    return names;
  });

  const units = new Trie<Unit>();
  for (const [unit, scale] of Object.entries(prose.units.amount)) units.add(unit, { kind: 'amount', scale });
  for (const kind of ['percent', 'count', 'score', 'year'] as const) for (const unit of prose.units[kind] ?? []) units.add(unit, { kind });
  return {
    words,
    units,
    texts: { blocks: new Set(prose.texts?.blocks ?? []), fields: new Set(prose.texts?.fields ?? []) },
    to: new Set((prose.phrases?.to ?? []).map(foldWord)),
    wordOf,
    years: [report.frontMatter.year, report.frontMatter.year - 1],
    residue,
    lists,
    parts,
  };
}
