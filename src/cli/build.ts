// `juesuan build`: the command — its help, its options, and the call to the batch build in
// src/orchestrate/ (which checks, renders and prints each report and writes its outputs atomically).
import { runBatch } from '../orchestrate/batch.js';
import { watchBuild } from '../orchestrate/watch-build.js';
import type { Shard } from '../orchestrate/plan.js';
import { COLORS } from './check.js';
import { UsageError } from './load.js';

export const BUILD_HELP = `用法: juesuan build <报告文件夹>... [选项]
      juesuan build --all [目录] [选项]

检查报告,生成 HTML 并用 Chromium 印成 PDF: <目录>/<部门>-<年度>.pdf 与 .html(默认目录 dist/)。
有检查错误的报告不印,除非给出 --force。输入未变的报告跳过(增量构建)。

选项:
  --out 目录       输出目录(默认 dist)
  --all            印出目录(默认 reports)下的每一份报告
  --jobs N         同时印刷的页面数(共用一个浏览器,默认 2)
  --shard i/n      只处理按路径排序后的第 i 份(共 n 份),供 CI 矩阵分片
  --timeout 秒     每份报告的印刷时限(默认 180);超时或浏览器崩溃后重试一次
  --force          有检查错误也印,并重印未改动的报告
  --watch          印完后继续等待:报告、上一年度报告或模板的文件保存后重印改动的报告(Ctrl-C 停止)
  -h, --help       显示此帮助

需要系统中的 Chromium(PUPPETEER_EXECUTABLE_PATH,或 /usr/bin/chromium 等)。
PDF 的日期取自 SOURCE_DATE_EPOCH,否则取报告文件头的 date。
`;

export interface BuildOptions {
  out: string;
  /** Print despite check errors, and rebuild outputs that are current. */
  force: boolean;
  color: boolean;
  /** Every report under the paths (default reports/). */
  all: boolean;
  /** Pages printing at once in the shared browser. */
  jobs: number;
  /** This machine's part of the reports: i of n, deterministic. */
  shard?: Shard;
  /** Seconds allowed to print one report. */
  timeout: number;
  /** A progress bar (on a terminal) instead of a line per report. */
  progress: boolean;
  /** Build again after every change of the inputs, until Ctrl-C. */
  watch?: boolean;
}

/** Builds reports; returns the exit code. */
export async function runBuild(paths: string[], options: BuildOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (paths.length === 0 && !options.all) throw new UsageError(`请给出要印刷的报告文件夹,或用 --all\n\n${BUILD_HELP}`);
  const { color, all: _all, watch, ...rest } = options;
  if (watch) return watchBuild(paths.length ? paths : ['reports'], { ...rest, colors: color ? COLORS : undefined }, out, err);
  return runBatch(paths.length ? paths : ['reports'], { ...rest, colors: color ? COLORS : undefined }, out, err);
}
