// The values a rule's variables take: {类} every 功能分类 类 code (the first level of a
// classification) of the tables the references name, {行} every row of the first table named;
// any other variable is given by the rule (each:). One binding per value.
import type { ReportData } from '../data/read.js';
import { headOf, refsOf, variablesOf, type Expr } from './ast.js';

/** The first-level codes of the classified sections of the tables these expressions name. */
function classCodes(report: ReportData, exprs: Expr[]): string[] {
  const codes = new Set<string>();
  for (const ref of exprs.flatMap((e) => refsOf(e))) {
    const table = report.tables.get(headOf(ref) ?? '');
    for (const section of table?.sections.values() ?? []) {
      const digits = section.classification?.digits[0];
      for (const row of section.rows) if (row.code && row.code.length === digits) codes.add(row.code);
    }
  }
  return [...codes].sort();
}

/** The rows (code, or key) of the first section of the first table these expressions name. */
function rowNames(report: ReportData, exprs: Expr[]): string[] {
  const first = exprs.flatMap((e) => refsOf(e))[0];
  const section = first ? report.tables.get(headOf(first) ?? '')?.sections.values().next().value : undefined;
  return section ? section.rows.map((r) => r.code ?? r.key) : [];
}

/**
 * Every binding of the variables of these expressions: `given` names the values of some
 * variables; {类} and {行} are found from the tables; one binding (no variable) when there is none.
 */
export function bindings(report: ReportData, exprs: Expr[], given: Record<string, string[]> = {}): Record<string, string>[] {
  const names = [...new Set(exprs.flatMap((e) => variablesOf(e)))];
  let out: Record<string, string>[] = [{}];
  for (const name of names) {
    const uses = exprs.filter((e) => variablesOf(e).includes(name));
    const values = given[name] ?? (name === '类' ? classCodes(report, uses) : name === '行' ? rowNames(report, uses) : undefined);
    if (!values) continue;
    out = out.flatMap((b) => values.map((v) => ({ ...b, [name]: v })));
  }
  return out;
}
