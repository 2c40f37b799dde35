// The narrate stage: Handlebars over the prose of every file — the 情况说明 partials of the
// template and the helpers staff write in their own sentences — giving the report's Markdown with
// every number filled in from the data. Compiled strict: a missing value is a positioned error.
import Handlebars from 'handlebars';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import { diagnose } from '../diagnostics/message.js';
import type { ReportData } from '../data/read.js';
import type { DataBlock, ParsedFile } from '../parse/markdown.js';
import { pointAt } from '../parse/locate.js';
import { buildContext, FAILED, Value, type Context } from './context.js';
import { helpers, NarrateError } from './helpers.js';
import { markSentences, splitMarked, type NarratedSentence } from './origins.js';
import { PhraseError } from './phrases.js';
import { wordingOf } from './wording.js';

/** A piece of a file in print order: rendered prose, or a data block. */
export type Chunk = { kind: 'prose'; markdown: string } | { kind: 'block'; block: DataBlock };

export interface Narration {
  /** Each file's Markdown with its prose rendered (data blocks kept as they are). */
  files: Map<string, string>;
  /** Each file as rendered prose and data blocks, in order (what the renderer lays out). */
  chunks: Map<string, Chunk[]>;
  /** Renders a text (a 原因, a 偏差原因…) with the helpers; `scope` adds a block's own fields. */
  renderText(text: string, scope?: Context): string;
  context: Context;
  /** What each template sentence of each partial printed, in order (diff aligns sentences by it). */
  sentences: NarratedSentence[];
}

interface Segment {
  start: number;
  end: number;
}

/** The prose parts of a file: everything outside its front matter and data blocks. */
function proseSegments(parsed: ParsedFile): Segment[] {
  const cuts: Segment[] = [];
  const fm = parsed.tree.children.find((n) => n.type === 'yaml');
  if (fm?.position) cuts.push({ start: fm.position.start.offset ?? 0, end: fm.position.end.offset ?? 0 });
  for (const block of parsed.blocks) {
    const p = block.node.position;
    if (p) cuts.push({ start: p.start.offset ?? 0, end: p.end.offset ?? 0 });
  }
  cuts.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const cut of cuts) {
    if (cut.start > at) out.push({ start: at, end: cut.start });
    at = Math.max(at, cut.end);
  }
  if (at < parsed.file.text.length) out.push({ start: at, end: parsed.file.text.length });
  return out;
}

/** A Handlebars line:column (line 1-based, column 0-based) inside a segment, as a file point. */
function pointIn(parsed: ParsedFile, segment: Segment, line: number, column: number): Point {
  const start = pointAt(parsed.file, segment.start);
  const text = parsed.file.text;
  let offset = segment.start;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return line === 1 ? { line: start.line, column: start.column + column } : pointAt(parsed.file, offset + column);
}

/** Narrates a report: renders the prose of every file. */
export function narrate(vfile: VFile, report: ReportData, files: ParsedFile[], prior?: ReportData): Narration {
  const env = Handlebars.create();
  const host = {
    warnings: [] as (NarrateError & { partial?: string })[],
    partials: [] as string[],
    warn(error: NarrateError) {
      const partial = this.partials[this.partials.length - 1];
      this.warnings.push(Object.assign(error, partial ? { partial } : {}));
    },
    names: report.template.manifest.narrative?.names ?? {},
    basis: report.template.manifest.narrative?.percentBasis ?? ('held' as const),
    wording: wordingOf(report.template.manifest, report.frontMatter.year, report.frontMatter.numbers),
  };
  const context = buildContext(report, prior);
  let renderText: Narration['renderText'] = (text) => text;
  const table = helpers(host);
  // Texts of data blocks may hold helpers too: they are rendered where they are used, with the
  // fields of the block they belong to (the current context) reachable by relative paths.
  for (const name of ['主要原因', '原因文字', '数']) {
    const inner = table[name]!;
    table[name] = function (this: unknown, ...args: unknown[]) {
      const out = inner(...args) as string;
      if (!out.includes('{{')) return out;
      const own = args[0] instanceof Value ? args[0].scope : undefined;
      return renderText(out, own ?? (this && typeof this === 'object' ? (this as Context) : undefined));
    };
  }
  for (const [name, fn] of Object.entries(table)) env.registerHelper(name, guarded(name, fn, host) as Handlebars.HelperDelegate);
  const sentences: NarratedSentence[] = [];
  const partialFiles = [...report.template.files.keys()].filter((f) => f.startsWith('narrative/') && f.endsWith('.hbs'));
  for (const path of partialFiles) {
    const name = path.slice('narrative/'.length, -'.hbs'.length);
    const source = report.template.files.get(path)!;
    let compiled: Handlebars.TemplateDelegate | undefined;
    env.registerPartial(name, ((ctx: unknown, opts: Handlebars.RuntimeOptions) => {
      // A partial that includes itself (directly or through others) would recurse until the stack overflows.
      if (host.partials.includes(path)) {
        throw new NarrateError('narrate/recursion', `说明片段 ${path} 直接或间接地引用了自己(${[...host.partials, path].join(' → ')})`, undefined);
      }
      host.partials.push(path);
      try {
        compiled ??= env.compile(markSentences(Handlebars.parse(source)), { strict: true, noEscape: true });
        const pieces = splitMarked(compiled(ctx, opts));
        for (const piece of pieces) sentences.push({ partial: name, ordinal: piece.ordinal, text: piece.text });
        return pieces.map((p) => p.text).join('');
      } catch (error) {
        if (error instanceof NarrateError || error instanceof Error) {
          (error as Error & { partial?: string }).partial ??= path;
        }
        throw error;
      } finally {
        host.partials.pop();
      }
    }) as unknown as Handlebars.Template);
  }
  renderText = (text, scope) => {
    try {
      return env.compile(text, { strict: true, noEscape: true })(scope ? { ...context, ...scope } : context);
    } catch (error) {
      // Reported at the helper that printed the text.
      if (error instanceof NarrateError) throw error;
      throw new NarrateError('narrate/missing-value', `数据中的文字「${text.slice(0, 30)}」引用的数据不存在: ${(error as Error).message}`, undefined);
    }
  };

  const out = new Map<string, string>();
  const chunks = new Map<string, Chunk[]>();
  for (const parsed of files) {
    let rendered = '';
    let at = 0;
    const pieces: Chunk[] = [];
    const blocksBetween = (from: number, to: number) => {
      for (const block of parsed.blocks) {
        const start = block.node.position?.start.offset ?? -1;
        if (start >= from && start < to) pieces.push({ kind: 'block', block });
      }
    };
    for (const segment of proseSegments(parsed)) {
      rendered += parsed.file.text.slice(at, segment.start);
      blocksBetween(at, segment.start);
      const source = parsed.file.text.slice(segment.start, segment.end);
      at = segment.end;
      let prose = source;
      if (source.includes('{{')) {
        host.warnings = [];
        try {
          prose = env.compile(source, { strict: true, noEscape: true })(context);
        } catch (error) {
          report_(vfile, parsed, segment, report, error);
        }
        // One diagnostic per sentence (line) for one cause, however many helpers of it name the value.
        const seen = new Set<string>();
        for (const warning of host.warnings) {
          const key = `${warning.partial ?? ''}|${warning.loc?.start.line ?? ''}|${warning.rule}|${warning.rule === 'narrate/missing-value' ? '' : warning.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          report_(vfile, parsed, segment, report, warning);
        }
      }
      rendered += prose;
      pieces.push({ kind: 'prose', markdown: prose });
    }
    rendered += parsed.file.text.slice(at);
    blocksBetween(at, parsed.file.text.length);
    out.set(parsed.file.name, rendered);
    chunks.set(parsed.file.name, pieces);
  }
  return { files: out, chunks, renderText, context, sentences };
}

export { FAILED };
/** Helpers whose result is a value for other helpers, or a condition. */
const VALUE_HELPERS = new Set(['差', '合计', '求和', '精确', '按资金来源合计']);
const CONDITION_HELPERS = new Set(['有变动', '非零', '或', '全部是', '等于']);

/**
 * A helper whose failure stops only its own sentence: the error is reported at the helper (once),
 * and the helper prints FAILED — or gives a value that cannot be read, or a false condition — so
 * that the rest of the partial and of the report is still written.
 */
function guarded(name: string, fn: (...args: unknown[]) => unknown, host: { warn(error: NarrateError): void }) {
  return function (this: unknown, ...args: unknown[]): unknown {
    try {
      return fn.apply(this, args);
    } catch (error) {
      const loc = (args[args.length - 1] as { loc?: NarrateError['loc'] } | undefined)?.loc;
      let failure: NarrateError | undefined;
      if (error instanceof NarrateError) failure = error.loc || !loc ? error : new NarrateError(error.rule, error.message, loc, error.severity, error.reported);
      else if (error instanceof PhraseError) failure = new NarrateError(error.rule, error.message, loc);
      if (!failure) throw error;
      if (!failure.reported) host.warn(failure);
      if (VALUE_HELPERS.has(name)) return Value.unreadable(name, failure.message, true);
      if (CONDITION_HELPERS.has(name)) return false;
      return FAILED;
    }
  };
}

function report_(vfile: VFile, parsed: ParsedFile, segment: Segment, report: ReportData, error: unknown): void {
  const e = error as Error & { partial?: string; lineNumber?: number; column?: number; hash?: { loc?: { first_line: number; first_column: number } } };
  const loc = error instanceof NarrateError ? error.loc?.start : e.lineNumber !== undefined ? { line: e.lineNumber, column: e.column ?? 0 } : e.hash?.loc ? { line: e.hash.loc.first_line, column: e.hash.loc.first_column } : undefined;
  const rule = error instanceof NarrateError ? error.rule : /Parse error|Expecting/u.test(e.message) ? 'narrate/syntax' : /partial .* could not be found/u.test(e.message) ? 'narrate/unknown-partial' : /not defined/u.test(e.message) ? 'narrate/missing-value' : 'narrate/error';
  const severity = error instanceof NarrateError ? error.severity : 'error';
  const partialName = /partial (\S+)/u.exec(e.message)?.[1] ?? '';
  const reason = rule === 'narrate/unknown-partial' ? `模板中没有名为「${partialName}」的说明片段` : error instanceof NarrateError ? e.message : `生成说明时出错: ${e.message.split('\n')[0]}`;
  if (e.partial) {
    diagnose(vfile, {
      rule,
      severity,
      reason: `${reason}(在模板片段 ${e.partial} 中)`,
      file: `templates/${report.template.name}/${e.partial}`,
      place: loc ? { line: loc.line, column: loc.column + 1 } : { line: 1, column: 1 },
      related: [{ file: parsed.file.path, place: pointAt(parsed.file, segment.start), label: '调用处' }],
    });
    return;
  }
  // An unknown partial has no place of its own: point at its call.
  const call = rule === 'narrate/unknown-partial' ? parsed.file.text.indexOf(`{{> ${partialName}`, segment.start) : -1;
  const place = loc ? pointIn(parsed, segment, loc.line, loc.column) : pointAt(parsed.file, call >= 0 ? call : segment.start);
  diagnose(vfile, { rule, severity, reason, file: parsed.file.path, place });
}
