// The plan of a batch build: the report folders under the given paths (sorted, partial data files
// left out, one shard of them), each compiled, except those whose outputs the build cache calls current.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { compileReport } from '../compile.js';
import { findReports, priorReportDir, readReport } from '../cli/load.js';
import { workspaceFor } from '../cli/compile-reports.js';
import { BuildCache, inputsHash } from './cache.js';

/** One report to print: its compiled VFile, its output name (<dept>-<year>) and its inputs hash. */
export interface Job {
  vfile: VFile;
  name: string;
  hash: string;
}

export interface Shard {
  index: number;
  count: number;
}

export interface Plan {
  jobs: Job[];
  /** Reports skipped because their outputs are current. */
  current: number;
}

/** The reports to build (all of them, or one shard): those whose outputs are current are skipped before they are even compiled. */
export function plan(paths: string[], shard: Shard | undefined, cache: BuildCache, force: boolean): Plan {
  // Partial data files (a previous year's figures) are not printed, and do not count in shards.
  const dirs = findReports(paths)
    .sort()
    .filter((d) => {
      const index = join(d, 'index.md');
      return !existsSync(index) || !/^partial:\s*["']?true["']?\s*$/mu.test(readFileSync(index, 'utf8'));
    });
  const mine = shard ? dirs.filter((_d, i) => i % shard.count === shard.index - 1) : dirs;
  const workspace = workspaceFor(mine.length ? mine : ['.']);
  const jobs: Job[] = [];
  let current = 0;
  for (const dir of mine) {
    const source = readReport(dir);
    const priorDir = priorReportDir(dir);
    const prior = priorDir ? readReport(priorDir) : undefined;
    const templateName = /^template:\s*(\S+)\s*$/mu.exec(source.files.find((f) => f.name === 'index.md')?.text ?? '')?.[1] ?? '';
    const hash = inputsHash(source, prior, workspace.templates.get(templateName), '');
    const name = `${basename(dirname(resolve(dir)))}-${basename(resolve(dir))}`;
    // Unchanged inputs, current outputs: this report was checked and printed already.
    if (!force && cache.current(name, hash)) {
      current++;
      continue;
    }
    const vfile = compileReport(source, workspace, prior);
    if (vfile.data.frontMatter?.partial) continue;
    jobs.push({ vfile, name: `${basename(dirname(resolve(dir)))}-${vfile.data.frontMatter?.year ?? basename(dir)}`, hash });
  }
  return { jobs, current };
}
