// Conditions of the pack's rules (`when:`): empty(…) every fact empty, zero(…) every fact zero
// within its 尾数 interval (or empty), nonzero(…) some fact not zero, all/any/not of conditions.
import type { Expr } from './ast.js';
import { holdsZero } from './interval.js';
import { terms, type Scope } from './evaluate.js';

/** Whether a condition holds; undefined when a fact it names cannot be found (already reported). */
export function test(scope: Scope, expr: Expr): boolean | undefined {
  if (expr.type !== 'call') {
    scope.onProblem?.({ kind: 'type', message: '条件应为 empty(…)、zero(…)、nonzero(…)、all(…)、any(…) 或 not(…)', expr });
    return undefined;
  }
  const facts = () => {
    const out = [];
    for (const arg of expr.args) {
      const parts = terms(scope, arg);
      if (!parts) return undefined;
      out.push(...parts.map((t) => t.fact));
    }
    return out;
  };
  const conditions = () => {
    const out: boolean[] = [];
    for (const arg of expr.args) {
      const value = test(scope, arg);
      if (value === undefined) return undefined;
      out.push(value);
    }
    return out;
  };
  switch (expr.name) {
    case 'empty':
      return facts()?.every((f) => f.value === null && !f.text);
    case 'zero':
      return facts()?.every((f) => holdsZero(f.interval));
    case 'nonzero': {
      const all = facts();
      return all && !all.every((f) => holdsZero(f.interval));
    }
    case 'all':
      return conditions()?.every(Boolean);
    case 'any':
      return conditions()?.some(Boolean);
    case 'not': {
      const value = test(scope, expr.args[0]!);
      return value === undefined ? undefined : !value;
    }
    default:
      scope.onProblem?.({ kind: 'type', message: `函数 ${expr.name} 的值是数,不是条件`, expr });
      return undefined;
  }
}
