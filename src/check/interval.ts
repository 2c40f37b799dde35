// The 尾数 intervals of the checker: they live with the expression language (src/expr/interval.ts),
// which every stage evaluates figures with; re-exported here for the check stage's older imports.
export * from '../expr/interval.js';
