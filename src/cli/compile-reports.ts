// Compiles the reports named on the command line: reads each (with the previous year's, when the
// repository has it), builds the workspace of their templates and juesuan's schemas, compiles.
// The commands that need the compiled data (check on a memo miss, fix, explain, narrate) load this.
import type { VFile } from 'vfile';
import { compileReport } from '../compile.js';
import type { CompileCache } from '../cache.js';
import { createWorkspace, type Workspace } from '../workspace.js';
import { diskCache } from './compile-cache.js';
import { findReports, loadSchemas, readInput, templatesOf, type ReportInput } from './load.js';

/** Builds a workspace for the given report folders (their templates, juesuan's schemas), with a compile cache when given. */
export function workspaceFor(reportDirs: string[], cache?: CompileCache, templates = templatesOf(reportDirs)): Workspace {
  return createWorkspace(loadSchemas(), templates, cache);
}

/** Compiles reports already read, in one workspace. */
export function compileInputs(inputs: ReportInput[], workspace: Workspace): VFile[] {
  return inputs.map(({ report, prior }) => compileReport(report, workspace, prior));
}

/** Compiles every report named on the command line (with the previous year's, when present). */
export function compilePaths(paths: string[]): VFile[] {
  const dirs = findReports(paths);
  return compileInputs(dirs.map(readInput), workspaceFor(dirs, diskCache()));
}
