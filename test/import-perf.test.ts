// juesuan import of the 绩效 forms: the seed's twelve 项目支出绩效自评表 and its 部门整体支出绩效自评表
// (test/fixtures/workbooks/xunyang-2023-perf.xlsx: a sheet per project, two stacked in one) into a
// copy whose 绩效 amounts and scores are blank, found by the template's layouts and 项目名称.
// The layouts are stream print's (templates/*/layouts/); until they are on main, the test copies
// them from test/fixtures/layouts into its copy of the template.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/cli/import.js';
import type { DataNode } from '../src/data/tree.js';
import { blankValues } from './helpers/blank.js';
import { compile, edit, reportCopies, ROOT } from './helpers/report.js';

const BOOK = join(ROOT, 'test', 'fixtures', 'workbooks', 'xunyang-2023-perf.xlsx');
const copies = reportCopies();
afterAll(() => copies.removeAll());

function withLayouts(dir: string): string {
  const layouts = join(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023', 'layouts');
  if (!existsSync(layouts)) cpSync(join(ROOT, 'test', 'fixtures', 'layouts'), layouts, { recursive: true });
  return dir;
}

function values(node: DataNode, path: string, out: Record<string, string>): Record<string, string> {
  if (node.kind === 'map') for (const [k, v] of node.entries) values(v, `${path}.${k}`, out);
  else if (node.kind === 'list') node.items.forEach((v, i) => values(v, `${path}.${i}`, out));
  else if (node.kind === 'amount' || node.kind === 'score' || node.kind === 'count') out[path] = node.text;
  return out;
}

function perfValues(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of compile(dir).data.report!.blocks) if (b.kind === '项目绩效' || b.kind === '部门整体绩效') values(b.root, `${b.kind}[${b.name ?? ''}]`, out);
  return out;
}

const isPerf = (kind: string) => kind === '项目绩效' || kind === '部门整体绩效';

describe('import of the 绩效 forms', () => {
  it('fills every amount and score of the 13 forms back, as the seed has them', () => {
    const seed = withLayouts(copies.copy());
    const dir = blankValues(withLayouts(copies.copy()), isPerf);
    expect(perfValues(dir)).not.toEqual(perfValues(seed));
    let output = '';
    const status = runImport([BOOK], { into: dir, dryRun: false, force: false }, (s) => (output += s));
    expect(status, output).toBe(0);
    expect(output.match(/^项目绩效「.*」 ← .*!A1$/gmu)?.length).toBe(12);
    expect(output).toMatch(/^项目绩效「赣服通5\.0版九江市县分厅建设经费」 ← 项目2!A1$/mu);
    expect(output).toMatch(/^部门整体绩效 ← 部门整体!A2$/mu);
    expect(perfValues(dir)).toEqual(perfValues(seed));
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name), 'utf8'), name).toBe(readFileSync(join(seed, name), 'utf8'));
  });

  it('a score over its 分值 is refused at its cell, nothing written', () => {
    const dir = blankValues(withLayouts(copies.copy()), isPerf);
    const wb = XLSX.read(readFileSync(BOOK));
    wb.Sheets['项目1']!['H11'] = { t: 'n', v: 6, z: '0' };
    const path = join(dir, '..', 'perf-bad.xlsx');
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array);
    const before = readFileSync(join(dir, 'performance.md'), 'utf8');
    let output = '';
    const status = runImport([path], { into: dir, dryRun: false, force: false }, (s) => (output += s));
    expect(status).toBe(1);
    expect(output).toMatch(/perf-bad\.xlsx:项目1!H11 {2}错误 {2}.*perf\/score-over-weight/u);
    expect(readFileSync(join(dir, 'performance.md'), 'utf8')).toBe(before);
  });

  it('an indicator or a project the report does not have is named at its cell', () => {
    const dir = withLayouts(copies.copy());
    const first = readFileSync(join(dir, 'performance.md'), 'utf8').match(/项目名称: 赣服通5\.0版九江市县分厅建设经费[\s\S]*?- 三级指标: (.*)/u)![1]!;
    edit(dir, 'performance.md', `- 三级指标: ${first}\n`, `- 三级指标: ${first}（改）\n`);
    const text = readFileSync(join(dir, 'performance.md'), 'utf8').replace('项目名称: 信息系统通信、运维费', '项目名称: 信息系统运维费');
    writeFileSync(join(dir, 'performance.md'), text);
    let output = '';
    const status = runImport([BOOK], { into: dir, dryRun: true, force: false }, (s) => (output += s));
    expect(status).toBe(1);
    expect(output).toMatch(/xunyang-2023-perf\.xlsx:项目2!D11 {2}错误 {2}项目支出绩效自评表「赣服通5\.0版九江市县分厅建设经费」: 报告中没有三级指标/u);
    expect(output).toMatch(/xunyang-2023-perf\.xlsx:项目1!C3 {2}错误 {2}项目支出绩效自评表: 报告中没有项目「信息系统通信、运维费」的「项目绩效」数据块;是否为「信息系统运维费」\? {2}import\/unknown-project/u);
  });
});
