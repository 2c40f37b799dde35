// `juesuan diff <old> <new>` (each a report folder or <git-revision>:<folder>) and
// `juesuan diff --base <rev>` (every report changed since a revision): what changed, for reviewers.
import { styleText } from 'node:util';
import { dirname, join } from 'node:path';
import type { VFile } from 'vfile';
import { compileReport } from '../compile.js';
import { diffReports, type ReportDiff } from '../diff/diff.js';
import { diffHuman, diffJson, diffMarkdown } from '../diff/format.js';
import { workspaceFor } from './check.js';
import { findReports, priorReportDir, readReport, UsageError } from './load.js';
import { changedReports, existsAt, parseRevSide, readReportAt } from './git.js';
import type { Workspace } from '../workspace.js';

export const DIFF_HELP = `用法: juesuan diff <旧> <新> [--format human|md|json]
      juesuan diff --base <修订> [--format human|md|json]

比较两份报告:同一部门的两个年度,或同一报告的两个版本。每一边是报告文件夹,
或 <git 修订>:<报告文件夹>(经 git 读取,不检出)。按表、科目编码与栏目对齐:
变动的单元格(原值、新值、变动额、变动率)、增删的科目行、改名或改编码的科目、
其他数据、逐句比较的情况说明(标出改动的字词)、正文、出现或消除的检查结果。
两个年度时另列:变动最大的项目、正负号改变、有变动却没有主要原因的项目。

选项:
  --base <修订>   比较自该修订以来改动过的每一份报告(拉取请求的检查任务用)
  --format        human(默认,终端有颜色)、md(可贴为拉取请求评论)或 json
  -h, --help      显示此帮助
`;

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

function emptySide(path: string): VFile {
  return { path, data: {}, messages: [] } as unknown as VFile;
}

/** Runs `diff`; returns the exit code. */
export function runDiff(paths: string[], base: string | undefined, format: string, color: boolean, out: (s: string) => void): number {
  const localDirs = (base ? changedReports(base) : paths.filter((p) => !parseRevSide(p))).map((p) => p);
  const workspace = workspaceFor(localDirs.length ? localDirs : ['.']);
  const diffs: ReportDiff[] = [];
  if (base) {
    for (const dir of changedReports(base)) {
      const before = existsAt(base, dir) ? compileSide(`${base}:${dir}`, workspace) : emptySide(`${base}:${dir}`);
      diffs.push(diffReports(before, compileSide(dir, workspace)));
    }
  } else {
    if (paths.length !== 2) throw new UsageError(`请给出两份报告:<旧> <新>\n\n${DIFF_HELP}`);
    diffs.push(diffReports(compileSide(paths[0]!, workspace), compileSide(paths[1]!, workspace)));
  }
  if (format === 'json') out(diffJson(diffs));
  else if (format === 'md') out(diffMarkdown(diffs));
  else {
    const paint = color
      ? { add: (s: string) => styleText('green', s), del: (s: string) => styleText('red', s), head: (s: string) => styleText('bold', s) }
      : { add: (s: string) => s, del: (s: string) => s, head: (s: string) => s };
    out(diffHuman(diffs, paint));
  }
  if (diffs.length === 0) out(base ? `自 ${base} 以来没有改动的报告\n` : '');
  return 0;
}

