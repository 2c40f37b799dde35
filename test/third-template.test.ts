// A third template by data alone: a copy of the Jiangxi pack with its tables renumbered (公开03 →
// 表1 …), reordered and retitled, in a temporary repository with a copy of the seed rewritten to that
// pack's ids, checks as the seed does, narrates the same 情况说明 and renders HTML with the new
// titles — with nothing under src/ knowing either template.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDocument } from '../src/render/document.js';
import { partThree, withoutDataBlocks } from '../src/narrate/markdown.js';
import { compile, ROOT, SEED_REPORT, summarize } from './helpers/report.js';

/** The new print order, by old number: 公开03 becomes 表1, 公开01 表2, … */
const ORDER = ['03', '01', '02', '04', '05', '06', '07', '08', '10', '09'];
const newId = (old: string) => `表${ORDER.indexOf(old) + 1}`;
const retitled = (title: string) => `${title}(第三模板)`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every 公开NN of a text, as the third template's id. */
const renumber = (text: string) => text.replace(/公开(\d\d)/gu, (_m, n: string) => newId(n));

const root = mkdtempSync(join(tmpdir(), 'juesuan-third-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function makeThirdTemplate(): string {
  const pack = join(root, 'templates', 'third-county-2023');
  cpSync(join(ROOT, 'templates', 'jiangxi-county-2023'), pack, { recursive: true });
  for (const file of filesUnder(pack)) writeFileSync(file, renumber(readFileSync(file, 'utf8')));
  // Tables: new ids and titles, new file names, in the new order.
  const manifestPath = join(pack, 'template.yaml');
  const manifest = parse(readFileSync(manifestPath, 'utf8')) as { name: string; title: string; tables: string[] };
  for (const old of ORDER) {
    const from = join(pack, 'tables', `t${old}.yaml`);
    const def = parse(readFileSync(from, 'utf8')) as { id: string; title: string };
    expect(def.id).toBe(newId(old));
    def.title = retitled(def.title);
    rmSync(from);
    writeFileSync(join(pack, 'tables', `table-${def.id}.yaml`), stringify(def));
  }
  manifest.name = 'third-county-2023';
  manifest.title = '第三模板(由江西模板改编号、改顺序、改表名)';
  manifest.tables = ORDER.map((old) => `tables/table-${newId(old)}.yaml`);
  writeFileSync(manifestPath, stringify(manifest));
  // The seed, both years, rewritten to the third template's ids.
  const dept = join(root, 'reports', 'dept');
  cpSync(join(SEED_REPORT, '..'), dept, { recursive: true });
  for (const file of filesUnder(dept)) {
    const text = renumber(readFileSync(file, 'utf8')).replace(/^template: jiangxi-county-2023$/mu, 'template: third-county-2023');
    writeFileSync(file, text);
  }
  return join(dept, '2023');
}

function explanation(vfile: VFile): string {
  const narration = vfile.data.narration!;
  const parts = ['index.md', ...vfile.data.report!.frontMatter.parts];
  return withoutDataBlocks(partThree(parts.map((f) => narration.files.get(f) ?? '').join('\n')));
}

describe('a third template, by data alone', () => {
  const seed = compile(SEED_REPORT);
  const dir = makeThirdTemplate();
  const third = compile(dir);

  it('is a template of its own: other ids, order and titles', () => {
    const template = third.data.report!.template;
    expect(template.name).toBe('third-county-2023');
    expect([...template.tables.keys()]).toEqual(['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9', '表10']);
    expect(template.tables.get('表1')!.title).toBe('支出决算表(第三模板)');
    expect(readFileSync(join(dir, 'tables.md'), 'utf8')).not.toContain('公开0');
  });

  it('checks as the seed does: no errors, no warnings, the same infos under the new ids', () => {
    const lines = (vfile: VFile, at: string) => summarize(vfile, at);
    expect(lines(third, dir).filter((l) => !l.startsWith('info '))).toEqual([]);
    expect(lines(third, dir).length).toBe(lines(seed, SEED_REPORT).length);
    expect(third.messages.map((m) => m.ruleId).sort()).toEqual(seed.messages.map((m) => m.ruleId).sort());
  });

  it('narrates the same 情况说明', () => {
    const text = explanation(third);
    expect(text.length).toBeGreaterThan(3000);
    expect(text).toBe(explanation(seed));
  });

  it('renders HTML with the new titles, in the report\'s order', () => {
    const { html } = renderDocument(third, third.data.report!, third.data.narration!, { fontStyles: '', pages: new Map() });
    // A table's title is a heading when the report's heading names it (print's renderer), else a div.
    // Brackets around Chinese text print full-width (the renderer's typography).
    const titles = [...html.matchAll(/<(?:div|h[1-6])[^>]*class="table-title">([^<]*)<\/(?:div|h[1-6])>/gu)].map((m) => m[1]?.replace(/（/gu, '(').replace(/）/gu, ')'));
    // The report prints its tables in its own order: 收入支出决算总表 (now 表2) first.
    expect(titles[0]).toBe('收入支出决算总表(第三模板)');
    expect(titles).toContain('支出决算表(第三模板)');
    expect(titles.filter((t) => t?.endsWith('(第三模板)')).length).toBe(10);
    expect(html).toContain('data-table="表1"');
    expect(html).not.toMatch(/data-table="公开/u);
  });
});
