// Block kinds as template data: each case in fixtures/bad-pack/ breaks the jiangxi pack's block
// declarations in one way and lists the diagnostics it must produce at the pack file's place (never
// an internal error); a kind that a pack adds with its own schema is validated like any other; the
// generated schemas for editors have $refs that resolve to files of the repository.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, copyReport, edit, remove, ROOT, summarize } from './helpers/report.js';

interface Case {
  edits: { file: string; from: string; to: string }[];
  expected: string[];
  message: string;
}

const dir = join(import.meta.dirname, 'fixtures', 'bad-pack');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f.replace(/\.yaml$/u, ''), parse(readFileSync(join(dir, f), 'utf8')) as Case] as const);
const made: string[] = [];
afterAll(() => made.forEach(remove));

/** `rule file:line:column`, the file from its templates/ folder on (or relative to the report). */
function lines(report: string): string[] {
  return summarize(compile(report), report).map((l) => l.replace(/ \S*?(templates\/)/u, ' $1'));
}

describe('a broken block declaration is a template error at its place', () => {
  for (const [name, c] of cases) {
    it(name, () => {
      const report = copyReport();
      made.push(report);
      const root = resolve(report, '..', '..', '..');
      for (const e of c.edits) edit(root, e.file, e.from, e.to);
      const vfile = compile(report);
      // Infos (consistent sums that are not exact) belong to the seed itself, not to the pack.
      expect(lines(report).filter((l) => !l.startsWith('info '))).toEqual(c.expected);
      expect(vfile.messages.map((m) => m.reason).join('\n')).toContain(c.message);
      expect(vfile.messages.map((m) => m.reason).join('\n')).not.toContain('内部错误');
    });
  }
});

describe('a kind of the pack\'s own', () => {
  it('is validated by the schema the pack gives it', () => {
    const report = copyReport();
    made.push(report);
    const pack = join(resolve(report, '..', '..', '..'), 'templates', 'jiangxi-county-2023');
    edit(pack, 'template.yaml', 'optional: [部门评价, 上年]', 'optional: [部门评价, 上年, 统计]');
    edit(pack, 'template.yaml', '    上年: blocks/上年.schema.yaml\n', '    上年: blocks/上年.schema.yaml\n    统计: blocks/统计.schema.yaml\n');
    writeFileSync(
      join(pack, 'blocks', '统计.schema.yaml'),
      ['type: object', 'properties:', '  车辆: {$ref: ../../../schemas/common.schema.json#/$defs/count}', '  资产总额: {$ref: ../../../schemas/common.schema.json#/$defs/amount}', 'additionalProperties: false', ''].join('\n'),
    );
    const explanation = readFileSync(join(report, 'explanation.md'), 'utf8');
    writeFileSync(join(report, 'explanation.md'), `${explanation}\n\`\`\`yaml data=统计\n车辆: 4\n资产总额: 12.5x\n车俩: 1\n\`\`\`\n`);
    const at = explanation.split('\n').length + 1;
    const found = lines(report).filter((l) => !l.startsWith('info ')).sort();
    expect(found).toEqual([`amount/format explanation.md:${at + 2}:7`, `schema/unknown-key explanation.md:${at + 3}:1`]);
  });
});

describe('the generated schemas for editors', () => {
  const generated = join(ROOT, 'schemas', 'generated');
  const files = readdirSync(generated, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.schema.json'));

  it('cover every block kind of the pack, tables and others', () => {
    const kinds = files.filter((f) => f.startsWith('jiangxi-county-2023/')).map((f) => f.slice('jiangxi-county-2023/'.length, -'.schema.json'.length));
    expect(kinds).toEqual(expect.arrayContaining(['公开01', '公开10', '机构', '上年', '项目绩效', '预算执行']));
  });

  it('have $refs that resolve to files of the repository', () => {
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(join(generated, file), 'utf8');
      for (const [, ref] of text.matchAll(/"\$ref": "([^"]+)"/gu)) {
        const [path, pointer = ''] = ref!.split('#');
        const target = path ? resolve(dirname(join(generated, file)), path) : join(generated, file);
        expect(existsSync(target), `${file}: ${ref}`).toBe(true);
        let at: unknown = JSON.parse(readFileSync(target, 'utf8'));
        for (const part of pointer.split('/').filter(Boolean)) at = (at as Record<string, unknown>)[part];
        expect(at, `${file}: ${ref}`).toBeTypeOf('object');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
