// The fixture workbooks in test/fixtures/workbooks/ are what test/workbooks/generate.ts makes:
// regenerated here byte for byte (JUESUAN_WRITE_WORKBOOKS=1 writes them instead).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureWorkbooks } from './workbooks/generate.js';
import { ROOT } from './helpers/report.js';

const DIR = join(ROOT, 'test', 'fixtures', 'workbooks');

describe('fixture workbooks', () => {
  const made = fixtureWorkbooks();
  if (process.env.JUESUAN_WRITE_WORKBOOKS) for (const [name, bytes] of made) writeFileSync(join(DIR, name), bytes);
  for (const [name, bytes] of made) {
    it(`${name} is what the generator makes`, () => {
      expect(existsSync(join(DIR, name))).toBe(true);
      expect(Buffer.compare(readFileSync(join(DIR, name)), Buffer.from(bytes))).toBe(0);
    });
  }
});
