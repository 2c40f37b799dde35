// 文表一致: numbers typed in prose. A literal that one of the template's prose bindings names must
// agree with that figure (prose/mismatch); an amount or percentage no binding names is a warning
// (prose/unbound-literal: write it with a helper). Also: a glossary term defined twice, and one
// definition copied under two terms. `<!-- juesuan-ignore <rule> -->` before a block silences a rule there.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import type { Node, Parent } from 'unist';
import { visit } from 'unist-util-visit';
import { WAN } from '../amount/amount.js';
import { exact } from '../amount/format.js';
import { diagnose } from '../diagnostics/message.js';
import type { ReportData } from '../data/read.js';
import type { DataNode } from '../data/tree.js';
import type { ParsedFile, SourceFile } from '../parse/markdown.js';
import { pointAt } from '../parse/locate.js';
import { resolve, type Fact } from './refs.js';
import { intersects, intervalOf, type Interval } from './interval.js';
import type { Amount } from '../amount/amount.js';
import { normalizeIndicatorText } from '../perf/indicator.js';

interface Span {
  file: SourceFile;
  /** Offset of `text` in the file. */
  offset: number;
  /** The source text, with helper expressions and comments blanked out. */
  text: string;
  ignored: Set<string>;
}

const LITERAL = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|元|%)/gu;

function mask(text: string): string {
  return text.replace(/\{\{[\s\S]*?\}\}|<!--[\s\S]*?-->/gu, (m) => ' '.repeat(m.length));
}

function ignoredRules(previous: Node | undefined): Set<string> {
  const value = previous?.type === 'html' ? ((previous as unknown as { value: string }).value ?? '') : '';
  const m = /<!--\s*juesuan-ignore\s+([^>]*?)\s*-->/u.exec(value);
  return new Set(m ? m[1]!.split(/\s+/u) : []);
}

/** The prose spans of a Markdown file: paragraphs, headings and table cells. */
function markdownSpans(parsed: ParsedFile): Span[] {
  const spans: Span[] = [];
  visit(parsed.tree as unknown as Node, (node, index, parent: Parent | undefined) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const previous = parent && index !== undefined && index > 0 ? parent.children[index - 1] : undefined;
    spans.push({ file: parsed.file, offset: start, text: mask(parsed.file.text.slice(start, end)), ignored: ignoredRules(previous) });
    return 'skip';
  });
  return spans;
}

const PROSE_FIELDS = new Set(['偏差原因', '预期目标', '实际完成情况', '自评摘要']);

/** The text fields of data blocks that are prose (原因, 偏差原因, 目标, 摘要). */
function blockSpans(report: ReportData): Span[] {
  const spans: Span[] = [];
  const walk = (node: DataNode, key: string, inReasons: boolean) => {
    if (node.kind === 'map') for (const [k, v] of node.entries) walk(v, k, inReasons);
    else if (node.kind === 'list') for (const v of node.items) walk(v, key, inReasons);
    else if (node.kind === 'text' && (inReasons || PROSE_FIELDS.has(key))) {
      const start = node.where.place.start.offset;
      const end = node.where.place.end.offset;
      if (start !== undefined && end !== undefined) {
        // `# juesuan-ignore <rule>` on the line of the value (or of its key) silences that rule there.
        const text = node.where.file.text;
        const lineStart = text.lastIndexOf('\n', (node.where.keyPlace?.start.offset ?? start) - 1) + 1;
        const lineEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end);
        const marker = /#\s*juesuan-ignore\s+([^\n]*)/u.exec(text.slice(lineStart, lineEnd));
        const ignored = new Set(marker ? marker[1]!.trim().split(/\s+/u) : []);
        spans.push({ file: node.where.file, offset: start, text: mask(text.slice(start, end)), ignored });
      }
    }
  };
  for (const block of report.blocks) walk(block.root, '', block.kind === '原因');
  return spans;
}

/** A short quote of the matched text, ending at the number. */
function quoteOf(text: string, start: number, end: number): string {
  const quote = text.slice(start, end).trim();
  return quote.length > 24 ? `…${quote.slice(-20)}` : quote;
}

function literalInterval(text: string, unit: string): Interval {
  const value = new Decimal(text.replace(/,/gu, ''));
  const decimals = value.decimalPlaces();
  const half = new Decimal(10).pow(-decimals).div(2);
  const scale = unit === '万元' ? WAN : new Decimal(1);
  return { lo: value.minus(half).times(scale), hi: value.plus(half).times(scale) };
}

function shown(fact: Fact, unit: string): string {
  if (fact.text !== undefined && fact.value === null) return fact.text;
  if (!fact.value) return '空';
  if (Decimal.isDecimal(fact.value)) return exact((fact.value as Decimal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  const yuan = (fact.value as Amount).yuan;
  return unit === '万元' ? `${exact(yuan.div(WAN).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), 2)}` : exact(yuan, 2);
}

function agrees(fact: Fact, literal: string, unit: string, compare: 'number' | 'text'): boolean {
  if (compare === 'text' || fact.kind === 'text') {
    const text = fact.text ?? '';
    return normalizeIndicatorText(text) === normalizeIndicatorText(literal);
  }
  if (!/^[\d,]+(\.\d+)?$/u.test(literal)) return false;
  const lit = literalInterval(literal, unit);
  if (fact.value === null) return lit.lo.lte(0) && lit.hi.gte(0);
  const value = Decimal.isDecimal(fact.value) ? { lo: fact.value as Decimal, hi: fact.value as Decimal } : intervalOf(fact.value as Amount);
  // A percentage or score held unrounded is printed rounded half-up once.
  return intersects(lit, value);
}

/** Runs the prose rules over every file of the report. */
export function runProseRules(vfile: VFile, report: ReportData, files: ParsedFile[]): void {
  const bindings = report.template.prose.map((b) => ({ ...b, regex: new RegExp(b.pattern, 'gu') }));
  const spans = [...files.flatMap(markdownSpans), ...blockSpans(report)];
  for (const span of spans) {
    const bound = new Set<number>();
    for (const binding of bindings) {
      binding.regex.lastIndex = 0;
      for (const m of span.text.matchAll(binding.regex)) {
        const groups = m.groups ?? {};
        const v = groups.v;
        if (v === undefined || m.index === undefined) continue;
        const vAt = m.index + m[0].lastIndexOf(v);
        bound.add(vAt);
        const path = binding.path.replace(/\{name\}/gu, (groups.name ?? '').trim());
        const fact = resolve(report, path);
        if (!fact || span.ignored.has('prose/mismatch')) continue;
        const after = span.text.slice(vAt + v.length).trimStart();
        const unit = after.startsWith('万元') ? '万元' : after.startsWith('元') ? '元' : '';
        const literal = v.replace(/%$/u, '');
        if (agrees(fact, literal, unit, binding.compare ?? 'number')) continue;
        const start = pointAt(span.file, span.offset + vAt);
        const end = pointAt(span.file, span.offset + vAt + v.length);
        const expected = shown(fact, unit);
        diagnose(vfile, {
          rule: 'prose/mismatch',
          reason: `文中「${quoteOf(span.text, m.index, vAt + v.length)}」与数据不一致: ${fact.label} 为 ${expected}${unit}`,
          file: span.file.path,
          place: { start, end },
          expected,
          actual: v,
          related: fact.where ? [{ file: fact.where.file.path, place: fact.where.place, label: fact.label }] : [],
        });
      }
    }
    if (span.ignored.has('prose/unbound-literal')) continue;
    for (const m of span.text.matchAll(LITERAL)) {
      const at = m.index ?? 0;
      if (bound.has(at)) continue;
      diagnose(vfile, {
        rule: 'prose/unbound-literal',
        severity: 'warning',
        reason: `文中直接写了数字「${m[0]}」;请用辅助函数引用数据(如 {{万元 公开01.收入.本年收入合计}}),以免与表不一致`,
        file: span.file.path,
        place: { start: pointAt(span.file, span.offset + at), end: pointAt(span.file, span.offset + at + m[0].length) },
      });
    }
  }
  glossary(vfile, files);
  for (const span of spans) if (!span.ignored.has('prose/duplicate-item')) duplicateItems(vfile, span);
}

/** An enumeration ("经营收入0.00万元,占0.00%;…") that names one item twice in a sentence. */
function duplicateItems(vfile: VFile, span: Span): void {
  const ITEM = /(?<name>[\u4e00-\u9fff]{2,16}?)\s*[\d,.]+\s*万元\s*[,，]\s*占/gu;
  let sentenceStart = 0;
  for (const sentence of span.text.split(/(?<=[。])/u)) {
    const seen = new Map<string, number>();
    for (const m of sentence.matchAll(ITEM)) {
      const name = m.groups!.name!;
      const at = sentenceStart + (m.index ?? 0);
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, at);
        continue;
      }
      diagnose(vfile, {
        rule: 'prose/duplicate-item',
        severity: 'warning',
        reason: `同一列举中「${name}」出现了两次;是否漏列或错列了其他项目?`,
        file: span.file.path,
        place: { start: pointAt(span.file, span.offset + at), end: pointAt(span.file, span.offset + at + name.length) },
        related: [{ file: span.file.path, place: pointAt(span.file, span.offset + first), label: '第一次' }],
      });
    }
    sentenceStart += sentence.length;
  }
}

/** "(一)术语:定义" items: a term defined twice, or one definition under two terms. */
function glossary(vfile: VFile, files: ParsedFile[]): void {
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
