// The seed report as published, with its errors: fixtures/as-published/published.yaml restores
// each published error into a copy of the corrected report and names the diagnostics it must give.
// Every published error is found, at its place, and the corrected report itself checks clean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { compile, copyReport, edit, remove, SEED_REPORT, summarize } from './helpers/report.js';

interface PublishedError {
  id: string;
  what: string;
  seed: number;
  edits: { file: string; from: string; to: string }[];
  expected: string[];
}

const fixture = parse(readFileSync(join(import.meta.dirname, 'fixtures', 'as-published', 'published.yaml'), 'utf8')) as { errors: PublishedError[] };
let report = '';
let vfile: VFile;
let found: string[] = [];

beforeAll(() => {
  report = copyReport();
  for (const error of fixture.errors) for (const e of error.edits) edit(report, e.file, e.from, e.to);
  vfile = compile(report);
  found = summarize(vfile, report);
  // A report with errors is narrated too now: on a loaded machine this takes longer than the default.
}, 120_000);
afterAll(() => remove(report));

describe('the seed as published', () => {
  it('restores at least eight published errors', () => {
    expect(fixture.errors.filter((e) => e.expected.length > 0).length).toBeGreaterThanOrEqual(8);
  });

  for (const error of fixture.errors.filter((e) => e.expected.length > 0)) {
    it(`${error.id}: ${error.what}`, () => {
      const remaining = [...found];
      for (const expected of error.expected) {
        const i = remaining.indexOf(expected);
        expect(i, `${expected} not among:\n${found.join('\n')}`).toBeGreaterThanOrEqual(0);
        remaining.splice(i, 1);
      }
    });
  }

  it('gives at most 15 warnings for its typed prose (71 before the prose vocabulary)', () => {
    const warnings = vfile.messages.filter((m) => m.fatal === false && m.ruleId?.startsWith('prose/'));
    expect(warnings.length).toBeLessThanOrEqual(15);
    // What is left unbound: the contract terms of annex 3 (支付比例100%) with the 0.5万元 of E9, and the
    // 部门评价 funds by 资金来源 (no expression of the pack's language sums by a field's value).
    expect(warnings.filter((m) => m.ruleId === 'prose/unbound-literal').length).toBeLessThanOrEqual(4);
  });

  it('gives no error that the fixture does not expect', () => {
    const expected = fixture.errors.flatMap((e) => e.expected);
    const errors = summarize(vfile, report).filter((_line, i) => vfile.messages[i]!.fatal === true);
    for (const line of errors) expect(expected, `unexpected ${line}`).toContain(line);
  });
});

describe('the corrected seed report', () => {
  it('has no errors and no warnings', () => {
    const corrected = compile(SEED_REPORT);
    const problems = summarize(corrected, SEED_REPORT).filter((line) => !line.startsWith('info '));
    expect(problems).toEqual([]);
  });
});
