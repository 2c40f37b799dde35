// Evaluates the template's rules.yaml over a report: expands {类}, {行} and * in references,
// resolves each reference to a fact and applies the rule's relation.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { ReportData } from '../data/read.js';
import type { RuleDef } from '../template/types.js';
import { blockOf, resolve, segments, type Fact } from './refs.js';
import { checkEqual, checkLessOrEqual, checkSum, type RuleMeta } from './relations.js';
import { intervalOf } from './interval.js';
import type { Amount } from '../amount/amount.js';

const ONE = new Decimal(1);

function quote(segment: string): string {
  return /^[^.[\]]+$/u.test(segment) ? segment : `[${segment}]`;
}

/** The 功能分类 类 codes (3 digits) of the tables a rule refers to. */
function classCodes(report: ReportData, refs: string[]): string[] {
  const codes = new Set<string>();
  for (const ref of refs) {
    const table = report.tables.get(segments(ref)[0] ?? '');
    for (const section of table?.sections.values() ?? []) {
      const digits = section.classification?.digits[0];
      for (const row of section.rows) if (row.code && row.code.length === digits) codes.add(row.code);
    }
  }
  return [...codes].sort();
}

/** The rows (code, or key for the total row) of the table of a reference. */
function rowNames(report: ReportData, ref: string): string[] {
  const table = report.tables.get(segments(ref)[0] ?? '');
  const section = table?.sections.values().next().value;
  return section ? section.rows.map((r) => r.code ?? r.key) : [];
}

/** Expands `*` segments against the report's data. */
function expandStar(report: ReportData, ref: string): string[] {
  const parts = segments(ref);
  const star = parts.indexOf('*');
  if (star < 0) return [ref];
  const [kind] = parts;
  const repeatable = report.template.manifest.blocks.repeatable?.[kind ?? ''];
  let keys: string[];
  if (repeatable && star === 1) keys = (report.byKind.get(kind!) ?? []).map((b) => b.name ?? '');
  else {
    const block = blockOf(report, kind ?? '', repeatable ? parts[1] : undefined);
    let node = block?.root;
    for (const key of parts.slice(repeatable ? 2 : 1, star)) node = node?.kind === 'map' ? node.entries.get(key) : undefined;
    keys = node?.kind === 'map' ? [...node.entries.keys()] : [];
  }
  return keys.flatMap((k) => expandStar(report, [...parts.slice(0, star), k, ...parts.slice(star + 1)].map(quote).join('.')));
}

function refsOf(rule: RuleDef): string[] {
  if (rule.kind === 'equal') return [rule.left, rule.right];
  if (rule.kind === 'empty-iff') return rule['when-zero'];
  return [...rule.left, ...rule.right];
}

/** The bindings of a rule's variables: one per class code, per row, or just one. */
function bindings(report: ReportData, rule: RuleDef): Record<string, string>[] {
  const refs = refsOf(rule);
  if (refs.some((r) => r.includes('{类}'))) return classCodes(report, refs.filter((r) => r.includes('{类}'))).map((c) => ({ 类: c }));
  if (refs.some((r) => r.includes('{行}'))) return rowNames(report, refs[0]!).map((r) => ({ 行: r }));
  return [{}];
}

function bind(ref: string, vars: Record<string, string>): string {
  return ref.replace(/\{(类|行)\}/gu, (_m, v: string) => quote(vars[v] ?? ''));
}

function isZero(f: Fact): boolean {
  const i = intervalOf(f.value as Amount | Decimal | null);
  return i.lo.lte(0) && i.hi.gte(0);
}

/** Runs one rule of rules.yaml. */
export function runTemplateRule(vfile: VFile, report: ReportData, rule: RuleDef): void {
  const meta: RuleMeta = { id: rule.id, description: rule.description, severity: rule.severity ?? 'error' };
  for (const vars of bindings(report, rule)) {
    const facts = (refs: string[]): Fact[] | undefined => {
      const out: Fact[] = [];
      for (const ref of refs.flatMap((r) => expandStar(report, bind(r, vars)))) {
        const fact = resolve(report, ref);
        if (!fact) {
          const kind = segments(ref)[0] ?? '';
          if (report.byKind.has(kind)) {
            diagnose(vfile, { rule: 'template/invalid-reference', reason: `模板规则 ${rule.id} 的引用「${ref}」指向不存在的表格位置`, file: `templates/${report.template.name}/rules.yaml` });
          }
          return undefined;
        }
        out.push(fact);
      }
      return out;
    };
    switch (rule.kind) {
      case 'equal': {
        const [left] = facts([rule.left]) ?? [];
        const [right] = facts([rule.right]) ?? [];
        if (left && right) checkEqual(vfile, meta, left, right);
        break;
      }
      case 'balance': {
        const left = facts(rule.left);
        const right = facts(rule.right);
        if (!left || !right || left.length === 0) break;
        const [total, ...rest] = left;
        // Σ left = Σ right is checked as left[0] = Σ right − Σ left[1…]; the message names the whole left side.
        const totalLabel = rest.length ? left.map((f) => f.label).join(' + ') : total!.label;
        checkSum(vfile, meta, total!, [...right.map((fact) => ({ fact, weight: ONE })), ...rest.map((fact) => ({ fact, weight: ONE.neg() }))], totalLabel);
        break;
      }
      case 'le': {
        const left = facts(rule.left);
        const right = facts(rule.right);
        if (left?.length && right) checkLessOrEqual(vfile, meta, left, right);
        break;
      }
      case 'empty-iff': {
        const when = facts(rule['when-zero']);
        const table = report.tables.get(rule.table);
        if (!when || !table) break;
        const fundZero = when.every(isZero);
        const cells = [...table.sections.values()].flatMap((s) => s.rows.flatMap((r) => [...r.cells.values()]));
        const tableEmpty = cells.every((c) => c.value === null || intervalOf(c.value).lo.isZero());
        if (fundZero !== tableEmpty) {
          const block = blockOf(report, rule.table);
          diagnose(vfile, {
            rule: rule.id,
            severity: meta.severity,
            reason: fundZero ? `${rule.description}: 公开04 中此类资金为零,${rule.table} 却有数` : `${rule.description}: 公开04 中此类资金不为零,${rule.table} 却是空表`,
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
