// Bad input: each case in fixtures/bad-input/ changes the seed report in one way and lists the
// diagnostics it must produce (rule id and file:line:column), next to the input it describes.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, copyReport, edit, remove, summarize } from './helpers/report.js';

interface Case {
  edits?: { file: string; from: string; to: string }[];
  delete?: string[];
  write?: Record<string, string>;
  expected: string[];
  message?: string;
}

const dir = join(import.meta.dirname, 'fixtures', 'bad-input');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f.replace(/\.yaml$/u, ''), parse(readFileSync(join(dir, f), 'utf8')) as Case] as const);
const made: string[] = [];

afterAll(() => made.forEach(remove));

describe('bad input', () => {
  it('has at least 12 kinds of bad input', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const [name, c] of cases) {
    it(name, () => {
      const report = copyReport();
      made.push(report);
      for (const e of c.edits ?? []) edit(report, e.file, e.from, e.to);
      for (const f of c.delete ?? []) rmSync(join(report, f));
      for (const [f, text] of Object.entries(c.write ?? {})) writeFileSync(join(report, f), text);
      const vfile = compile(report);
      // Infos (consistent sums that are not exact) belong to the seed itself, not to the bad input.
      expect(summarize(vfile, report).filter((line) => !line.startsWith('info ')).sort()).toEqual([...c.expected].sort());
      if (c.message) expect(vfile.messages.map((m) => m.reason).join('\n')).toContain(c.message);
      expect(vfile.messages.some((m) => m.fatal === true)).toBe(true);
    });
  }
});
