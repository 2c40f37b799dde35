// Figures that the report implies but never types — totals, 总分, 等级, 执行率, counts — as the
// template pack defines them in derived.yaml (a path, an expression, a kind). Computed once from
// the data, exactly, in the pack's order, and named by path like typed facts, so rules, prose and
// the narrative can use them. A malformed entry is a template/invalid diagnostic in the pack file.
import { parse as parseYamlValue } from 'yaml';
import { fromCacheText, hashOf, toCacheText, type CompileCache } from '../cache.js';
import type { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import type { Amount } from '../amount/amount.js';
import { diagnose, type DiagnosticInit } from '../diagnostics/message.js';
import type { Template } from '../template/types.js';
import type { ReportData } from './read.js';
import type { Expr, Parsed } from '../expr/ast.js';
import { parseExpr } from '../expr/parse.js';
import { evaluate, expandRef, valuesOf, type Problem, type Scope } from '../expr/evaluate.js';
import type { Interval } from '../expr/interval.js';
import { pathOf } from '../expr/path.js';
import { packPlace } from '../expr/pack-place.js';

export { pathOf, quoteSegment } from '../expr/path.js';

export interface DerivedValue {
  value: Amount | Decimal | null;
  text?: string;
  kind: 'amount' | 'count' | 'score' | 'text';
  /** What the value stands for (a sum's 尾数, a rate's range), when it is not the value's own. */
  interval?: Interval;
  /** The pack's label, for messages. */
  label?: string;
}

const KINDS = ['amount', 'count', 'score', 'text'] as const;

interface DerivedDef {
  index: number;
  path: Extract<Expr, { type: 'ref' }>;
  value: Parsed;
  kind: DerivedValue['kind'];
  label?: string;
  /** Variable → its values: literal, or an expression (项目绩效.*, grades()). */
  each: [string, string[] | Parsed][];
}

interface CompiledDerived {
  defs: DerivedDef[];
  problems: DiagnosticInit[];
}

const compiled = new WeakMap<Template, CompiledDerived>();
const FILE = 'derived.yaml';

function fileOf(template: Template): string {
  return `templates/${template.name}/${FILE}`;
}

/** The value of derived.yaml's text: from the cache when an earlier run parsed the same text, else parsed (and offered). */
function derivedYaml(text: string, cache: CompileCache | undefined): unknown {
  const key = cache ? hashOf('derived-yaml', text) : '';
  const stored = cache?.get('derived-yaml', key);
  if (stored !== undefined) {
    try {
      return fromCacheText(stored);
    } catch {
      // A broken entry is a miss.
    }
  }
  const raw: unknown = parseYamlValue(text, { prettyErrors: false });
  const kept = cache ? toCacheText(raw) : undefined;
  if (kept !== undefined) cache!.set('derived-yaml', key, kept);
  return raw;
}

/** Reads and parses a template's derived.yaml once (its YAML value kept in `cache`, when given). */
function compileDerived(template: Template, cache?: CompileCache): CompiledDerived {
  const found = compiled.get(template);
  if (found) return found;
  const text = template.files.get(FILE);
  const defs: DerivedDef[] = [];
  const problems: DiagnosticInit[] = [];
  const out = { defs, problems };
  compiled.set(template, out);
  if (text === undefined) return out;
  const problem = (pointer: string, reason: string, offset = 0) => problems.push({ rule: 'template/invalid', reason, file: fileOf(template), place: packPlace(text, pointer, offset) });
  let raw: unknown;
  try {
    raw = derivedYaml(text, cache);
  } catch (error) {
    problem('', `${FILE} 无法解析: ${(error as Error).message.split('\n')[0]}`);
    return out;
  }
  const list = (raw as { derived?: unknown } | null)?.derived;
  if (!Array.isArray(list)) {
    problem('', `${FILE} 应有 derived 列表`);
    return out;
  }
  list.forEach((entry: unknown, index) => {
    const at = `/derived/${index}`;
    const e = entry as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.path !== 'string' || typeof e.value !== 'string') {
      problem(at, `${FILE} 第 ${index + 1} 项应有 path 与 value(文字)`);
      return;
    }
    const kind = e.kind ?? 'amount';
    if (!KINDS.includes(kind as never)) {
      problem(`${at}/kind`, `${FILE}「${e.path}」的 kind 应为 ${KINDS.join('、')} 之一`);
      return;
    }
    const parse = (source: string, pointer: string): Parsed | undefined => {
      const result = parseExpr(source);
      if (result.ok) return result.parsed;
      problem(pointer, `${FILE}「${String(e.path)}」的表达式「${source}」有误: ${result.error.message}`, result.error.offset);
      return undefined;
    };
    const path = parse(e.path, `${at}/path`);
    const value = parse(e.value, `${at}/value`);
    if (path && path.expr.type !== 'ref') problem(`${at}/path`, `${FILE} 的 path「${e.path}」应为路径`);
    const each: [string, string[] | Parsed][] = [];
    for (const [name, source] of Object.entries((e.each as Record<string, unknown> | undefined) ?? {})) {
      if (Array.isArray(source)) each.push([name, source.map(String)]);
      else {
        const parsed = parse(String(source), `${at}/each/${name}`);
        if (parsed) each.push([name, parsed]);
      }
    }
    if (!path || path.expr.type !== 'ref' || !value) return;
    defs.push({ index, path: path.expr, value, kind: kind as DerivedValue['kind'], ...(typeof e.label === 'string' ? { label: e.label } : {}), each });
  });
  return out;
}

/** Every binding of an entry's variables. */
function bindingsOf(scope: Scope, def: DerivedDef): Record<string, string>[] | undefined {
  let out: Record<string, string>[] = [{}];
  for (const [name, source] of def.each) {
    const next: Record<string, string>[] = [];
    for (const vars of out) {
      const values = Array.isArray(source) ? source : valuesOf({ ...scope, vars }, source.expr);
      if (!values) return undefined;
      next.push(...values.map((v) => ({ ...vars, [name]: v })));
    }
    out = next;
  }
  return out;
}

/** Computes every derived figure of a report (problems of the pack go to `vfile`). */
export function deriveFacts(report: ReportData, vfile?: VFile, cache?: CompileCache): Map<string, DerivedValue> {
  const { defs, problems } = compileDerived(report.template, cache);
  if (vfile) for (const p of problems) diagnose(vfile, p);
  const out = new Map<string, DerivedValue>();
  // Later entries see the figures of earlier ones.
  const view: ReportData = { ...report, derived: out };
  const repeatable = report.template.manifest.blocks.repeatable ?? {};
  const text = report.template.files.get(FILE) ?? '';
  for (const def of defs) {
    const head = def.path.segments[0];
    const kind = head?.kind === 'name' && head.pieces.every((p) => typeof p === 'string') ? head.pieces.join('') : '';
    if (!repeatable[kind] && !report.byKind.has(kind)) continue;
    const onProblem = (problem: Problem) => {
      // A figure of a block the report lacks is not derived; the missing block is reported.
      if (problem.kind === 'unknown-reference' && problem.path && !report.byKind.has(problem.path.split('.')[0] ?? '')) return;
      if (vfile) diagnose(vfile, { rule: problem.kind === 'unknown-reference' ? 'template/invalid-reference' : 'template/invalid', reason: `${FILE}「${pathOf([def.path.text])}」: ${problem.message}`, file: fileOf(report.template), place: packPlace(text, `/derived/${def.index}/value`) });
    };
    const scope: Scope = { report: view, onProblem };
    for (const vars of bindingsOf(scope, def) ?? []) {
      const bound = { ...scope, vars };
      const paths = expandRef(bound, def.path);
      const fact = evaluate(bound, def.value.expr);
      if (!fact || paths?.length !== 1) continue;
      const path = paths[0]!.path;
      const label = def.label?.replace(/\{([^{}]+)\}/gu, (m, v: string) => vars[v] ?? m);
      const value = fact.kind === 'text' ? null : fact.value;
      out.set(pathOf(path), {
        value: def.kind === 'text' ? null : value,
        ...(fact.text !== undefined ? { text: fact.text } : {}),
        kind: def.kind,
        interval: fact.interval,
        ...(label ? { label } : {}),
      });
    }
  }
  return out;
}
