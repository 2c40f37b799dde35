// The Shanghai reports as published, with their errors: fixtures/as-published/<report>.yaml restores
// each published error into a copy of the corrected report and names the diagnostics it must give.
// Every published error is found, at its place, and the corrected report itself checks clean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { compile, copyReport, edit, remove, summarize } from './helpers/report.js';
import { SHIQUAN_REPORT, WENLV_REPORT } from './helpers/shanghai.js';

interface PublishedError {
  id: string;
  what: string;
  seed: number;
  edits: { file: string; from: string; to: string }[];
  expected: string[];
  /** The feature of another stream that the diagnostic needs, while it has not landed. */
  awaiting?: string;
}

const REPORTS = [
  { name: '文化和旅游局 2025', fixture: 'shanghai-putuo-wenhualvyou.yaml', dir: WENLV_REPORT },
  { name: '石泉路街道办事处 2025', fixture: 'shanghai-putuo-shiquanlu.yaml', dir: SHIQUAN_REPORT },
];

for (const { name, fixture: file, dir } of REPORTS) {
  const fixture = parse(readFileSync(join(import.meta.dirname, 'fixtures', 'as-published', file), 'utf8')) as { errors: PublishedError[] };

  describe(`${name} as published`, () => {
    let report = '';
    let vfile: VFile;
    let found: string[] = [];
    beforeAll(() => {
      report = copyReport(dir);
      for (const error of fixture.errors) for (const e of error.edits) edit(report, e.file, e.from, e.to);
      vfile = compile(report);
      found = summarize(vfile, report);
    });
    afterAll(() => remove(report));

    for (const error of fixture.errors) {
      it.skipIf(error.awaiting !== undefined)(`${error.id}: ${error.what}${error.awaiting ? ` (awaiting ${error.awaiting})` : ''}`, () => {
        expect(error.expected.length).toBeGreaterThan(0);
        const remaining = [...found];
        for (const expected of error.expected) {
          const i = remaining.indexOf(expected);
          expect(i, `${expected} not among:\n${found.join('\n')}`).toBeGreaterThanOrEqual(0);
          remaining.splice(i, 1);
        }
      });
    }

    it('gives no error that the fixture does not expect', () => {
      const expected = fixture.errors.flatMap((e) => e.expected);
      const errors = found.filter((_line, i) => vfile.messages[i]!.fatal === true);
      for (const line of errors) expect(expected, `unexpected ${line}`).toContain(line);
    });
  });

  describe(`${name} corrected`, () => {
    it('has no errors and no warnings', () => {
      const problems = summarize(compile(dir), dir).filter((line) => !line.startsWith('info '));
      expect(problems).toEqual([]);
    });
  });
}
