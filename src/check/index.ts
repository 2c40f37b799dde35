// The check stage: every rule of the report's template over the typed report — the relations its
// table definitions, its rules.yaml and the 绩效 tables imply, collected first as data
// (vfile.data.relations) and then evaluated; then the 绩效, prose and TODO rules.
import type { VFile } from 'vfile';
import type { ReportData } from '../data/read.js';
import type { ParsedFile } from '../parse/markdown.js';
import { runProseRules } from './prose.js';
import { runTodoRule } from './todo.js';
import { runCompletionRule } from './completion.js';
import { tableRelations } from './table-rules.js';
import { templateRelations } from './template-rules.js';
import { performanceRelations, runPerformanceRules } from './perf.js';
import { evaluateRelation, type Relation } from './relations.js';
import { reportLikelyChanges } from './likely-change.js';
import type { Diagnostic } from '../diagnostics/message.js';

/** Runs every rule of the report's template; `prior` is the previous year's report (its figures are 上年). */
export function check(vfile: VFile, report: ReportData, files: ParsedFile[], prior?: ReportData): void {
  const relations = [...tableRelations(vfile, report), ...templateRelations(vfile, report), ...performanceRelations(report)];
  vfile.data.relations = relations;
  const messagesOf = new Map<Relation, Diagnostic[]>();
  for (const relation of relations) {
    const before = vfile.messages.length;
    evaluateRelation(vfile, relation);
    if (vfile.messages.length > before) messagesOf.set(relation, vfile.messages.slice(before) as Diagnostic[]);
  }
  reportLikelyChanges(vfile, relations, messagesOf);
  runPerformanceRules(vfile, report);
  runProseRules(vfile, report, files, prior);
  runTodoRule(vfile, report, files);
  runCompletionRule(vfile, report, prior);
}
