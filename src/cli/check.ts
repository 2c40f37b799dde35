// `juesuan check`: compiles each report as far as the checker and prints the diagnostics.
// A report whose inputs did not change since a check is answered from the check memo
// (src/orchestrate/check-memo.ts) without loading the compiler; the others are compiled.
import { styleText } from 'node:util';
import type { VFile } from 'vfile';
import { countBySeverity } from '../diagnostics/message.js';
import { formatGithub, formatHuman, formatJson, type Colors } from '../diagnostics/format.js';
import { memoKey, recall, remember } from '../orchestrate/check-memo.js';
import { diskCache } from './compile-cache.js';
import { findReports, readInput, readSchemaTexts, templatesOf } from './load.js';

export const CHECK_HELP = `用法: juesuan check <报告文件夹|文件|含报告的文件夹>... [选项]

检查报告的每个数据块与数字。

选项:
  --format human|json|github
                        输出格式(默认 human);github 只输出 GitHub Actions 注释(::error/::warning)
  --strict              有警告也以 1 退出
  --verbose             也显示提示(一致但不精确的尾数差;JSON 输出总是包含)
  --explain 文件:行     列出这一行的数参与的每条规则(合计、组成项与是否成立)
  --fix                 把正文中直接写出且与数据一致的数改写为辅助函数(措辞不变),先以 diff 显示
  --write               与 --fix 同用: 写入改写(不加则只显示)
  --watch               检查后继续等待: 报告、上一年度报告或模板的文件保存后再检查(Ctrl-C 停止)
  -h, --help            显示此帮助

退出码: 0 无错误; 1 发现错误(--strict 时含警告); 2 用法或读写错误;--watch 以 Ctrl-C 停止时 130。
在 GitHub Actions 中(GITHUB_ACTIONS=true)另将错误与警告作为注释输出到标准错误;
标准输出不变(--format json 时总是一个 JSON 文档)。提示从不作为注释。
`;

export interface CheckOptions {
  format: 'human' | 'json' | 'github';
  strict: boolean;
  verbose: boolean;
  /** Show (and with `write`, write) the helpers for typed numbers that agree with the data. */
  fix?: boolean;
  write?: boolean;
  /** Check again after every save of the reports' inputs, until Ctrl-C. */
  watch?: boolean;
  color: boolean;
  github: boolean;
}

export const COLORS: Colors = {
  severity: (s, t) => styleText(s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'blue', t),
  dim: (t) => styleText('dim', t),
};

/**
 * The diagnostics of every report named on the command line: from the check memo when the
 * report, its previous year's, its templates and juesuan's schemas are what an earlier check saw,
 * else compiled (and remembered). With `memo` false every report is compiled (its data on the VFile).
 */
export async function checkPaths(paths: string[], memo = true): Promise<VFile[]> {
  const dirs = findReports(paths);
  const inputs = dirs.map(readInput);
  const templates = templatesOf(dirs);
  const cache = diskCache();
  const store = memo ? cache : undefined;
  const schemas = store ? readSchemaTexts() : [];
  const keys = store ? inputs.map((input) => memoKey({ ...input, templates, schemas })) : [];
  const files: (VFile | undefined)[] = inputs.map((_, i) => (store ? recall(store, keys[i]!) : undefined));
  const missing = files.flatMap((file, i) => (file ? [] : [i]));
  if (missing.length > 0) {
    const { compileInputs, workspaceFor } = await import('./compile-reports.js');
    const compiled = compileInputs(missing.map((i) => inputs[i]!), workspaceFor(dirs, cache, templates));
    missing.forEach((i, n) => {
      files[i] = compiled[n]!;
      if (store) remember(store, keys[i]!, compiled[n]!);
    });
  }
  return files as VFile[];
}

/**
 * Runs `check`; returns the exit code. Standard output holds exactly the chosen format; in GitHub
 * Actions the annotations go to standard error (the runner reads both), so JSON stays parseable.
 */
export async function runCheck(paths: string[], options: CheckOptions, out: (s: string) => void, err: (s: string) => void = out): Promise<number> {
  // --fix needs each report's compiled prose, which the memo does not keep.
  const print = (files: VFile[]) => {
    if (options.format === 'json') out(formatJson(files));
    else if (options.format === 'github') out(formatGithub(files));
    else out(formatHuman(files, options.color ? COLORS : undefined, options.verbose));
    if (options.github && options.format !== 'github') err(formatGithub(files));
  };
  if (options.watch) {
    const { watchCheck } = await import('../orchestrate/watch-check.js');
    return watchCheck(paths, () => checkPaths(paths), print, out);
  }
  const files = await checkPaths(paths, !options.fix);
  print(files);
  if (options.fix) await fixProse(files, Boolean(options.write), out);
  const counts = countBySeverity(files.flatMap((f) => f.messages));
  return counts.error > 0 || (options.strict && counts.warning > 0) ? 1 : 0;
}

/** `check --fix`: the typed numbers that agree with the data, rewritten as the helpers that print them. */
async function fixProse(files: VFile[], write: boolean, out: (s: string) => void): Promise<void> {
  const { changesOnDisk, showAndApply } = await import('./apply-changes.js');
  const changes = changesOnDisk(files.flatMap((f) => f.data.proseFixes ?? []));
  const count = files.reduce((n, f) => n + (f.data.proseFixes?.length ?? 0), 0);
  if (changes.length === 0) {
    out('--fix: 正文中没有可改写为辅助函数的数\n');
    return;
  }
  const { written, stale } = showAndApply(changes, write, out);
  for (const path of stale) out(`--fix: ${path} 在检查后被修改过,未写入;请重新运行\n`);
  if (write) out(`--fix: 已改写 ${count} 处,写入 ${written.length} 个文件\n`);
  else out(`--fix: 可改写 ${count} 处(${changes.length} 个文件);加 --write 写入\n`);
}
