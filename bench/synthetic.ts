// Benchmark input: N synthetic reports made from the seed, each its own department (its name and
// folder), with the seed's figures. (Scaling the seed's amounts does not keep it valid: its 元
// figures are exact and its 万元 tables carry their own 尾数 differences, so any factor breaks one or
// the other; every synthetic report here checks clean, which the generator verifies.)
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileReport } from '../src/compile.js';
import { readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/compile-reports.js';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = join(ROOT, 'reports', 'xunyang-digital-economy');
const NAME = 'department: 九江市浔阳区数字经济发展中心';

/** Writes `n` synthetic reports (with their 2022 data files) in a new temporary repository. */
export function makeSyntheticReports(n: number): { root: string; dirs: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-synthetic-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  const dirs: string[] = [];
  for (let i = 1; i <= n; i++) {
    const dept = join(root, 'reports', `synthetic-${String(i).padStart(3, '0')}`);
    cpSync(SEED, dept, { recursive: true });
    for (const year of ['2022', '2023']) {
      const index = join(dept, year, 'index.md');
      writeFileSync(index, readFileSync(index, 'utf8').replace(NAME, `${NAME}(样本${i})`));
    }
    dirs.push(join(dept, '2023'));
  }
  const first = dirs[0];
  if (first) {
    const vfile = compileReport(readReport(first), workspaceFor([first]), readReport(join(first, '..', '2022')));
    const bad = vfile.messages.find((m) => m.fatal === true || m.fatal === false);
    if (bad) throw new Error(`synthetic report is not valid: ${bad.ruleId} ${bad.reason}`);
  }
  return { root, dirs };
}
