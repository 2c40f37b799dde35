// The typed values of data blocks kept between runs (src/data/typed-cache.ts): on the seed and
// both Shanghai reports, a run that reads every block's values back from the cache gives the
// same diagnostics, the same typed values (every Decimal to its last digit, every 尾数 interval)
// and the same 情况说明 as a run without cache; an edited block is validated again; a block with
// a schema error is never kept; a broken entry is a miss.
import { describe, expect, it } from 'vitest';
import type { CompileCache } from '../src/cache.js';
import { priorReportDir, readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/compile-reports.js';
import { compileReport } from '../src/compile.js';
import type { ReportSource } from '../src/parse/report.js';
import type { DataNode } from '../src/data/tree.js';

/** A cache in memory, counting gets that found something, by kind. */
function memory(): { cache: CompileCache; hits: Map<string, number>; store: Map<string, string> } {
  const store = new Map<string, string>();
  const hits = new Map<string, number>();
  return {
    store,
    hits,
    cache: {
      get(kind, key) {
        const text = store.get(`${kind}/${key}`);
        if (text !== undefined) hits.set(kind, (hits.get(kind) ?? 0) + 1);
        return text;
      },
      set: (kind, key, text) => void store.set(`${kind}/${key}`, text),
    },
  };
}

/** Every typed leaf of a block as text: pointer, kind, exact value, interval, source text. */
function leaves(node: DataNode, out: string[] = []): string[] {
  if (node.kind === 'map') for (const child of node.entries.values()) leaves(child, out);
  else if (node.kind === 'list') for (const item of node.items) leaves(item, out);
  else if (node.kind === 'amount') out.push(`${node.where.pointer} amount ${node.value ? `${node.value.yuan.toString()}±${node.value.halfWidth.toString()} ${node.value.unit} ${node.value.decimals}` : 'empty'} ${node.text}`);
  else if (node.kind === 'count' || node.kind === 'score') out.push(`${node.where.pointer} ${node.kind} ${node.value?.toString() ?? 'empty'}`);
  else out.push(`${node.where.pointer} ${node.kind} ${node.text}`);
  return out;
}

function run(dir: string, cache?: CompileCache, edit?: (source: ReportSource) => ReportSource) {
  const prior = priorReportDir(dir);
  const source = edit ? edit(readReport(dir)) : readReport(dir);
  const vfile = compileReport(source, workspaceFor([dir], cache), prior ? readReport(prior) : undefined);
  return {
    messages: vfile.messages.map((m) => `${m.ruleId} ${m.file}:${m.line}:${m.column} ${m.reason}`),
    values: (vfile.data.report?.blocks ?? []).map((b) => [b.kind, b.name ?? '', ...leaves(b.root)].join('\n')),
    prose: JSON.stringify([...(vfile.data.narration?.files ?? [])]),
  };
}

const REPORTS = ['reports/xunyang-digital-economy/2023', 'reports/shanghai-putuo-wenhualvyou/2025', 'reports/shanghai-putuo-shiquanlu/2025'];

describe('typed values kept between runs', () => {
  it.each(REPORTS)('%s: read back from the cache, the same diagnostics, values and 情况说明', (dir) => {
    const uncached = run(dir);
    expect(uncached.values.length).toBeGreaterThan(10);
    const m = memory();
    expect(run(dir, m.cache)).toEqual(uncached);
    const before = m.hits.get('typed') ?? 0;
    expect(run(dir, m.cache)).toEqual(uncached);
    // Every block of the report (and of its prior year, when there is one) came back from the cache.
    expect((m.hits.get('typed') ?? 0) - before).toBeGreaterThanOrEqual(uncached.values.length);
  });

  const seed = REPORTS[0]!;
  const editTables = (from: string, to: string) => (source: ReportSource): ReportSource => ({
    ...source,
    files: source.files.map((f) => (f.name === 'tables.md' ? { ...f, text: f.text.replace(from, to) } : f)),
  });

  it('an edited block is validated again: its new value is read, the others come from the cache', () => {
    const m = memory();
    run(seed, m.cache);
    const edit = editTables('  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 293.47\n  政府性基金');
    const edited = run(seed, m.cache, edit);
    expect(edited).toEqual(run(seed, undefined, edit));
    expect(edited.values.join('\n')).toContain('/收入/一般公共预算财政拨款收入 amount 2934700±50 万元 2 293.47');
  });

  it('a block with a schema error is not kept, and says its error on every run', () => {
    const m = memory();
    const edit = editTables('  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 29 2.90\n  政府性基金');
    const first = run(seed, m.cache, edit);
    expect(first.messages.join('\n')).toContain('amount/space');
    expect(run(seed, m.cache, edit)).toEqual(first);
  });

  it('a broken entry is a miss', () => {
    const m = memory();
    const uncached = run(seed);
    run(seed, m.cache);
    for (const key of m.store.keys()) if (key.startsWith('typed/')) m.store.set(key, '[["/x","amount",[1]]]');
    expect(run(seed, m.cache)).toEqual(uncached);
  });
});
