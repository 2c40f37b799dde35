// Derived figures as pack data: templates/<t>/derived.yaml defines them (path, expression, kind),
// the seed's figures are the published ones, and a malformed entry is a diagnostic in the pack file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSchemas } from '../src/cli/load.js';
import { SchemaRegistry } from '../src/schema/registry.js';
import { compile, edit, reportCopies, ROOT, SEED_REPORT, summarize } from './helpers/report.js';

const copies = reportCopies();
afterAll(() => copies.removeAll());
const PACK = join(ROOT, 'templates', 'jiangxi-county-2023');

describe('derived.yaml', () => {
  it('validates against schemas/derived.schema.json', () => {
    const registry = new SchemaRegistry(loadSchemas());
    const { errors } = registry.validate(registry.compile('https://juesuan.dev/schemas/derived.schema.json'), parse(readFileSync(join(PACK, 'derived.yaml'), 'utf8')), '万元');
    expect(errors).toEqual([]);
  });

  it('gives the seed its published figures', () => {
    const d = compile(SEED_REPORT).data.report!.derived;
    const value = (path: string) => d.get(path)?.value as Decimal | { yuan: Decimal } | null;
    expect(String(value('机构.人员.实有人数'))).toBe('9');
    expect((value('预算执行.决算.支出总额') as { yuan: Decimal }).yuan.toString()).toBe('2929015.4');
    expect((value('预算执行.执行率') as Decimal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()).toBe('52.07');
    expect(d.get('部门整体绩效.等级')?.text).toBe('良');
    expect(String(value('部门整体绩效.总分'))).toBe('84.22');
    expect(String(value('项目绩效.数量'))).toBe('13');
    expect(['优', '良', '中', '差'].map((g) => String(value(`项目绩效.等级计数.${g}`)))).toEqual(['6', '2', '4', '1']);
    expect((value('项目绩效.[赣服通5.0版九江市县分厅建设经费].执行率') as Decimal).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()).toBe('94.44');
  });

  it('reports a malformed expression at its place in derived.yaml, and derives the rest', () => {
    const dir = copies.copy();
    const pack = join(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023');
    const text = readFileSync(join(pack, 'derived.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('path: 政府采购.总额')) + 1;
    edit(pack, 'derived.yaml', "value: 'sum(政府采购.货物, 政府采购.工程, 政府采购.服务)'", "value: 'sum(政府采购.货物, 政府采购.工程, 政府采购.服务'");
    const vfile = compile(dir);
    const found = summarize(vfile, dir).filter((l) => l.includes('derived.yaml'));
    expect(found).toEqual([`template/invalid templates/jiangxi-county-2023/derived.yaml:${line}:${text.split('\n')[line - 1]!.indexOf("'sum(") + 2 + 29}`]);
    expect(vfile.data.report!.derived.has('政府采购.总额')).toBe(false);
    expect(vfile.data.report!.derived.has('政府采购.中小企业.合计')).toBe(true);
  });
});
