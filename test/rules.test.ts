// The rule catalogue: the README lists every rule as generated from the rule data, and every
// rule id the checker emits on the test fixtures is in the catalogue.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeWithRules, rulesTable } from '../src/cli/rules.js';
import { BUILT_IN_RULES } from '../src/check/catalog.js';
import { ROOT } from './helpers/report.js';

describe('rule catalogue', () => {
  it('the README rule table is the generated one', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readmeWithRules(readme, rulesTable())).toBe(readme);
    expect(readme).toContain('| `balance/row-sum` |');
    expect(readme).toContain('| `cross/01-03-class` |');
  });

  it('rule ids are unique and well formed', () => {
    const ids = BUILT_IN_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z0-9-]+$/u);
  });

  it('every rule id emitted in the source is catalogued', () => {
    const table = rulesTable();
    const sources = ['check/relations.ts', 'check/perf.ts', 'check/prose.ts', 'check/prose/verdicts.ts', 'check/prose/lists.ts', 'check/table-rules.ts', 'check/template-rules.ts', 'data/tables.ts', 'data/read.ts', 'data/front-matter.ts', 'parse/report.ts', 'parse/yaml-index.ts', 'parse/text-checks.ts', 'cli/load.ts', 'schema/errors.ts', 'amount/parse.ts', 'schema/registry.ts', 'compile.ts', 'template/load.ts', 'orchestrate/batch.ts', 'orchestrate/print-report.ts', 'render/document.ts', 'narrate/render.ts', 'narrate/helpers.ts', 'narrate/phrases.ts'];
    const emitted = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(join(ROOT, 'src', file), 'utf8');
      for (const m of text.matchAll(/(?:rule|id):\s*'([a-z]+\/[a-z0-9-]+)'/gu)) emitted.add(m[1]!);
      for (const m of text.matchAll(/rule = '([a-z]+\/[a-z0-9-]+)'/gu)) emitted.add(m[1]!);
      for (const m of text.matchAll(/(?:NarrateError|PhraseError)\('([a-z]+\/[a-z0-9-]+)'/gu)) emitted.add(m[1]!);
    }
    expect(emitted.size).toBeGreaterThan(30);
    for (const id of emitted) expect(table, id).toContain(`\`${id}\``);
  });
});
