// The compile cache never hides an edit: a report checked through a warm cache gives what a run
// without cache gives, and after an edit of the template (a block schema, a rule, a narrative
// partial) or of the report the next run sees the edit. A corrupt entry is a miss, never an error.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompileCache } from '../src/cache.js';
import { diskCache } from '../src/cli/compile-cache.js';
import { priorReportDir, readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/compile-reports.js';
import { compileReport } from '../src/compile.js';
import { copyReport, remove, summarize } from './helpers/report.js';

const dir = copyReport();
const templateDir = resolve(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023');
const root = mkdtempSync(join(tmpdir(), 'juesuan-cache-'));

afterAll(() => {
  remove(dir);
  rmSync(root, { recursive: true, force: true });
});

/** The disk cache in `root`, counting the entries it gave back that an earlier run stored (not this one). */
function counted(): { cache: CompileCache; hits: () => number } {
  const disk = diskCache(root)!;
  const written = new Set<string>();
  let hits = 0;
  return {
    cache: {
      get(kind, key) {
        const text = disk.get(kind, key);
        if (text !== undefined && !written.has(`${kind}/${key}`)) hits++;
        return text;
      },
      set: (kind, key, text) => {
        written.add(`${kind}/${key}`);
        disk.set(kind, key, text);
      },
    },
    hits: () => hits,
  };
}

/** Checks the copy (with its prior year) as `juesuan check` does: diagnostics and the narration's text. */
function run(cache?: CompileCache): { diagnostics: string[]; prose: string } {
  const prior = priorReportDir(dir);
  const vfile = compileReport(readReport(dir), workspaceFor([dir], cache), prior ? readReport(prior) : undefined);
  const diagnostics = summarize(vfile, dir).concat(vfile.messages.map((m) => m.reason));
  return { diagnostics, prose: JSON.stringify([...(vfile.data.narration?.files ?? [])]) };
}

function replaceIn(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text.split(from).length - 1, `${from} in ${path}`).toBe(1);
  writeFileSync(path, text.replace(from, to));
}

describe('compile cache', () => {
  const uncached = run();

  it('a warm cache gives the same result as no cache, from stored entries', () => {
    const first = counted();
    expect(run(first.cache)).toEqual(uncached);
    expect(readdirSync(root).length).toBeGreaterThan(0);
    const second = counted();
    expect(run(second.cache)).toEqual(uncached);
    expect(second.hits()).toBeGreaterThan(first.hits());
  });

  it('sees an edit of a block schema of the template', () => {
    run(counted().cache);
    const schema = join(templateDir, 'blocks', '机构.schema.yaml');
    const before = readFileSync(schema, 'utf8');
    replaceIn(schema, '      required:\n        - 序号\n', '      required:\n        - 序号\n        - 联系电话\n');
    try {
      const edited = run(counted().cache);
      expect(edited).toEqual(run());
      expect(edited.diagnostics.join('\n')).toContain('联系电话');
    } finally {
      writeFileSync(schema, before);
    }
    expect(run(counted().cache)).toEqual(uncached);
  });

  it('sees an edit of a rule and of a narrative partial', () => {
    const rules = join(templateDir, 'rules.yaml');
    replaceIn(rules, '合计行本年收入合计\n    left: 公开01.收入.本年收入合计\n', '合计行本年收入合计(改过的规则)\n    left: 公开01.收入.上级补助收入\n');
    const partial = join(templateDir, 'narrative', '收入决算情况说明.hbs');
    writeFileSync(partial, `${readFileSync(partial, 'utf8')}\n改过的说明句。\n`);
    const edited = run(counted().cache);
    expect(edited).toEqual(run());
    expect(edited.prose).toContain('改过的说明句');
    expect(edited.prose).not.toEqual(uncached.prose);
    expect(edited.diagnostics.join('\n')).toContain('改过的规则');
  });

  it('sees an edit of the report (each file\'s syntax tree is kept by its text)', () => {
    run(counted().cache);
    const tables = join(dir, 'tables.md');
    const before = readFileSync(tables, 'utf8');
    replaceIn(tables, '  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 293.47\n  政府性基金');
    try {
      const edited = run(counted().cache);
      expect(edited).toEqual(run());
      expect(edited.diagnostics.join('\n')).toContain('293.47');
    } finally {
      writeFileSync(tables, before);
    }
  });

  it('takes a corrupt entry for a miss', () => {
    run(counted().cache);
    const corrupt = (folder: string) => {
      for (const name of readdirSync(folder, { withFileTypes: true })) {
        const full = join(folder, name.name);
        if (name.isDirectory()) corrupt(full);
        else {
          // Cut short (a small entry, such as a short YAML region's parse, loses its last character).
          const text = readFileSync(full, 'utf8');
          writeFileSync(full, text.slice(0, Math.min(200, text.length - 1)));
        }
      }
    };
    corrupt(root);
    const again = counted();
    expect(run(again.cache)).toEqual(run());
    expect(again.hits()).toBe(0);
  });
});
