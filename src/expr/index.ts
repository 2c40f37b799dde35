// The expression language of template packs: parse once (parse.ts), evaluate over a report to a
// fact (evaluate.ts) or a condition (condition.ts). Rules, prose bindings, derived figures and
// helpers all use it.
export type { Expr, Parsed, Segment } from './ast.js';
export { headOf, refsOf, variablesOf } from './ast.js';
export { parseExpr, type ParseError, type ParseResult } from './parse.js';
export { FUNCTIONS, CONDITIONS } from './signatures.js';
export type { Fact, FactKind } from './fact.js';
export { factOf, fileOfFact, placeOfFact } from './fact.js';
export { evaluate, expandRef, factsOf, terms, type Problem, type Scope } from './evaluate.js';
export { test } from './condition.js';
export { bindings } from './bind.js';
export { count, growth, numberOf, rate, ratio, sumTerms, termsLabel, type Term } from './functions.js';
export { blockOf, findRow, indicators, keysAt, resolvePath, resolveRef } from './resolve.js';
export { keyOf, keySegments, pathOf, quoteSegment, segments } from './path.js';
export * from './interval.js';
