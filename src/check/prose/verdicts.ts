// Verdicts on the claims of one paragraph. A literal that disagrees with its figure beyond its own
// precision is prose/mismatch; a direction word the numbers contradict is prose/direction; a literal
// that agrees is an info offering the helper that prints it (and a --fix edit when that helper prints
// it word for word); only a literal that cannot be resolved warns, once per clause of a sentence.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { diagnose } from '../../diagnostics/message.js';
import type { TextEdit } from '../../edit/edits.js';
import { pointAt } from '../../parse/locate.js';
import { normalizeIndicatorText, parseActual } from '../../perf/indicator.js';
import { wan } from '../../narrate/phrases.js';
import { numberOf } from '../../expr/index.js';
import { intersects, type Interval } from '../interval.js';
import { writtenInterval } from '../precision.js';
import { callText, type Figure, type Figures } from './figures.js';
import type { Folded } from './normalize.js';
import type { Claim } from './resolve.js';
import type { Span } from './spans.js';
import type { Token } from './tokens.js';
import type { Direction, Vocabulary } from './vocabulary.js';

export interface ParagraphInput {
  vfile: VFile;
  span: Span;
  folded: Folded;
  claims: Claim[];
  figures: Figures;
  vocabulary: Vocabulary;
  /** Where --fix edits are collected. */
  fixes: TextEdit[];
}

const OPERATORS = new Set(['>', '<', '=', '≥', '≤']);

/** Source offsets [start, end) of folded characters [from, to). */
function sourceRange(folded: Folded, from: number, to: number): [number, number] {
  return [folded.offsets[from]!, to > from ? folded.offsets[to - 1]! + 1 : folded.offsets[from]!];
}

function place(span: Span, start: number, end: number) {
  return { start: pointAt(span.file, span.offset + start), end: pointAt(span.file, span.offset + end) };
}

/** The words before a literal, for messages: "…本年收入合计292.90万元". */
function quoteOf(input: ParagraphInput, token: Token): string {
  const { folded } = input;
  const from = Math.max(0, token.from - 14);
  let start = from;
  for (let i = token.from - 1; i >= from; i--) {
    if (/[,;。:!?]/u.test(folded.chars[i]!)) {
      start = i + 1;
      break;
    }
  }
  return (start > from || from === 0 ? '' : '…') + folded.chars.slice(start, token.to).join('');
}

function up(direction: Direction): boolean {
  return direction === 'increase' || direction === 'grow' || direction === 'greater';
}

/** The word that should have been written, in the written word's family (增加/减少 or 增长/下降). */
function expectedWord(written: Direction, actual: 'up' | 'down' | 'flat'): Direction {
  if (actual === 'flat') return written === 'greater' || written === 'less' || written === 'equal' ? 'equal' : 'flat';
  if (written === 'grow' || written === 'fall') return actual === 'up' ? 'grow' : 'fall';
  if (written === 'greater' || written === 'less' || written === 'equal') return actual === 'up' ? 'greater' : 'less';
  return actual === 'up' ? 'increase' : 'decrease';
}

function says(direction: Direction): 'up' | 'down' | 'flat' {
  if (direction === 'flat' || direction === 'equal') return 'flat';
  return up(direction) ? 'up' : 'down';
}

function directionError(input: ParagraphInput, token: Token, written: Direction, actual: 'up' | 'down' | 'flat', description: string): void {
  const { span, folded, vocabulary, vfile } = input;
  if (span.ignored.has('prose/direction')) return;
  const [start, end] = sourceRange(folded, token.from, token.to);
  const writtenText = folded.chars.slice(token.from, token.to).join('');
  const expected = vocabulary.wordOf[expectedWord(written, actual)] ?? expectedWord(written, actual);
  diagnose(vfile, {
    rule: 'prose/direction',
    reason: `文中「${writtenText}」与数据矛盾: ${description},应为「${expected}」`,
    file: span.file.path,
    place: place(span, start, end),
    expected,
    actual: writtenText,
  });
}

/** exact: agrees; range: only within the operands' 尾数 (a mismatch for a derived figure); no; incomparable (another kind of figure). */
type Agreement = 'exact' | 'range' | 'no' | 'incomparable';

function compatible(unit: Token & { t: 'num' }, figure: Figure): boolean {
  if (figure.kind === 'text') return true;
  if (unit.unit.kind === 'amount') return figure.kind === 'amount';
  if (unit.unit.kind === 'percent') return figure.kind === 'percent' || figure.kind === 'score';
  if (unit.unit.kind === 'count') return figure.kind === 'count';
  return figure.kind === 'score' || figure.kind === 'count';
}

function contains(i: Interval, d: Decimal): boolean {
  return i.lo.lte(d) && i.hi.gte(d);
}

/**
 * Whether a literal's 尾数 interval meets a stated figure's: over more than a point, since a printed
 * value stands for [v − ½u, v + ½u) — 545.84 and 545.85, printed alike, are two values, not one (an exact
 * figure, a point, is met when the literal holds it).
 */
function meets(literal: Interval, range: Interval): boolean {
  if (range.lo.eq(range.hi)) return intersects(literal, range);
  return Decimal.max(literal.lo, range.lo).lt(Decimal.min(literal.hi, range.hi));
}

/** Whether an amount written in the prose states a figure that the data holds (a stated amount, at the literal's precision). */
export function statesAmount(token: Token, figure: Figure): boolean {
  if (token.t !== 'num' || token.unit.kind !== 'amount' || figure.kind !== 'amount' || !figure.stated || !figure.range) return false;
  return meets(writtenInterval(token.digits, new Decimal(token.unit.scale ?? 1)), figure.range);
}

/** How a literal agrees with its figure, at the literal's own precision. */
function agreement(input: ParagraphInput, token: Token, figure: Figure): Agreement {
  if (token.t === 'quote') return figure.kind === 'text' && normalizeIndicatorText(figure.text ?? '') === normalizeIndicatorText(token.text) ? 'exact' : 'no';
  if (token.t !== 'num' || !compatible(token, figure)) return 'incomparable';
  if (figure.kind === 'text') {
    const { chars } = input.folded;
    let op = '';
    for (let i = token.from - 1; i >= 0 && token.from - i <= 2 && OPERATORS.has(chars[i]!); i--) op = chars[i]! + op;
    const written = chars.slice(token.from, token.to).join('');
    const text = figure.text ?? '';
    if (normalizeIndicatorText(op + written) === normalizeIndicatorText(text)) return 'exact';
    const actual = op === '' ? parseActual(text) : undefined;
    const unit = chars.slice(token.digitsEnd, token.to).join('');
    if (actual && (actual.unit === unit || actual.unit === '') && contains(writtenInterval(token.digits), actual.value)) return 'exact';
    return 'no';
  }
  const literal = writtenInterval(token.digits, new Decimal(token.unit.scale ?? 1));
  if (figure.stated && figure.range) return meets(literal, figure.range) ? 'exact' : 'no';
  // A derived figure (a change, a rate) is what the narrative computes from the values as held: a
  // literal is judged against that, at its own precision (2.60% against 4.68 ÷ 180.73 = 2.59% is
  // wrong, though the operands' 尾数 would admit 2.5839–2.5951%).
  if (figure.exact && contains(literal, figure.exact)) return 'exact';
  return figure.range && intersects(literal, figure.range) ? 'range' : 'no';
}

/** The --fix edit for an agreeing literal: a helper call that prints exactly what is written. */
function fixFor(input: ParagraphInput, token: Token, figure: Figure): { edit: TextEdit; call: string } | undefined {
  const { folded, span, figures } = input;
  const whole = sourceRange(folded, token.from, token.to);
  // The number with its unit, or the number alone (a count, "0辆"), or a quoted word's text.
  const ranges: [number, number][] = token.t === 'quote' ? [sourceRange(folded, token.from + 1, token.to - 1)] : token.t === 'num' ? [whole, sourceRange(folded, token.from, token.digitsEnd)] : [];
  for (const call of figure.calls) {
    const prints = figures.render(call);
    const range = ranges.find(([a, b]) => span.text.slice(a, b) === prints);
    if (!range || prints === undefined) continue;
    // In a YAML scalar, a helper may not open the value (it would read as a mapping), nor a quote break it.
    const text = callText(call);
    if (span.kind === 'yaml' && (range[0] === 0 || text.includes('"') || text.includes("'"))) return undefined;
    return { call: text, edit: { path: span.file.path, start: span.offset + range[0], end: span.offset + range[1], text } };
  }
  return undefined;
}

/** Reports a year of the prose that is not the report's (prose/year). */
function staleYear(input: Pick<ParagraphInput, 'vfile' | 'span' | 'folded'>, from: number, to: number, why: string): void {
  const { span, folded, vfile } = input;
  const [start, end] = sourceRange(folded, from, to);
  diagnose(vfile, { rule: 'prose/year', reason: `文中「${folded.chars.slice(from, to).join('')}」${why}`, file: span.file.path, place: place(span, start, end) });
}

/**
 * A year typed before 年度 is the report's: another year is an error, and so is the year before unless
 * a comparison names it (比2023年度…, 与2023年度相比: the pack's cues, read as one word) — a
 * "2023年度" left in a 2024 report is last year's text. In a heading, only the report's year.
 */
function year(input: ParagraphInput, token: Token): void {
  const { span, vocabulary } = input;
  if (token.t !== 'num' || !/^\d{4}$/u.test(token.digits) || span.ignored.has('prose/year')) return;
  const [current, prior] = vocabulary.years;
  const n = Number(token.digits);
  if (n === current) return;
  if (n === prior) staleYear(input, token.from, token.to, `是上年度;${span.heading ? '标题应写本年度' : '本年度的报告应写'} ${current}(与上年比较请写「比上年」或「与${prior}年度相比」)`);
  else staleYear(input, token.from, token.to, `既不是报告年度 ${current},也不是上年度 ${prior};是否写错了年份?`);
}

/** Dates of a year before the report's (2023年12月31日 in a 2024 report), and years in headings not followed by 度. */
export function staleDates(input: Pick<ParagraphInput, 'vfile' | 'span' | 'folded' | 'vocabulary'>): void {
  const { span, folded, vocabulary } = input;
  if (span.ignored.has('prose/year')) return;
  const [current] = vocabulary.years;
  const text = folded.chars.join('');
  // Folded character indices are string indices only for single-unit characters; map through the chars.
  const index: number[] = [];
  let at = 0;
  folded.chars.forEach((c, i) => {
    for (let k = 0; k < c.length; k++) index[at + k] = i;
    at += c.length;
  });
  const pattern = span.heading ? /(?<!\d)(\d{4})年(?!度)(?:\d{1,2}月(?:\d{1,2}日)?)?/gu : /(?<!\d)(\d{4})年\d{1,2}月(?:\d{1,2}日)?/gu;
  for (const m of text.matchAll(pattern)) {
    const y = Number(m[1]);
    if (y >= current || (span.heading && y === current)) continue;
    const from = index[m.index]!;
    const to = index[m.index + m[0].length - 1]! + 1;
    staleYear(input, from, to, span.heading ? `在标题中,而报告年度是 ${current}` : `早于报告年度 ${current};是上一年度留下的日期吗?`);
  }
}

/** A quoted 科目 name with one part that is not its own: the part, and the name it should have. */
function misnamed(input: ParagraphInput, claim: Extract<Claim, { kind: 'name' }>): void {
  const { span, folded, vfile } = input;
  if (span.ignored.has('prose/name')) return;
  const [start, end] = sourceRange(folded, claim.from, claim.to);
  diagnose(vfile, {
    rule: 'prose/name',
    reason: `文中「${span.text.slice(start, end)}」不是「${claim.term.label}」中这一级的名称,应为「${claim.expected}」`,
    file: span.file.path,
    place: place(span, start, end),
    actual: span.text.slice(start, end),
    expected: claim.expected,
  });
}

/** Judges the claims of one paragraph. */
export function judge(input: ParagraphInput): void {
  const { vfile, span, folded, claims, figures } = input;
  const unresolved = new Map<number, Token[]>();
  for (const claim of claims) {
    if (claim.kind === 'year') {
      year(input, claim.token);
      continue;
    }
    if (claim.kind === 'name') {
      misnamed(input, claim);
      continue;
    }
    if (claim.kind === 'word') {
      if (claim.spec.kind === 'change') {
        const figure = figures.figure({ kind: 'change', term: claim.spec.term, basis: claim.spec.basis });
        if (figure?.direction && figure.direction !== says(claim.direction)) directionError(input, claim.token, claim.direction, figure.direction, figure.description);
        continue;
      }
      const left = claim.spec.term.fields.get(claim.spec.left);
      const right = claim.spec.term.fields.get(claim.spec.right);
      const a = left ? figures.fact(left) : undefined;
      const b = right ? figures.fact(right) : undefined;
      if (!a || !b || a.kind === 'text' || b.kind === 'text') continue;
      const diff = numberOf(a).minus(numberOf(b));
      const d = a.kind === 'amount' ? new Decimal(wan(diff)) : diff;
      const actual = d.isZero() ? 'flat' : d.isPositive() ? 'up' : 'down';
      const shown = (f: typeof a) => (f.kind === 'amount' ? `${wan(numberOf(f))}万元` : numberOf(f).toString());
      if (actual !== says(claim.direction)) directionError(input, claim.token, claim.direction, actual, `${claim.spec.term.label}: ${a.label} ${shown(a)},${b.label} ${shown(b)}`);
      continue;
    }
    const token = claim.token;
    const figure = claim.figure ? figures.figure(claim.figure) : undefined;
    // The direction word that comes with the number (比上年减少…, 减少为…).
    if (claim.word) {
      const change = claim.figure?.kind === 'change' || claim.figure?.kind === 'growth' ? figure : claim.word.basis && claim.figure ? figures.figure({ kind: 'change', term: claim.figure.term, basis: claim.word.basis }) : undefined;
      if (change?.direction && change.direction !== says(claim.word.direction)) directionError(input, claim.word.token, claim.word.direction, change.direction, change.description);
    }
    const verdict = figure ? agreement(input, token, figure) : 'incomparable';
    if (!figure || verdict === 'incomparable') {
      if (token.t === 'num' && (token.unit.kind === 'amount' || token.unit.kind === 'percent')) unresolved.set(claim.part, [...(unresolved.get(claim.part) ?? []), token]);
      continue;
    }
    const [start, end] = token.t === 'quote' ? sourceRange(folded, token.from + 1, token.to - 1) : sourceRange(folded, token.from, token.to);
    const written = token.t === 'quote' ? token.text : folded.chars.slice(token.from, token.to).join('');
    if (figure.missing || verdict !== 'exact') {
      if (span.ignored.has('prose/mismatch')) continue;
      const within = verdict === 'range' ? `(各数的尾数区间虽可得 ${written},按模板的算法应为 ${figure.shown})` : '';
      diagnose(vfile, {
        rule: 'prose/mismatch',
        reason: figure.missing ? `文中「${quoteOf(input, token)}」不成立: ${figure.description},${figure.missing}` : `文中「${quoteOf(input, token)}」与数据不一致: ${figure.description}${within}`,
        file: span.file.path,
        place: place(span, start, end),
        expected: figure.shown,
        actual: written,
        related: figure.where ? [{ file: figure.where.file.path, place: figure.where.place, label: figure.description }] : [],
      });
      continue;
    }
    const fix = fixFor(input, token, figure);
    if (fix) input.fixes.push(fix.edit);
    diagnose(vfile, {
      rule: 'prose/typed-literal',
      severity: 'info',
      reason: `文中「${written}」与数据一致(${figure.description})` + (fix ? `;可写作 ${fix.call}(juesuan check --fix)` : ''),
      file: span.file.path,
      place: place(span, start, end),
    });
  }
  if (span.ignored.has('prose/unbound-literal')) return;
  for (const tokens of unresolved.values()) {
    const first = tokens[0]!;
    const [start, end] = sourceRange(folded, first.from, first.to);
    const listed = tokens.map((t) => `「${folded.chars.slice(t.from, t.to).join('')}」`).join('');
    diagnose(vfile, {
      rule: 'prose/unbound-literal',
      severity: 'warning',
      reason: `文中直接写了数字${listed},未能对应到数据;请用辅助函数引用数据(如 {{万元 …}}),或在模板的 prose.yaml 中补充其名称`,
      file: span.file.path,
      place: place(span, start, end),
      related: tokens.slice(1).map((t) => ({ file: span.file.path, place: pointAt(span.file, span.offset + sourceRange(folded, t.from, t.to)[0]), label: folded.chars.slice(t.from, t.to).join('') })),
    });
  }
}
