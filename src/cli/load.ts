// Reads from disk what the compiler needs: a report folder's Markdown, the schemas and the
// templates. The only module besides print/ that touches the file system.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportSource } from '../parse/report.js';
import type { TemplateSource } from '../template/load.js';
import { createWorkspace, type Workspace } from '../workspace.js';
import type { CompileCache } from '../cache.js';

/** The juesuan package root (holding schemas/ and templates/). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

import { UsageError } from './usage.js';

export { UsageError };

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else if (entry.isFile()) out.push(relative(base, full).split(sep).join('/'));
  }
  return out;
}

/** Every JSON schema under schemas/ (hand-written and generated). */
export function loadSchemas(root = PACKAGE_ROOT): object[] {
  const dir = join(root, 'schemas');
  return listFiles(dir)
    .filter((f) => f.endsWith('.schema.json') && !f.startsWith('generated/'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as object);
}

/** Every template folder under a templates/ directory. */
export function loadTemplates(templatesDir: string, display: string): TemplateSource[] {
  if (!existsSync(templatesDir)) return [];
  return readdirSync(templatesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      const dir = join(templatesDir, e.name);
      const files = new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      return { name: e.name, dir: `${display}/${e.name}`, files };
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

/** Reads a report folder: every .md file in it. */
export function readReport(dir: string): ReportSource {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const full = join(dir, name);
      return { path: join(dir, name).split(sep).join('/'), name, text: readFileSync(full, 'utf8') };
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

/** Builds a workspace for the given report folders (their templates, juesuan's schemas), with a compile cache when given. */
export function workspaceFor(reportDirs: string[], cache?: CompileCache): Workspace {
  const dirs = [...new Set(reportDirs.map((d) => templatesFor(d)))];
  const templates = dirs.flatMap((d) => loadTemplates(d, relative(process.cwd(), d).split('\\').join('/') || '.'));
  return createWorkspace(loadSchemas(), templates, cache);
}
