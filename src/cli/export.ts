// `juesuan export <report> --out <file.xlsx>`: the official tables as an Excel workbook (placeholder).
import { UsageError } from './load.js';

export const EXPORT_HELP = `用法: juesuan export <报告文件夹> --out <文件.xlsx>\n`;

export function runExport(_paths: string[], _out: string, _print: (s: string) => void): number {
  throw new UsageError('export: not yet');
}
