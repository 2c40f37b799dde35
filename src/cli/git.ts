// Reads a report folder as it was at a git revision (`<rev>:<folder>`), without a checkout, and
// lists the report folders a change touches (for `juesuan diff --base`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ReportSource } from '../parse/report.js';
import { UsageError } from './load.js';

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new UsageError(`git ${args.join(' ')} 失败: ${(e.stderr ?? e.message).trim().split('\n')[0]}`);
  }
}

/** The repository's top folder. */
export function repoRoot(cwd = process.cwd()): string {
  return git(['rev-parse', '--show-toplevel'], cwd).trim();
}

/** `<rev>:<folder>` when the argument names one (and is not an existing path). */
export function parseRevSide(arg: string): { rev: string; folder: string } | undefined {
  if (existsSync(arg)) return undefined;
  const m = /^([^:]+):(.+)$/u.exec(arg);
  return m ? { rev: m[1]!, folder: m[2]! } : undefined;
}

/** A report folder at a revision, read through `git show`. */
export function readReportAt(rev: string, folder: string, cwd = process.cwd()): ReportSource {
  const root = repoRoot(cwd);
  const path = relative(root, resolve(cwd, folder)).split(sep).join('/');
  const names = git(['ls-tree', '--name-only', `${rev}:${path}`], root)
    .split('\n')
    .filter((n) => n.endsWith('.md'))
    .sort();
  if (names.length === 0) throw new UsageError(`${rev} 中没有报告 ${path}`);
  const files = names.map((name) => ({ path: `${rev}:${path}/${name}`, name, text: git(['show', `${rev}:${path}/${name}`], root) }));
  return { dir: `${rev}:${path}`, files };
}

/** Whether a report folder exists at a revision. */
export function existsAt(rev: string, folder: string, cwd = process.cwd()): boolean {
  const root = repoRoot(cwd);
  const path = relative(root, resolve(cwd, folder)).split(sep).join('/');
  try {
    execFileSync('git', ['cat-file', '-e', `${rev}:${path}/index.md`], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The report folders (reports/<dept>/<year>) with changes since a revision. */
export function changedReports(rev: string, cwd = process.cwd()): string[] {
  const root = repoRoot(cwd);
  const changed = git(['diff', '--name-only', rev, '--', 'reports'], root).split('\n').filter(Boolean);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '--', 'reports'], root).split('\n').filter(Boolean);
  const dirs = new Set<string>();
  for (const file of [...changed, ...untracked]) {
    let dir = dirname(file);
    while (dir !== '.' && !existsSync(join(root, dir, 'index.md')) && dir.split('/').length > 3) dir = dirname(dir);
    if (dir.split('/').length === 3) dirs.add(dir);
  }
  return [...dirs].sort().map((d) => relative(cwd, join(root, d)) || '.');
}
