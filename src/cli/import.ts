// `juesuan import <workbook>... --into <report>`: reads the workbooks' bytes, imports the template's
// tables into the report's data blocks (src/import), checks the result, shows the diff, and writes
// the changed files atomically — nothing when an error is found, unless --force.
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { compileReport } from '../compile.js';
import { changesOf, type FileChange } from '../edit/edits.js';
import { countBySeverity, sortDiagnostics, type Diagnostic } from '../diagnostics/message.js';
import { SEVERITY_WORD } from '../diagnostics/format.js';
import { importTables, type ImportResult } from '../import/index.js';
import { readWorkbook, UnreadableWorkbook } from '../import/read-workbook.js';
import { verify } from '../import/verify.js';
import type { Workbook } from '../import/workbook.js';
import { parseReport, type ReportSource } from '../parse/report.js';
import { readFrontMatter } from '../data/front-matter.js';
import { readData } from '../data/read.js';
import type { Template } from '../template/types.js';
import { useTemplate, type Workspace } from '../workspace.js';
import { showAndApply } from './apply-changes.js';
import { workspaceFor } from './compile-reports.js';
import { findReports, priorReportDir, readReport, UsageError } from './load.js';

export const IMPORT_HELP = `用法: juesuan import <工作簿>... --into <报告文件夹> [--dry-run] [--force]

从决算软件或财政部门导出的 Excel 工作簿(.xlsx、.xls,或每表一个 .csv)读入公开表的数据,
写入报告的数据块:按表名或表号在任一工作表中找到模板的每张表,由「金额单位」行读单位,
按表头栏名(跨行合并的表头也可)对应各栏,按科目编码(一栏或分为类/款/项)或行名对应各行。
只改写数据块中的数,正文与注释不变;先显示改动(统一差异格式),再写入。
无法对应的单元格、不认识的编码、与分项之和不符的合计都在其单元格(如 公开05!C12)报告;
发现错误时不写入任何文件。

选项:
  --into 报告文件夹   要写入的报告(必需)
  --dry-run           只显示改动,不写入
  --force             有错误也写入(不认识的编码按表中名称导入)
  -h, --help          显示此帮助

退出码: 0 已导入(或 --dry-run 无错误); 1 发现错误; 2 用法或读写错误。
`;

export interface ImportCliOptions {
  into: string;
  dryRun: boolean;
  force: boolean;
}

const READABLE = /\.(xlsx|xlsm|xls|csv|ods)$/iu;

function readBook(path: string): Workbook {
  if (!READABLE.test(path)) throw new UsageError(`${path} 不是工作簿(可读 .xlsx、.xls、.csv)`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new UsageError(`找不到 ${path}`);
    throw error;
  }
  try {
    return readWorkbook(bytes, path);
  } catch (error) {
    if (error instanceof UnreadableWorkbook) throw new UsageError(`无法读取工作簿 ${path}: 文件已损坏、已加密,或不是 Excel/CSV 文件`);
    throw error;
  }
}

function line(d: Diagnostic): string {
  const p = d.place && 'start' in d.place ? d.place.start : d.place;
  const where = d.cell ? `${d.file}:${d.cell}` : p ? `${d.file}:${p.line}:${p.column}` : `${d.file}`;
  const details: string[] = [];
  if (d.expected?.length) details.push(`应为 ${d.expected.join(' 或 ')}`);
  if (d.actual !== undefined && d.actual !== null) details.push(`实为 ${d.actual}`);
  if (d.difference !== undefined) details.push(`差额 ${d.difference}`);
  return `${where}  ${SEVERITY_WORD[d.severity]}  ${d.reason}  ${d.ruleId ?? ''}` + (details.length ? `\n    ${details.join(';')}` : '') + '\n';
}

export interface ImportPlan {
  result: ImportResult;
  changes: FileChange[];
  template: Template;
}

/** Imports workbooks into a report read from disk, in memory: the edits, their diff and the check of the result. */
export function planImport(books: Workbook[], source: ReportSource, prior: ReportSource | undefined, workspace: Workspace, force: boolean): ImportPlan {
  // The report as it is: parsed only (its blocks and their YAML); the result is checked in full.
  const before = new VFile({ path: source.dir });
  const parsed = parseReport(before, source);
  const frontMatter = readFrontMatter(before, parsed, workspace.registry);
  const template = frontMatter ? useTemplate(workspace, frontMatter.template).template : undefined;
  if (!frontMatter || !parsed || !template) throw new UsageError(`${source.dir} 的文件头或模板无法读取;请先运行 juesuan check ${source.dir}`);
  // The typed blocks say which fields a 绩效 form may fill (and their kinds of value).
  const typed = readData(before, parsed, frontMatter, template, workspace.registry).blocks;
  const result = importTables(books, parsed.files, template, frontMatter.unit, { force }, typed);
  const texts = new Map(source.files.map((f) => [f.path, f.text]));
  const changes = changesOf(result.edits, (path) => texts.get(path) ?? '');
  const after: ReportSource = { dir: source.dir, files: source.files.map((f) => ({ ...f, text: changes.find((c) => c.path === f.path)?.after ?? f.text })) };
  const checked = compileReport(after, workspace, prior);
  verify(checked, result.blocks, result.vfile);
  return { result, changes, template };
}

/** Runs `import`; returns the exit code. */
export function runImport(paths: string[], options: ImportCliOptions, out: (s: string) => void): number {
  if (paths.length === 0) throw new UsageError(`请给出要导入的工作簿\n\n${IMPORT_HELP}`);
  if (!options.into) throw new UsageError(`请用 --into 给出要写入的报告文件夹\n\n${IMPORT_HELP}`);
  const [dir] = findReports([options.into]);
  const books = paths.map(readBook);
  const priorDir = priorReportDir(dir!);
  const { result, changes, template } = planImport(books, readReport(dir!), priorDir ? readReport(priorDir) : undefined, workspaceFor([dir!]), options.force);

  for (const b of result.blocks) out(`${b.label}\n`);
  for (const d of sortDiagnostics(result.vfile.messages)) if (d.severity !== 'info') out(line(d));
  const counts = countBySeverity(result.vfile.messages);
  if (result.blocks.length === 0) {
    out(`✖ 工作簿中没有找到模板 ${template.name} 的任何表,未导入\n`);
    return 1;
  }
  const write = !options.dryRun && (counts.error === 0 || options.force);
  const { written, stale } = showAndApply(changes, write, out);
  const summary = `${result.blocks.length} 张表,${counts.error} 个错误,${counts.warning} 个警告`;
  if (changes.length === 0) out(`${counts.error ? '✖' : '✔'} ${summary};报告中的数据已与工作簿一致,没有改动\n`);
  else if (options.dryRun) out(`${counts.error ? '✖' : '✔'} ${summary};--dry-run: 未写入\n`);
  else if (!write) out(`✖ ${summary};未写入任何文件(改正后重新导入,或用 --force 仍写入)\n`);
  else {
    out(`${counts.error ? '⚠' : '✔'} ${summary};已写入 ${written.join('、')}\n`);
    if (stale.length) out(`✖ ${stale.join('、')} 在导入期间被修改,未写入;请重新导入\n`);
  }
  return counts.error > 0 || stale.length > 0 ? 1 : 0;
}
