// Exact printed zeros: a pack may say that a printed 0 / 0.00 is an exact zero (Shanghai prints 0.00
// in every empty cell). Without it each 0.00 adds ±0.005 of 尾数 slack: 公开01's 本年支出合计 printed
// with its 23 empty 类 rows as 0.00 would hide a 0.10 error inside ±0.135.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/message.js';
import { compile, edit, reportCopies } from './helpers/report.js';

const copies = reportCopies();
afterAll(() => copies.removeAll());

/** The seed with every empty 类 row of 公开01 支出 printed 0.00 and 本年支出合计 off by +0.10. */
function shanghaiStyle(template: { exactZeros?: boolean; t01?: boolean }): Diagnostic | undefined {
  const dir = copies.copy();
  const path = join(dir, 'tables.md');
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('```yaml data=公开01');
  const end = text.indexOf('```', start + 3);
  const block = text.slice(start, end).replace(/^( {2}\d{3} [^:\n]+):$/gmu, '$1: 0.00');
  writeFileSync(path, text.slice(0, start) + block + text.slice(end));
  edit(dir, 'tables.md', '  本年支出合计: 292.90\n  结余分配:\n  年末结转和结余:\n  总计: 292.90', '  本年支出合计: 293.00\n  结余分配:\n  年末结转和结余:\n  总计: 293.00');
  const pack = join(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023');
  if (template.exactZeros !== undefined) edit(pack, 'template.yaml', 'print:\n', `check:\n  exactZeros: ${template.exactZeros}\nprint:\n`);
  if (template.t01 !== undefined) edit(pack, 'tables/t01.yaml', 'layout: ledger\n', `layout: ledger\nexactZeros: ${template.t01}\n`);
  const vfile = compile(dir);
  const line = readFileSync(path, 'utf8').slice(0, readFileSync(path, 'utf8').indexOf('  本年支出合计: 293.00')).split('\n').length;
  return (vfile.messages as Diagnostic[]).find((m) => m.ruleId === 'balance/row-sum' && m.line === line);
}

describe('exact printed zeros', () => {
  it('by default, 26 rows at ±0.005 hide a 0.10 error in the total as 尾数', () => {
    const found = shanghaiStyle({})!;
    expect(found.severity).toBe('info');
    expect(found.tolerance).toBe('0.135');
    expect(found.difference).toBe('0.09');
  });

  it('with check.exactZeros the 0.00 rows are exact and the total is wrong', () => {
    const found = shanghaiStyle({ exactZeros: true })!;
    expect(found.severity).toBe('error');
    expect(found.tolerance).toBe('0.02');
    expect(found.reason).toContain('公开01「本年支出合计」应等于各组成行之和');
  });

  it('a table may override the template', () => {
    expect(shanghaiStyle({ exactZeros: true, t01: false })!.severity).toBe('info');
    expect(shanghaiStyle({ exactZeros: false, t01: true })!.severity).toBe('error');
  });
});
