// References to facts of a report, as the template's rules write them (公开01.收入.本年收入合计):
// resolved by the expression language (src/expr/); kept here for the checker's older imports.
import type { ReportData } from '../data/read.js';
import type { Fact } from '../expr/fact.js';
import { resolveRef } from '../expr/resolve.js';

export type { Fact } from '../expr/fact.js';
export { blockOf, findRow, indicators } from '../expr/resolve.js';
export { segments } from '../expr/path.js';

/** Resolves a plain reference; undefined when its block is absent or it names nothing. */
export function resolve(report: ReportData, ref: string): Fact | undefined {
  return resolveRef(report, ref);
}
