// The template's rules.yaml as relations: every expression parsed once per template (a malformed
// one is a template/invalid diagnostic at its place in the pack), then for each binding of the
// rule's variables ({类}, {行}) its sides evaluated over the report to facts.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { diagnose, type DiagnosticInit } from '../diagnostics/message.js';
import type { ReportData } from '../data/read.js';
import type { RuleDef, Template } from '../template/types.js';
import { headOf, refsOf, type Expr, type Parsed } from '../expr/ast.js';
import { parseExpr } from '../expr/parse.js';
import { bindings } from '../expr/bind.js';
import { factsOf, terms, type Problem, type Scope } from '../expr/evaluate.js';
import { test } from '../expr/condition.js';
import { blockOf } from '../expr/resolve.js';
import { holdsZero, intervalOf } from '../expr/interval.js';
import { fileOfFact, placeOfFact, type Fact } from '../expr/fact.js';
import type { Relation } from './relations.js';
import { packPlace } from '../expr/pack-place.js';

const ONE = new Decimal(1);

/** A rule with its expressions parsed. */
export interface CompiledRule {
  def: RuleDef;
  /** Its index in rules.yaml (for places in the pack file). */
  index: number;
  left: Parsed[];
  right: Parsed[];
  whenZero: Parsed[];
  /** The rule applies only when this condition holds. */
  when?: Parsed;
  /** condition rules: what must hold. */
  test?: Parsed;
}

type Field = 'left' | 'right' | 'when-zero' | 'when' | 'test';

interface CompiledRules {
  rules: CompiledRule[];
  /** Problems of the pack itself, given with every report that uses it. */
  problems: DiagnosticInit[];
}

const compiled = new WeakMap<Template, CompiledRules>();

function rulesFile(template: Template): string {
  return `templates/${template.name}/rules.yaml`;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Parses every expression of a template's rules, once. */
export function compileRules(template: Template): CompiledRules {
  const found = compiled.get(template);
  if (found) return found;
  const text = template.files.get('rules.yaml') ?? '';
  const problems: DiagnosticInit[] = [];
  const rules: CompiledRule[] = [];
  template.rules.forEach((def, index) => {
    let ok = true;
    const side = (field: Field): Parsed[] => {
      const value = (def as unknown as Record<string, unknown>)[field] as string | string[] | undefined;
      return list(value).flatMap((source, i) => {
        const result = parseExpr(String(source));
        if (result.ok) return [result.parsed];
        ok = false;
        const pointer = `/rules/${index}/${field}${Array.isArray(value) ? `/${i}` : ''}`;
        problems.push({
          rule: 'template/invalid',
          reason: `模板规则 ${def.id} 的表达式「${source}」有误: ${result.error.message}`,
          file: rulesFile(template),
          place: packPlace(text, pointer, result.error.offset),
        });
        return [];
      });
    };
    const [when] = side('when');
    const [test] = side('test');
    const rule: CompiledRule = { def, index, left: side('left'), right: side('right'), whenZero: side('when-zero'), ...(when ? { when } : {}), ...(test ? { test } : {}) };
    if (ok) rules.push(rule);
  });
  const out = { rules, problems };
  compiled.set(template, out);
  return out;
}

function isZero(f: Fact): boolean {
  return holdsZero(f.interval);
}

/** Every expression of a rule with the field it was written in. */
function parsedOf(rule: CompiledRule): [Field, Parsed][] {
  return [
    ...rule.left.map((p) => ['left', p] as [Field, Parsed]),
    ...rule.right.map((p) => ['right', p] as [Field, Parsed]),
    ...rule.whenZero.map((p) => ['when-zero', p] as [Field, Parsed]),
    ...(rule.when ? [['when', rule.when] as [Field, Parsed]] : []),
    ...(rule.test ? [['test', rule.test] as [Field, Parsed]] : []),
  ];
}

/** The field of the rule whose expression a problem is in. */
function fieldOf(rule: CompiledRule, problem: Problem): Field {
  const within = (e: Expr): boolean => e === problem.expr || (e.type === 'call' && e.args.some(within));
  return parsedOf(rule).find(([, p]) => within(p.expr))?.[0] ?? 'left';
}

/** The facts a condition names, for the places a message lists. */
function conditionFacts(scope: Scope, expr: Expr): Fact[] {
  return refsOf(expr).flatMap((ref) => factsOf({ ...scope, onProblem: () => undefined }, ref) ?? []);
}

/** The relations of one rule (an empty-iff rule is evaluated here and gives none). */
function ruleRelations(vfile: VFile, report: ReportData, rule: CompiledRule, out: Relation[]): void {
  const { def } = rule;
  const severity = def.severity ?? 'error';
  const all = parsedOf(rule).map(([, p]) => p.expr);
  const text = report.template.files.get('rules.yaml') ?? '';
  for (const vars of bindings(report, all)) {
    let missing = false;
    const onProblem = (problem: Problem) => {
      missing = true;
      const head = problem.expr.type === 'ref' ? headOf(problem.expr) : undefined;
      // A reference into a block the report lacks says nothing: the missing block is reported.
      if (problem.kind === 'unknown-reference' && !report.byKind.has(head ?? '')) return;
      const field = fieldOf(rule, problem);
      diagnose(vfile, {
        rule: problem.kind === 'unknown-reference' ? 'template/invalid-reference' : 'template/invalid',
        reason: problem.kind === 'unknown-reference' ? `模板规则 ${def.id} 的引用「${problem.path ?? ''}」指向不存在的表格位置` : `模板规则 ${def.id}: ${problem.message}`,
        file: rulesFile(report.template),
        place: packPlace(text, `/rules/${rule.index}/${field}`),
      });
    };
    const scope: Scope = { report, vars, onProblem };
    const facts = (side: Parsed[]): Fact[] | undefined => {
      const outFacts: Fact[] = [];
      for (const parsed of side) {
        const parts = terms(scope, parsed.expr);
        if (!parts || missing) return undefined;
        outFacts.push(...parts.map((t) => t.fact));
      }
      return outFacts;
    };
    if (rule.when) {
      const applies = test(scope, rule.when.expr);
      if (applies !== true) continue;
    }
    switch (def.kind) {
      case 'condition': {
        const holds = rule.test ? test(scope, rule.test.expr) : undefined;
        if (holds !== false) break;
        const facts = conditionFacts(scope, rule.test!.expr);
        const block = def.at ? blockOf(report, def.at) : undefined;
        const first = facts.find((f) => f.where && f.value !== null) ?? facts.find((f) => f.where ?? f.fallback);
        const related = rule.when ? conditionFacts(scope, rule.when.expr) : [];
        diagnose(vfile, {
          rule: def.id,
          severity,
          reason: def.message ? `${def.description}: ${def.message}` : def.description,
          file: block?.file.path ?? (first ? fileOfFact(first) : ''),
          place: block?.node.position ?? (first ? placeOfFact(first) : undefined),
          related: related.map((f) => ({ file: fileOfFact(f), place: (f.where ?? f.fallback)?.place, label: f.label })),
        });
        break;
      }
      case 'equal': {
        const [left] = facts(rule.left) ?? [];
        const [right] = facts(rule.right) ?? [];
        if (left && right) out.push({ rule: def.id, kind: 'equal', severity, description: def.description, total: left, parts: [{ fact: right, weight: ONE }] });
        break;
      }
      case 'balance': {
        const left = facts(rule.left);
        const right = facts(rule.right);
        if (!left || !right || left.length === 0) break;
        const [total, ...rest] = left;
        // Σ left = Σ right is checked as left[0] = Σ right − Σ left[1…]; the message names the whole left side.
        const totalLabel = rest.length ? left.map((f) => f.label).join(' + ') : total!.label;
        const parts = [...right.map((fact) => ({ fact, weight: ONE })), ...rest.map((fact) => ({ fact, weight: ONE.neg() }))];
        out.push({ rule: def.id, kind: 'sum', severity, description: def.description, total: total!, parts, totalLabel });
        break;
      }
      case 'le': {
        const left = facts(rule.left);
        const right = facts(rule.right);
        if (left?.length && right) out.push({ rule: def.id, kind: 'le', severity, description: def.description, left, right });
        break;
      }
      case 'empty-iff': {
        const when = facts(rule.whenZero);
        const table = report.tables.get(def.table);
        if (!when || !table) break;
        const fundZero = when.every(isZero);
        const cells = [...table.sections.values()].flatMap((s) => s.rows.flatMap((r) => [...r.cells.values()]));
        const tableEmpty = cells.every((c) => c.value === null || intervalOf(c.value).lo.isZero());
        if (fundZero !== tableEmpty) {
          const block = blockOf(report, def.table);
          diagnose(vfile, {
            rule: def.id,
            severity,
            reason: fundZero ? `${def.description}: 所列各数为零,${def.table} 却有数` : `${def.description}: 所列各数不为零,${def.table} 却是空表`,
            file: block?.file.path ?? '',
            place: block?.node.position,
            related: when.map((f) => ({ file: (f.where ?? f.fallback)?.file.path ?? '', place: (f.where ?? f.fallback)?.place, label: f.label })),
          });
        }
        break;
      }
    }
  }
}

/** The relations of the template's rules.yaml (its own problems are reported with them). */
export function templateRelations(vfile: VFile, report: ReportData): Relation[] {
  const { rules, problems } = compileRules(report.template);
  for (const problem of problems) diagnose(vfile, problem);
  const out: Relation[] = [];
  for (const rule of rules) ruleRelations(vfile, report, rule, out);
  return out;
}
