// `juesuan check <report> --explain <file:line>`: prints the rules the values on that line take part in.
import { explain } from '../check/explain.js';
import { compilePaths } from './compile-reports.js';
import { UsageError } from './load.js';

/** Runs `check --explain`; returns the exit code (1 when nothing is written on that line). */
export function runExplain(paths: string[], target: string, out: (s: string) => void): number {
  const m = /^(.+):(\d+)(?::\d+)?$/u.exec(target);
  if (!m) throw new UsageError(`--explain 应写作 文件:行,如 tables.md:199,而不是「${target}」`);
  const [, file, line] = m as unknown as [string, string, string];
  for (const vfile of compilePaths(paths)) {
    const lines = explain(vfile, file, Number(line));
    if (lines) {
      out(lines.join('\n') + '\n');
      return 0;
    }
  }
  out(`${target}: 这一行没有参与规则的数\n`);
  return 1;
}
