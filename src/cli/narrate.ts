// `juesuan narrate`: prints a report's generated 情况说明 (第三部分) as Markdown, for review.
import { compilePaths } from './compile-reports.js';
import { formatHuman } from '../diagnostics/format.js';
import { UsageError } from './load.js';
import { partThree, withoutDataBlocks } from '../narrate/markdown.js';

export { partThree, withoutDataBlocks };

export const NARRATE_HELP = `用法: juesuan narrate <报告文件夹> [--all]

把报告第三部分(情况说明)的句子由数据生成出来,以 Markdown 印出,供审阅。

选项:
  --all        印出全部各部分(不只第三部分)
  -h, --help   显示此帮助
`;

/** Runs `narrate`; returns the exit code. */
export function runNarrate(paths: string[], all: boolean, out: (s: string) => void, err: (s: string) => void): number {
  if (paths.length !== 1) throw new UsageError(`请给出一个报告文件夹\n\n${NARRATE_HELP}`);
  const [vfile] = compilePaths(paths);
  const narration = vfile!.data.narration;
  const report = vfile!.data.report;
  if (!narration || !report) {
    err(formatHuman([vfile!]));
    return 1;
  }
  const order = ['index.md', ...report.frontMatter.parts];
  const markdown = order.map((name) => narration.files.get(name) ?? '').join('\n');
  out(withoutDataBlocks(all ? markdown : partThree(markdown)).trim() + '\n');
  const problems = vfile!.messages.filter((m) => m.fatal === true);
  if (problems.length) {
    err(formatHuman([vfile!]));
    return 1;
  }
  return 0;
}
