// `juesuan export <report> --out <file.xlsx>`: the report's official tables as an Excel workbook,
// one sheet per table in its printed layout, written atomically. A report with errors is refused
// unless --force (as build does).
import { compileReport } from '../compile.js';
import { countBySeverity } from '../diagnostics/message.js';
import { formatHuman } from '../diagnostics/format.js';
import { exportTables } from '../export/index.js';
import { workspaceFor } from './compile-reports.js';
import { findReports, priorReportDir, readReport, UsageError } from './load.js';
import { writeAtomic } from './write.js';

export const EXPORT_HELP = `用法: juesuan export <报告文件夹> --out <文件.xlsx> [--force]

把报告的公开表导出为 Excel 工作簿,每表一个工作表,版式同印刷:表名、表号、编制单位与金额单位行、
合并的表头、栏次、科目编码(类/款/项)、两位小数的数字格式,空单元格留空。可作为公开时的 Excel 附件,
也可用 juesuan import 读回。

选项:
  --out 文件.xlsx   输出文件(必需)
  --force           报告有错误也导出
  -h, --help        显示此帮助

退出码: 0 已导出; 1 报告有错误(未导出); 2 用法或读写错误。
`;

/** Runs `export`; returns the exit code. */
export function runExport(paths: string[], outFile: string, force: boolean, out: (s: string) => void, err: (s: string) => void): number {
  if (paths.length !== 1) throw new UsageError(`请给出一个报告文件夹\n\n${EXPORT_HELP}`);
  if (!outFile) throw new UsageError(`请用 --out 给出输出文件\n\n${EXPORT_HELP}`);
  if (!/\.xlsx$/iu.test(outFile)) throw new UsageError(`--out 应为 .xlsx 文件,而不是「${outFile}」`);
  const [dir] = findReports(paths);
  const prior = priorReportDir(dir!);
  const vfile = compileReport(readReport(dir!), workspaceFor([dir!]), prior ? readReport(prior) : undefined);
  const report = vfile.data.report;
  const counts = countBySeverity(vfile.messages);
  if (!report || (counts.error > 0 && !force)) {
    err(formatHuman([vfile]));
    err(report ? `juesuan: ${dir} 有 ${counts.error} 个错误,未导出(改正后重试,或用 --force)\n` : `juesuan: ${dir} 无法读取,未导出\n`);
    return 1;
  }
  const { bytes, tables } = exportTables(report);
  if (tables.length === 0) {
    err(`juesuan: ${dir} 中没有公开表,未导出\n`);
    return 1;
  }
  writeAtomic(outFile, bytes);
  out(`已导出 ${tables.length} 张表(${tables.join('、')})到 ${outFile}\n`);
  return 0;
}
