// The check stage: the template's rules over the typed report. (Schema-level problems are found
// by the parse and data stages; the number rules come with the checker.)
import type { VFile } from 'vfile';
import type { ReportData } from '../data/read.js';

/** Runs every rule of the report's template. */
export function check(_vfile: VFile, _report: ReportData): void {
  // The rule engine (sums, identities, hierarchy, 绩效, prose) is built in the checker issue.
}
