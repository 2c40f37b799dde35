// `juesuan new <department-slug> <year>`: creates reports/<dept>/<year>/ from the previous year's
// report — same files and prose, amounts blank, reasons marked TODO. Never overwrites a report.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileReport } from '../compile.js';
import { nextYear } from '../diff/next-year.js';
import { workspaceFor } from './compile-reports.js';
import { readReport, UsageError } from './load.js';
import { dropReviewNotes, yearsAsHelpers } from '../edit/next-year-text.js';
import type { Diagnostic } from '../diagnostics/message.js';
import type { VFile } from 'vfile';

/** What is left to fill in a new report: the missing amounts per table or block, the TODOs, the years. */
export function leftToFill(vfile: VFile): string {
  const messages = vfile.messages as Diagnostic[];
  const missing = messages.filter((m) => m.ruleId === 'report/missing-value');
  const lines = ['待填写:'];
  for (const m of missing) lines.push(`  ${m.reason.slice(0, m.reason.indexOf(':'))}: ${m.related?.length ?? 0} 个金额`);
  const total = missing.reduce((n, m) => n + (m.related?.length ?? 0), 0);
  lines.push(`  共 ${total} 个金额(${missing.length} 个表或数据块)`);
  const todos = messages.filter((m) => m.ruleId === 'report/todo').length;
  if (todos) lines.push(`  TODO ${todos} 处(主要原因、完成情况等)`);
  const years = messages.filter((m) => m.ruleId === 'prose/year').length;
  if (years) lines.push(`  正文中不是本年度的年份 ${years} 处(juesuan check 逐一列出)`);
  return lines.join('\n') + '\n';
}

export const NEW_HELP = `用法: juesuan new <部门目录名> <年度> [--reports 目录]

由上一年度的报告生成 reports/<部门>/<年度>/:文件、结构与正文相同,金额、数量与得分留空
(绩效指标的分值保留),上年数改由上一年度的报告读取,主要原因与完成情况标为 TODO,
在填写前 juesuan check 会逐项列出。已有的报告不会被覆盖。

选项:
  --reports 目录   报告所在目录(默认 reports)
  -h, --help       显示此帮助
`;

/** Runs `new`; returns the exit code. */
export function runNew(args: string[], reportsDir: string, out: (s: string) => void): number {
  if (args.length !== 2 || !/^\d{4}$/u.test(args[1]!)) throw new UsageError(`请给出部门目录名与年度\n\n${NEW_HELP}`);
  const [slug, year] = args as [string, string];
  const target = join(reportsDir, slug, year);
  const source = join(reportsDir, slug, String(Number(year) - 1));
  if (existsSync(target)) throw new UsageError(`${target} 已存在;juesuan new 不会覆盖已有的报告`);
  if (!existsSync(join(source, 'index.md'))) throw new UsageError(`找不到上一年度的报告 ${source}`);
  const vfile = compileReport(readReport(source), workspaceFor([source]));
  const report = vfile.data.report;
  const parsed = vfile.data.parsed;
  if (!report || !parsed || vfile.data.frontMatter?.partial) throw new UsageError(`${source} 不是可用作模板的完整报告`);
  const files = new Map([...nextYear(parsed, report)].map(([name, text]) => [name, yearsAsHelpers(dropReviewNotes(text), Number(year) - 1)]));
  // Written to a temporary folder first, then renamed into place: never a half-written report.
  const temp = `${target}.${process.pid}.tmp`;
  mkdirSync(temp, { recursive: true });
  try {
    for (const [name, text] of files) writeFileSync(join(temp, name), text);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  out(`已生成 ${target}(${files.size} 个文件);请填写金额与标为 TODO 的内容,然后运行 juesuan check ${target}\n`);
  out(leftToFill(compileReport(readReport(target), workspaceFor([target]), readReport(source))));
  return 0;
}
