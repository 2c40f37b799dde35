// Each YAML region's parse (plain tree, index, issues) is kept in the compile cache: a region read
// back from the cache is the one parsed, `check` says the same with and without the cache, the plain
// tree's value is yaml's failsafe toJS(), a broken entry is a miss, and an edit re-parses one block.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import type { CompileCache } from '../src/cache.js';
import { loadSchemas, loadTemplates, priorReportDir, readReport, templatesFor } from '../src/cli/load.js';
import { compileReport } from '../src/compile.js';
import { parseMarkdown, type SourceFile, type YamlRegion } from '../src/parse/markdown.js';
import { checkText } from '../src/parse/text-checks.js';
import { documentOf, parseYaml } from '../src/parse/yaml-index.js';
import { plainToJS } from '../src/parse/yaml-tree.js';
import { createWorkspace } from '../src/workspace.js';
import { cases } from './helpers/bad-input-suite.js';
import { expand } from './helpers/bad-case.js';
import { ROOT, SEED_REPORT } from './helpers/report.js';

const REPORTS = [SEED_REPORT, join(ROOT, 'reports/xunyang-digital-economy/2022'), join(ROOT, 'reports/shanghai-putuo-shiquanlu/2025'), join(ROOT, 'reports/shanghai-putuo-wenhualvyou/2025')];

/** A compile cache in memory, counting what it is asked and given, per kind. */
function memoryCache(): CompileCache & { entries: Map<string, string>; gets: Map<string, number>; hits: Map<string, number>; sets: Map<string, number> } {
  const entries = new Map<string, string>();
  const gets = new Map<string, number>();
  const hits = new Map<string, number>();
  const sets = new Map<string, number>();
  const bump = (m: Map<string, number>, kind: string) => m.set(kind, (m.get(kind) ?? 0) + 1);
  return {
    entries,
    gets,
    hits,
    sets,
    get(kind, key) {
      bump(gets, kind);
      const text = entries.get(`${kind}/${key}`);
      if (text !== undefined) bump(hits, kind);
      return text;
    },
    set(kind, key, text) {
      bump(sets, kind);
      entries.set(`${kind}/${key}`, text);
    },
  };
}

function regionsOf(file: SourceFile, cache?: CompileCache): YamlRegion[] {
  const parsed = parseMarkdown(file, cache);
  return [...(parsed.frontMatter ? [parsed.frontMatter] : []), ...parsed.blocks];
}

/** Every region's parse without a cache, through a fresh cache (filled), and from it (read back); whether it has issues. */
function threeWays(text: string): boolean {
  const cache = memoryCache();
  const plain = parseYaml(text);
  const filled = parseYaml(text, cache);
  const stored = parseYaml(text, cache);
  expect(cache.sets.get('yaml')).toBe(1);
  expect(cache.hits.get('yaml')).toBe(1);
  for (const other of [filled, stored]) {
    expect(other.tree).toStrictEqual(plain.tree);
    expect(other.index).toEqual(plain.index);
    expect(other.errors).toStrictEqual(plain.errors);
    expect(other.text).toBe(text);
  }
  // The plain tree's value is yaml's own (regions with errors are not read further: aliases resolve only in yaml).
  if (plain.errors.length === 0) expect(plainToJS(stored.tree)).toStrictEqual(documentOf(plain).toJS());
  return plain.errors.length > 0;
}

/** Diagnostics as `check` prints them: rule, place, reason. */
function messagesOf(vfile: VFile): string[] {
  return vfile.messages.map((m) => `${m.ruleId ?? ''} ${m.file ?? ''}:${m.line ?? ''}:${m.column ?? ''} ${m.reason}`);
}

function check(dir: string, cache?: CompileCache): VFile {
  const prior = priorReportDir(dir);
  const workspace = createWorkspace(loadSchemas(), loadTemplates(templatesFor(dir), 'templates'), cache);
  return compileReport(readReport(dir), workspace, prior ? readReport(prior) : undefined);
}

describe('YAML regions in the compile cache', () => {
  it('every block and front matter of the seed, its prior and both Shanghai reports reads back from the cache as parsed', () => {
    let regions = 0;
    for (const dir of REPORTS) {
      for (const file of readReport(dir).files) {
        for (const region of regionsOf(file)) {
          threeWays(region.yaml.text);
          regions++;
        }
      }
    }
    expect(regions).toBeGreaterThan(60);
  });

  it('check says the same with no cache, a cold cache and a warm cache', () => {
    for (const dir of REPORTS.filter((d) => !d.endsWith('2022'))) {
      const cache = memoryCache();
      const none = messagesOf(check(dir));
      expect(messagesOf(check(dir, cache)), dir).toEqual(none);
      const parsedCold = cache.sets.get('yaml') ?? 0;
      expect(parsedCold).toBeGreaterThan(10);
      const [gets, hits] = [cache.gets.get('yaml')!, cache.hits.get('yaml') ?? 0];
      expect(messagesOf(check(dir, cache)), dir).toEqual(none);
      expect(cache.sets.get('yaml'), 'a warm run parses no YAML').toBe(parsedCold);
      expect(cache.gets.get('yaml')! - gets).toBeGreaterThanOrEqual(parsedCold);
      expect(cache.hits.get('yaml')! - hits, 'every region of a warm run is found').toBe(cache.gets.get('yaml')! - gets);
    }
  });

  it('gives yaml’s failsafe value and the same issues for tricky YAML', () => {
    const texts = [
      '',
      '# only a comment\n',
      'a:\nb: \nc: ""\nd: ~\ne: null\n',
      '? a\n? b\n: 1\n',
      '"quoted key": 1\n\'single\': "2"\n"": empty\n',
      '{a: 1, b: [x, y, {c: d}], e: }\n',
      '[a: b, c, [d]]\n',
      '- \n- x\n-\n  - y\n',
      'a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: "multi\n  line"\n',
      '__proto__: 1\nconstructor: 2\ntoString: 3\n',
      'a: 1\na: 2\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\nb: !foo x\n',
      '<<: {a: 1}\n',
      '? [a]\n: v\n',
      'a:\r\n  b: 1\r\n',
      '%YAML 1.2\n---\na: 1\n',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n',
      'a:\n\tb: 1\n',
      'a: "unterminated\n',
      'x\n',
    ];
    for (const text of texts) threeWays(text);
    expect(plainToJS(parseYaml('a:\nb: ""\n? c\n').tree)).toStrictEqual({ a: '', b: '', c: null });
    expect(parseYaml('a: &x 1\nb: *x\n').errors.map((e) => e.rule)).toContain('yaml/alias');
    expect(parseYaml('a: 1\na: 2\n').errors.map((e) => e.code)).toEqual(['DUPLICATE_KEY']);
  });

  it('gives the same parse for every region the bad-input corpus writes', () => {
    const seed = new Map(readReport(SEED_REPORT).files.map((f) => [f.name, f]));
    const cache = memoryCache();
    const seen = new Set<string>();
    const tried = { clean: 0, refused: 0 };
    for (const [name, c] of cases) {
      const changed = new Map<string, string>();
      const textOf = (f: string) => changed.get(f) ?? seed.get(f)?.text;
      for (const e of c.edits ?? []) {
        const from = expand(e.from);
        const text = textOf(e.file);
        if (text?.includes(from)) changed.set(e.file, text.replace(from, () => expand(e.to)));
      }
      for (const [f, t] of Object.entries(c.write ?? {})) changed.set(f, expand(t));
      for (const [f, t] of Object.entries(c.append ?? {})) if (textOf(f) !== undefined) changed.set(f, textOf(f)! + expand(t));
      for (const [f, text] of changed) {
        // What the parse stage refuses before parsing (nesting, control characters…) is not parsed here either.
        if (!f.endsWith('.md') || f.includes('/') || text.length > 200_000 || checkText(text).some((x) => x.refuse)) continue;
        for (const region of regionsOf({ path: f, name: f, text }, cache)) {
          if (seen.has(region.yaml.text)) continue;
          seen.add(region.yaml.text);
          let refused = false;
          expect(() => (refused = threeWays(region.yaml.text)), name).not.toThrow();
          tried[refused ? 'refused' : 'clean']++;
        }
      }
    }
    expect(tried.clean).toBeGreaterThan(30);
    expect(tried.refused).toBeGreaterThan(50);
  });

  it('a broken entry is a miss: the region is parsed again and offered again', () => {
    const text = readFileSync(join(SEED_REPORT, 'tables.md'), 'utf8');
    const file: SourceFile = { path: 'tables.md', name: 'tables.md', text };
    const plain = regionsOf(file).map((r) => r.yaml);
    for (const broken of ['', '{', 'null', '[]', '{"tree":5,"index":[],"errors":[]}', '{"tree":null,"index":{},"errors":[]}', '{"tree":{"t":"map"}}']) {
      const cache = memoryCache();
      regionsOf(file, cache);
      for (const key of cache.entries.keys()) if (key.startsWith('yaml/')) cache.entries.set(key, broken);
      const sets = cache.sets.get('yaml')!;
      const again = regionsOf(file, cache).map((r) => r.yaml);
      expect(again, broken).toEqual(plain);
      expect(cache.sets.get('yaml'), broken).toBe(2 * sets);
    }
  });

  it('an edited block is the only one parsed again', () => {
    const text = readFileSync(join(SEED_REPORT, 'tables.md'), 'utf8');
    const cache = memoryCache();
    const first = regionsOf({ path: 'tables.md', name: 'tables.md', text }, cache);
    expect(first.length).toBeGreaterThan(3);
    expect(cache.sets.get('yaml')).toBe(new Set(first.map((r) => r.yaml.text)).size);
    // One amount of the first block, changed.
    const block = first[0]!.yaml.text;
    const amount = /\d+\.\d\d/u.exec(block)!;
    const edited = block.replace(amount[0], `${amount[0]}1`);
    expect(text.split(block).length - 1).toBe(1);
    const sets = cache.sets.get('yaml')!;
    const hits = cache.hits.get('yaml') ?? 0;
    const second = regionsOf({ path: 'tables.md', name: 'tables.md', text: text.replace(block, edited) }, cache);
    expect(cache.sets.get('yaml')).toBe(sets + 1);
    expect(cache.hits.get('yaml')).toBe(hits + first.length - 1);
    expect(second[0]!.yaml).toEqual(parseYaml(edited));
    expect(plainToJS(second[0]!.yaml.tree)).toStrictEqual(parse(edited, { schema: 'failsafe' }));
  });
});
