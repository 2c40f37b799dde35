// `juesuan diff <old> <new>` (each a report folder or <git-revision>:<folder>) and
// `juesuan diff --base <rev>` (every report changed since a revision; a new one against its
// department's previous year): what changed, for reviewers and for a pull-request comment.
import { existsSync } from 'node:fs';
import { styleText } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { VFile } from 'vfile';
import { compileReport } from '../compile.js';
import { diffReports, type ReportDiff } from '../diff/diff.js';
import { COMMENT_BUDGET, diffHuman, diffJson, diffMarkdown } from '../diff/format.js';
import { workspaceFor } from './compile-reports.js';
import { findReports, priorReportDir, readReport, UsageError } from './load.js';
import { changedReports, existsAt, parseRevSide, readReportAt } from './git.js';
import { writeAtomic } from './write.js';
import type { Workspace } from '../workspace.js';

export const DIFF_HELP = `用法: juesuan diff <旧> <新> [选项]
      juesuan diff --base <修订> [选项]

比较两份报告:同一部门的两个年度,或同一报告的两个版本。每一边是报告文件夹,
或 <git 修订>:<报告文件夹>(经 git 读取,不检出)。每个数据块逐项比较(公开表按表、
科目编码与栏目对齐):原值、新值、变动额、变动率;由改动的数推出的合计列在改动之下
(「1 个数据改动,N 个合计随之变化」);增删的科目行、改名或改编码的科目;生成的
情况说明按其模板中的句子对齐,手写的正文按文字对齐,标出改动的字词;出现或消除的
检查结果。两个年度时另列:变动最大的项目、正负号改变、有变动却没有主要原因的项目。

选项:
  --base <修订>      比较自该修订以来改动过的每一份报告(拉取请求的检查任务用);
                     新增的报告与仓库中同一部门的上一年度比较
  --format           human(默认,终端有颜色)、md(拉取请求评论)或 json
  --max-chars <n>    md 的字符上限(默认 ${COMMENT_BUDGET};0 不限),超出时每节只列最大的改动并注明省略数
  --full-link <网址> md 中省略处指向的完整比较(如工作流运行的工件页)
  --full <文件>      另将不省略的 md 写入该文件
  -h, --help         显示此帮助
`;

export interface DiffOptions {
  format: string;
  color: boolean;
  maxChars?: number;
  fullLink?: string;
  full?: string;
}

function compileSide(arg: string, workspace: Workspace): VFile {
  const rev = parseRevSide(arg);
  if (rev) {
    const year = /(\d{4})\/?$/u.exec(rev.folder)?.[1];
    const priorFolder = year ? join(dirname(rev.folder), String(Number(year) - 1)) : undefined;
    const prior = priorFolder && existsAt(rev.rev, priorFolder) ? readReportAt(rev.rev, priorFolder) : undefined;
    return compileReport(readReportAt(rev.rev, rev.folder), workspace, prior);
  }
  const [dir] = findReports([arg]);
  const prior = priorReportDir(dir!);
  return compileReport(readReport(dir!), workspace, prior ? readReport(prior) : undefined);
}

/** The folder of the same department's previous year, when the folder is named by its year. */
function previousYear(dir: string): { folder: string; year: number } | undefined {
  const year = /^\d{4}$/u.test(basename(dir)) ? Number(basename(dir)) : undefined;
  return year ? { folder: join(dirname(dir), String(year - 1)), year: year - 1 } : undefined;
}

/** A report changed since `base`, with what it is compared against. */
function diffSinceBase(dir: string, base: string, workspace: Workspace): ReportDiff {
  if (!existsSync(join(dir, 'index.md'))) return diffReports(compileSide(`${base}:${dir}`, workspace), new VFile({ path: dir }), { note: `报告已删除:${base} 中有,现已没有。` });
  const after = compileSide(dir, workspace);
  if (existsAt(base, dir)) return diffReports(compileSide(`${base}:${dir}`, workspace), after);
  const prev = previousYear(dir);
  if (prev && existsAt(base, prev.folder)) {
    return diffReports(compileSide(`${base}:${prev.folder}`, workspace), after, { note: `新报告:${base} 中没有它,与仓库中同一部门的上一年度 ${prev.year} 比较。` });
  }
  if (prev && existsSync(join(prev.folder, 'index.md'))) {
    return diffReports(compileSide(prev.folder, workspace), after, { note: `新报告:${base} 中没有它,与本次改动中同一部门的上一年度 ${prev.year} 比较。` });
  }
  return diffReports(new VFile({ path: `${base}:${dir}` }), after, { note: '新报告:仓库中没有同一部门的上一年度,所有内容都是新增的。' });
}

/** Runs `diff`; returns the exit code. */
export function runDiff(paths: string[], base: string | undefined, options: DiffOptions, out: (s: string) => void): number {
  const changed = base ? changedReports(base) : [];
  const localDirs = base ? changed.filter((d) => existsSync(join(d, 'index.md'))) : paths.filter((p) => !parseRevSide(p));
  const workspace = workspaceFor(localDirs.length ? localDirs : ['.']);
  const diffs: ReportDiff[] = [];
  if (base) {
    for (const dir of changed) diffs.push(diffSinceBase(dir, base, workspace));
  } else {
    if (paths.length !== 2) throw new UsageError(`请给出两份报告:<旧> <新>\n\n${DIFF_HELP}`);
    diffs.push(diffReports(compileSide(paths[0]!, workspace), compileSide(paths[1]!, workspace)));
  }
  if (options.full) writeAtomic(options.full, diffMarkdown(diffs, { maxChars: 0 }));
  if (options.format === 'json') out(diffJson(diffs));
  else if (options.format === 'md') out(diffMarkdown(diffs, { ...(options.maxChars !== undefined ? { maxChars: options.maxChars } : {}), ...(options.fullLink ? { fullLink: options.fullLink } : {}) }));
  else {
    const paint = options.color
      ? { add: (s: string) => styleText('green', s), del: (s: string) => styleText('red', s), head: (s: string) => styleText('bold', s) }
      : { add: (s: string) => s, del: (s: string) => s, head: (s: string) => s };
    out(diffs.length ? diffHuman(diffs, paint) : base ? `自 ${base} 以来没有改动的报告\n` : '');
  }
  return 0;
}
