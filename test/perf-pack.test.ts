// The 绩效 rules read the pack: only the block kinds template.yaml declares 绩效 tables
// (performance.tables) are checked as such, with the field names it declares.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compile, edit, reportCopies, summarize } from './helpers/report.js';

const copies = reportCopies();
afterAll(() => copies.removeAll());

/** The seed with the published E3 error: a cost indicator's 实际完成值 258054 against 执行数 250854元. */
function withE3(tables?: string): string[] {
  const dir = copies.copy();
  edit(dir, 'performance.md', '        实际完成值: 250854  # seed prints 258054; corrected: digit swap, the target is =250854元 and 执行数 is 25.0854万元 = 250854元, 得分 20/20\n', '        实际完成值: 258054\n');
  if (tables) edit(join(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023'), 'template.yaml', '  tables: {项目绩效: project, 部门整体绩效: whole, 部门评价: evaluation}\n', `  tables: ${tables}\n`);
  return summarize(compile(dir), dir).filter((l) => l.startsWith('perf/'));
}

describe('绩效 tables as the pack declares them', () => {
  it('checks the project tables the pack names', () => {
    expect(withE3()).toEqual(['perf/cost-actual performance.md:234:8', 'perf/score-vs-target performance.md:249:16']);
  });

  it('a kind the pack does not declare a 绩效 table is not checked as one', () => {
    expect(withE3('{部门整体绩效: whole, 部门评价: evaluation}')).toEqual([]);
  });
});
