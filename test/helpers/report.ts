// Test helpers: copy the seed report to a temporary folder, change it, and check it in-process.
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { compileReport } from '../../src/compile.js';
import { priorReportDir, readReport } from '../../src/cli/load.js';
import { workspaceFor } from '../../src/cli/compile-reports.js';
import type { Diagnostic } from '../../src/diagnostics/message.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SEED_REPORT = join(ROOT, 'reports', 'xunyang-digital-economy', '2023');
/** The seed as published (text from its PDF), kept in the repository: tests never read outside it. */
export const SEED_TEXT = join(ROOT, 'test', 'fixtures', 'published', 'xunyang-2023.txt');

/** A temporary copy of a report (with its department's other years), in a temporary repository with juesuan's templates. */
export function copyReport(from = SEED_REPORT): string {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-test-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  cpSync(dirname(from), join(root, 'reports', 'dept'), { recursive: true });
  return join(root, 'reports', 'dept', basename(from));
}

/** Replaces one exact text in a file of a report (the text must occur exactly once). */
export function edit(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one「${from}」in ${file}, found ${count}`);
  writeFileSync(path, text.replace(from, to));
}

/** Compiles a report folder in-process, with the previous year's report when there is one. */
export function compile(dir: string): VFile {
  const prior = priorReportDir(dir);
  return compileReport(readReport(dir), workspaceFor([dir]), prior ? readReport(prior) : undefined);
}

/** `rule file:line:column` for each diagnostic, file relative to the report folder. */
export function summarize(vfile: VFile, dir: string): string[] {
  return (vfile.messages as Diagnostic[]).map((m) => {
    const start = m.place && 'start' in m.place ? m.place.start : m.place;
    const file = (m.file ?? '').replace(`${dir}/`, '');
    const severity = m.fatal === undefined || m.fatal === null ? 'info ' : '';
    return `${severity}${m.ruleId} ${file}:${start?.line ?? 0}:${start?.column ?? 0}`;
  });
}

export function remove(dir: string): void {
  rmSync(resolve(dir, '..', '..', '..'), { recursive: true, force: true });
}

/** Copies of the seed for one test file: `copy()` makes one, `removeAll()` (in afterAll) removes them. */
export function reportCopies(): { copy(): string; removeAll(): void } {
  const made: string[] = [];
  return {
    copy() {
      const dir = copyReport();
      made.push(dir);
      return dir;
    },
    removeAll() {
      made.forEach(remove);
    },
  };
}
