// Reads from disk what the compiler needs: a report folder's Markdown, the schemas and the
// templates. The only module besides print/ that touches the file system.
import { readdirSync, readFileSync, statSync, existsSync, lstatSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportSource } from '../parse/report.js';
import type { SourceFile } from '../parse/markdown.js';
import { LIMITS } from '../parse/limits.js';
import type { TemplateSource } from '../template/load.js';

/** The juesuan package root (holding schemas/ and templates/). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

import { UsageError } from './usage.js';

export { UsageError };

function listFiles(dir: string, base = dir, symlinks?: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base, symlinks));
    else if (entry.isFile()) out.push(relative(base, full).split(sep).join('/'));
    else if (entry.isSymbolicLink()) symlinks?.push(relative(base, full).split(sep).join('/'));
  }
  return out;
}

/** The text of every JSON schema under schemas/ (hand-written, not the generated ones), by file name. */
export function readSchemaTexts(root = PACKAGE_ROOT): [string, string][] {
  const dir = join(root, 'schemas');
  return listFiles(dir)
    .filter((f) => f.endsWith('.schema.json') && !f.startsWith('generated/'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

/** Every JSON schema under schemas/ (hand-written, not the generated ones). */
export function loadSchemas(root = PACKAGE_ROOT): object[] {
  return readSchemaTexts(root).map(([, text]) => JSON.parse(text) as object);
}

/** Every template folder under a templates/ directory. */
export function loadTemplates(templatesDir: string, display: string): TemplateSource[] {
  if (!existsSync(templatesDir)) return [];
  const why = (what: string) => `${what} 是符号链接;模板只读取模板文件夹中的普通文件,请把内容复制进来`;
  return readdirSync(templatesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.isSymbolicLink() && statSync(join(templatesDir, e.name), { throwIfNoEntry: false })?.isDirectory()))
    .map((e): TemplateSource => {
      const dir = join(templatesDir, e.name);
      const shown = `${display}/${e.name}`;
      // A symlinked template (or file of one) could bring in any file of the machine: refused, with a message.
      if (e.isSymbolicLink()) return { name: e.name, dir: shown, files: new Map(), refused: [{ file: shown, rule: 'report/symlink', reason: why(`模板文件夹 ${shown}`) }] };
      const symlinks: string[] = [];
      const files = new Map(listFiles(dir, dir, symlinks).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      const refused = symlinks.map((f) => ({ file: `${shown}/${f}`, rule: 'report/symlink', reason: why(`模板文件 ${f}`) }));
      return { name: e.name, dir: shown, files, ...(refused.length ? { refused } : {}) };
    });
}

/** The templates/ directory that applies to a report: the nearest one above it, else juesuan's own. */
export function templatesFor(reportDir: string): string {
  let dir = resolve(reportDir);
  for (;;) {
    const candidate = join(dir, 'templates');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(PACKAGE_ROOT, 'templates');
    dir = parent;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const LOSSY = new TextDecoder('utf-8');

/** Whether bytes read as GBK (the usual encoding of a Chinese file saved by older Windows software). */
function isGbk(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gbk', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a file's bytes as UTF-8; a file that is not UTF-8 is marked unreadable at its first bad byte. */
export function decodeFile(path: string, name: string, bytes: Uint8Array): SourceFile {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { path, name, text: UTF8.decode(bytes), ...(bom ? { bom } : {}) };
  } catch {
    const text = LOSSY.decode(bytes);
    const gbk = isGbk(bytes);
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const reason = utf16
      ? `文件 ${name} 是 UTF-16 编码;请在编辑器中以 UTF-8 重新保存`
      : gbk
      ? `文件 ${name} 不是 UTF-8 编码(看起来是 GBK/GB2312);请在编辑器中以 UTF-8 重新保存`
      : `文件 ${name} 不是有效的 UTF-8 文本(此处有无法识别的字节);请在编辑器中以 UTF-8 重新保存`;
    return { path, name, text, unreadable: { rule: 'encoding/not-utf8', reason, offset: Math.max(0, text.indexOf('\uFFFD')) } };
  }
}

/** Reads a report folder: every .md file in it (a symlink or an oversized file is marked, not read). */
export function readReport(dir: string): ReportSource {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.md'))
    .map((e) => e.name)
    .sort()
    .map((name): SourceFile => {
      const full = join(dir, name);
      const path = full.split(sep).join('/');
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) {
        return { path, name, text: '', unreadable: { rule: 'report/symlink', reason: `${name} 是符号链接;报告只读取报告文件夹中的普通文件,请把内容复制进来`, offset: 0 } };
      }
      if (stat.size > LIMITS.fileBytes) {
        return { path, name, text: '', unreadable: { rule: 'limit/file-size', reason: `${name} 有 ${stat.size} 字节,超过上限 ${LIMITS.fileBytes} 字节;请拆成几个文件`, offset: 0 } };
      }
      return decodeFile(path, name, readFileSync(full));
    });
  return { dir: dir.split(sep).join('/'), files };
}

/**
 * Resolves the command-line paths to report folders: a report folder (holding index.md), a .md
 * file of one, or a folder containing reports (searched below).
 */
export function findReports(paths: string[]): string[] {
  const found: string[] = [];
  const add = (dir: string) => {
    const clean = dir.replace(/[\\/]+$/u, '') || '.';
    if (!found.includes(clean)) found.push(clean);
  };
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`找不到 ${path}`);
    const stat = statSync(path);
    if (stat.isFile()) {
      if (!path.endsWith('.md')) throw new UsageError(`${path} 不是 Markdown 文件,也不是报告文件夹`);
      add(dirname(path));
      continue;
    }
    if (existsSync(join(path, 'index.md')) || readdirSync(path).some((n) => n.endsWith('.md'))) {
      add(path);
      continue;
    }
    const below = listFiles(path)
      .filter((f) => f.endsWith('/index.md'))
      .map((f) => join(path, dirname(f)));
    if (below.length === 0) throw new UsageError(`${path} 中没有报告(报告文件夹含 index.md)`);
    below.forEach(add);
  }
  return found;
}

/** reports/<dept>/<year − 1>/ beside a report folder named by its year, when it holds a report. */
export function priorReportDir(dir: string): string | undefined {
  const clean = dir.replace(/[\\/]+$/u, '');
  const year = /(\d{4})$/u.exec(clean);
  if (!year) return undefined;
  const prior = join(dirname(clean), String(Number(year[1]) - 1));
  return existsSync(join(prior, 'index.md')) ? prior.split(sep).join('/') : undefined;
}

/** A report as read from disk, with its previous year's. */
export interface ReportInput {
  report: ReportSource;
  prior?: ReportSource;
}

/** Reads a report folder and the previous year's beside it. */
export function readInput(dir: string): ReportInput {
  const prior = priorReportDir(dir);
  return { report: readReport(dir), ...(prior ? { prior: readReport(prior) } : {}) };
}

/** The template packs that apply to these report folders (the nearest templates/ above each). */
export function templatesOf(reportDirs: string[]): TemplateSource[] {
  const dirs = [...new Set(reportDirs.map((d) => templatesFor(d)))];
  return dirs.flatMap((d) => loadTemplates(d, relative(process.cwd(), d).split('\\').join('/') || '.'));
}
