// `juesuan check --fix` on the seed as published: the typed numbers that agree with the data become
// the helpers that print them, shown as a diff first and written only with --write; afterwards the
// report gives the same errors, no unbound literal that was resolved, and narrates word for word
// the text that was typed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { compile, copyReport, edit, remove, summarize } from './helpers/report.js';
import { main } from '../src/cli/main.js';
const FILES = ['explanation.md', 'annex-1.md', 'annex-3.md', 'performance.md'];

/** Runs the CLI in-process, as `juesuan <args>` (the report folders are absolute paths). */
async function run(args: string[]): Promise<{ output: string; status: number }> {
  let output = '';
  const status = await main(args, (s) => (output += s), (s) => (output += s));
  return { output, status };
}

const fixture = parse(readFileSync(join(import.meta.dirname, 'fixtures', 'as-published', 'published.yaml'), 'utf8')) as { errors: { id: string; edits: { file: string; from: string; to: string }[] }[] };
let report = '';
let before: VFile;
let beforeText: Map<string, string>;
let shown = { output: '', status: 0 };
let written = { output: '', status: 0 };
let after: VFile;

const read = (file: string) => readFileSync(join(report, file), 'utf8');
const lines = (vfile: VFile, rule: string) => summarize(vfile, report).filter((l) => l.startsWith(rule));

beforeAll(async () => {
  report = copyReport();
  for (const error of fixture.errors) for (const e of error.edits) edit(report, e.file, e.from, e.to);
  before = compile(report);
  beforeText = new Map(FILES.map((f) => [f, read(f)]));
  shown = await run(['check', report, '--fix']);
  written = await run(['check', report, '--fix', '--write']);
  after = compile(report);
}, 180_000);
afterAll(() => remove(report));

describe('check --fix on the seed as published', () => {
  it('shows the change as a unified diff and writes nothing without --write', () => {
    expect(shown.output).toContain(`--- a/${report}/explanation.md`);
    expect(shown.output).toContain('+本部门2023年度收入总计{{万元 公开01.收入.总计}}');
    expect(shown.output).toMatch(/--fix: 可改写 \d+ 处\(\d 个文件\);加 --write 写入/u);
    // The published errors are still reported, and the exit code says so.
    expect(shown.status).toBe(1);
    expect(written.output).toMatch(/--fix: 已改写 \d+ 处,写入 \d 个文件/u);
    const count = Number(/可改写 (\d+) 处/u.exec(shown.output)![1]);
    expect(count).toBeGreaterThan(100);
    expect(count).toBe(before.data.proseFixes!.length);
  });

  it('rewrites the typed numbers as helpers', () => {
    const text = read('explanation.md');
    expect(text).toContain('比上年减少{{变动额 公开01.收入.本年收入合计 上年.收入.本年收入合计}},下降{{变动率 公开01.收入.本年收入合计 上年.收入.本年收入合计}}');
    expect(text).toContain('完成年初预算的{{完成率 (精确 公开04.支出.本年支出合计.小计 预算执行.决算.支出总额) 预算执行.年初预算.支出总额}}');
    // A number that disagrees is left as it was typed (it is an error to correct, not to hide).
    expect(read('annex-1.md')).toContain('实有人数8人，在职人数:6人');
    expect(text).toContain('评价结果为"优"');
  });

  it('gives the same errors and warnings afterwards, and no prose info left to fix', () => {
    // Rule, file, line and the text found: columns move where a helper replaced a shorter number.
    const problems = (vfile: VFile) =>
      summarize(vfile, report)
        .map((line, i) => ({ line, m: vfile.messages[i]! }))
        .filter(({ line }) => !line.startsWith('info '))
        .map(({ line, m }) => `${line.replace(/:\d+$/u, '')} ${m.actual ?? ''}`);
    expect(problems(after)).toEqual(problems(before));
    expect(problems(before).length).toBeGreaterThanOrEqual(20);
    expect(after.data.proseFixes).toEqual([]);
    // No literal that was resolved is now unbound.
    expect(lines(after, 'prose/unbound-literal')).toEqual(lines(before, 'prose/unbound-literal'));
  });

});

describe('check --fix keeps the published wording', () => {
  it('narrates every file word for word as before', { timeout: 180_000 }, async () => {
    // Without E2 (an unknown key, which stops the narrative), the as-published report narrates.
    const dir = copyReport();
    try {
      for (const error of fixture.errors.filter((e) => e.id !== 'E2')) for (const e of error.edits) edit(dir, e.file, e.from, e.to);
      const first = compile(dir);
      expect(first.data.narration).toBeDefined();
      const fixed = await run(['check', dir, '--fix', '--write']);
      expect(fixed.output).toMatch(/已改写 \d+ 处/u);
      const second = compile(dir);
      expect(readFileSync(join(dir, 'explanation.md'), 'utf8')).not.toEqual(beforeText.get('explanation.md'));
      for (const file of FILES) expect(second.data.narration!.files.get(file), file).toBe(first.data.narration!.files.get(file));
    } finally {
      remove(dir);
    }
  });
});
