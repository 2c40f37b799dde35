// The check stage: every rule of the report's template over the typed report — the rules its
// table definitions imply, its rules.yaml, and the 绩效 rules.
import type { VFile } from 'vfile';
import type { ReportData } from '../data/read.js';
import type { ParsedFile } from '../parse/markdown.js';
import { runProseRules } from './prose.js';
import { runTodoRule } from './todo.js';
import { runTableRules } from './table-rules.js';
import { runTemplateRule } from './template-rules.js';
import { runPerformanceRules } from './perf.js';

/** Runs every rule of the report's template; `prior` is the previous year's report (its figures are 上年). */
export function check(vfile: VFile, report: ReportData, files: ParsedFile[], prior?: ReportData): void {
  runTableRules(vfile, report);
  for (const rule of report.template.rules) runTemplateRule(vfile, report, rule);
  runPerformanceRules(vfile, report);
  runProseRules(vfile, report, files, prior);
  runTodoRule(vfile, report, files);
}
