// `juesuan check`: compiles each report as far as the checker and prints the diagnostics.
import { styleText } from 'node:util';
import type { VFile } from 'vfile';
import { compileReport } from '../compile.js';
import { countBySeverity } from '../diagnostics/message.js';
import { formatGithub, formatHuman, formatJson, type Colors } from '../diagnostics/format.js';
import { findReports, priorReportDir, readReport, workspaceFor } from './load.js';

export { workspaceFor };

export const CHECK_HELP = `用法: juesuan check <报告文件夹|文件|含报告的文件夹>... [选项]

检查报告的每个数据块与数字。

选项:
  --format human|json   输出格式(默认 human)
  --strict              有警告也以 1 退出
  --verbose             也显示提示(一致但不精确的尾数差;JSON 输出总是包含)
  --explain 文件:行     列出这一行的数参与的每条规则(合计、组成项与是否成立)
  -h, --help            显示此帮助

退出码: 0 无错误; 1 发现错误(--strict 时含警告); 2 用法或读写错误。
在 GitHub Actions 中(GITHUB_ACTIONS=true)另输出 ::error 注释。
`;

export interface CheckOptions {
  format: 'human' | 'json';
  strict: boolean;
  verbose: boolean;
  color: boolean;
  github: boolean;
}

export const COLORS: Colors = {
  severity: (s, t) => styleText(s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'blue', t),
  dim: (t) => styleText('dim', t),
};

/** Compiles every report named on the command line (with the previous year's, when present). */
export function compilePaths(paths: string[]): VFile[] {
  const dirs = findReports(paths);
  const workspace = workspaceFor(dirs);
  return dirs.map((dir) => {
    const prior = priorReportDir(dir);
    return compileReport(readReport(dir), workspace, prior ? readReport(prior) : undefined);
  });
}

/** Runs `check`; returns the exit code. */
export function runCheck(paths: string[], options: CheckOptions, out: (s: string) => void): number {
  const files = compilePaths(paths);
  if (options.format === 'json') out(formatJson(files));
  else out(formatHuman(files, options.color ? COLORS : undefined, options.verbose));
  if (options.github) out(formatGithub(files));
  const counts = countBySeverity(files.flatMap((f) => f.messages));
  return counts.error > 0 || (options.strict && counts.warning > 0) ? 1 : 0;
}
