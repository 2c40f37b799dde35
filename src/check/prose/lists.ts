// Checks of the wording of prose: an enumeration ("经营收入0.00万元,占0.00%;…") that names one item
// twice in a sentence; a list ("主要包括：…") naming a figure that is empty; garbled wording the pack
// lists (residue); quotation marks that do not pair; a glossary ("(一)术语:定义") that defines a term
// twice or copies one definition under two terms. Each reads the paragraph once.
import type { VFile } from 'vfile';
import { diagnose } from '../../diagnostics/message.js';
import type { ParsedFile } from '../../parse/markdown.js';
import { pointAt } from '../../parse/locate.js';
import type { Folded } from './normalize.js';
import { markdownSpans, type Span } from './spans.js';
import type { Token } from './tokens.js';
import type { Figures } from './figures.js';
import type { Vocabulary } from './vocabulary.js';
import { numberOf } from '../../expr/index.js';

const NAME_MAX = 16;

function isHan(c: string | undefined): boolean {
  return c !== undefined && /\p{Script=Han}/u.test(c);
}

/** An item of an enumeration: a name, its amount, then ",占". */
export function duplicateItems(vfile: VFile, span: Span, folded: Folded, tokens: readonly Token[]): void {
  let seen = new Map<string, number>();
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.t === 'sep' && token.level === 'sentence') seen = new Map();
    // An amount, typed or written with a helper.
    if (!(token.t === 'helper' || (token.t === 'num' && token.unit.kind === 'amount'))) continue;
    const comma = tokens[k + 1];
    const share = tokens[k + 2];
    if (comma?.t !== 'sep' || comma.level !== 'clause' || folded.chars[comma.from] !== ',' || share?.t !== 'entry' || !share.entries.some((e) => e.kind === 'share')) continue;
    // The name: the Han characters right before the number (at most 16).
    let from = token.from;
    while (from > 0 && token.from - from < NAME_MAX && isHan(folded.chars[from - 1])) from--;
    if (token.from - from < 2) continue;
    const name = folded.chars.slice(from, token.from).join('');
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, folded.offsets[from]!);
      continue;
    }
    const at = folded.offsets[from]!;
    diagnose(vfile, {
      rule: 'prose/duplicate-item',
      severity: 'warning',
      reason: `同一列举中「${name}」出现了两次;是否漏列或错列了其他项目?`,
      file: span.file.path,
      place: { start: pointAt(span.file, span.offset + at), end: pointAt(span.file, span.offset + at + name.length) },
      related: [{ file: span.file.path, place: pointAt(span.file, span.offset + first), label: '第一次' }],
    });
  }
}

/** "(一)术语:定义" items: a term defined twice, or one definition under two terms. */
export function glossary(vfile: VFile, files: ParsedFile[]): void {
  const ITEM = /^\s*[(（][一二三四五六七八九十]+[)）]\s*(?<term>[^:：\n]{1,40})[:：](?<definition>[\s\S]+)$/u;
  for (const parsed of files) {
    const terms = new Map<string, number>();
    const definitions = new Map<string, { term: string; at: number }>();
    for (const span of markdownSpans(parsed)) {
      const m = ITEM.exec(span.text);
      if (!m?.groups) continue;
      const term = m.groups.term!.trim();
      const definition = m.groups.definition!.replace(/\s+/gu, '');
      const place = pointAt(span.file, span.offset);
      const first = terms.get(term);
      if (first !== undefined) {
        diagnose(vfile, {
          rule: 'prose/duplicate-term',
          severity: 'warning',
          reason: `「${term}」重复解释(第一次在前文)`,
          file: span.file.path,
          place,
          related: [{ file: span.file.path, place: pointAt(span.file, first), label: '第一次' }],
        });
      } else terms.set(term, span.offset);
      const copied = definitions.get(definition);
      if (copied && copied.term !== term) {
        diagnose(vfile, {
          rule: 'prose/copied-text',
          severity: 'warning',
          reason: `「${term}」的解释与「${copied.term}」的解释完全相同,可能是误复制`,
          file: span.file.path,
          place,
          related: [{ file: span.file.path, place: pointAt(span.file, copied.at), label: copied.term }],
        });
      } else if (!copied) definitions.set(definition, { term, at: span.offset });
    }
  }
}

/** Garbled or left-over wording the pack lists ("支出收入", "增加持平"): an error where it stands. */
export function residue(vfile: VFile, span: Span, folded: Folded, vocabulary: Vocabulary): void {
  const { chars } = folded;
  for (let i = 0; i < chars.length; i++) {
    const found = vocabulary.residue.longest(chars, i);
    if (!found) continue;
    const start = folded.offsets[i]!;
    const end = folded.offsets[found.end - 1]! + 1;
    diagnose(vfile, {
      rule: 'prose/residue',
      reason: `文中「${span.text.slice(start, end)}」是错乱或残留的措辞,请改正`,
      file: span.file.path,
      place: { start: pointAt(span.file, span.offset + start), end: pointAt(span.file, span.offset + end) },
    });
    i = found.end - 1;
  }
}

const ITEM_END = new Set([';', '。', '!', '?']);

/** A list after a cue ("主要包括：基本工资、奖金、…"): a name whose figure is empty should not be listed. */
export function listItems(vfile: VFile, span: Span, folded: Folded, tokens: readonly Token[], vocabulary: Vocabulary, figures: () => Figures): void {
  const { chars } = folded;
  for (const token of tokens) {
    const cue = token.t === 'entry' ? token.entries.find((e) => e.kind === 'list') : undefined;
    if (!cue || cue.kind !== 'list') continue;
    const names = vocabulary.lists[cue.list]!;
    let i = token.to;
    if (chars[i] === ':') i++;
    while (i < chars.length && !ITEM_END.has(chars[i]!)) {
      let j = i;
      while (j < chars.length && chars[j] !== '、' && chars[j] !== ',' && !ITEM_END.has(chars[j]!)) j++;
      const item = names.get(chars.slice(i, j).join(''));
      if (item) {
        const fact = figures().fact(item.fact);
        if (fact && fact.kind !== 'text' && numberOf(fact).isZero()) {
          const start = folded.offsets[i]!;
          const end = folded.offsets[j - 1]! + 1;
          diagnose(vfile, {
            rule: 'prose/list-item',
            severity: 'warning',
            reason: `列举中的「${item.label}」在数据中为空(${fact.label});是否不应列入?`,
            file: span.file.path,
            place: { start: pointAt(span.file, span.offset + start), end: pointAt(span.file, span.offset + end) },
            ...(fact.where ? { related: [{ file: fact.where.file.path, place: fact.where.place, label: fact.label }] } : {}),
          });
        }
      }
      i = chars[j] === '、' || chars[j] === ',' ? j + 1 : j;
    }
  }
}

const PHRASE_START = /[，,、；;：:。\s“”]/u;

/** Quotation marks “…” that do not pair up in a text; a lone ” is shown at the phrase it closes. */
export function unpairedQuotes(vfile: VFile, span: Span): void {
  const open: number[] = [];
  const report = (at: number, mark: string) =>
    diagnose(vfile, {
      rule: 'prose/unpaired-quote',
      severity: 'warning',
      reason: mark === '“' ? '引号「“」没有配对的「”」' : '引号「”」前没有配对的「“」',
      file: span.file.path,
      place: pointAt(span.file, span.offset + at),
    });
  const { text } = span;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“') open.push(i);
    else if (c === '”') {
      if (open.length) {
        open.pop();
        continue;
      }
      let start = i;
      while (start > 0 && i - start < 40 && !PHRASE_START.test(text[start - 1]!)) start--;
      report(start, c);
    }
  }
  for (const at of open) report(at, '“');
}
