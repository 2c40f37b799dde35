// An edit inside a data block reuses the file's previous Markdown tree (src/parse/reuse-tree.ts):
// on every .md file of the seed and of both Shanghai reports, random edits within one line of a
// block's content give exactly the tree remark gives for the new text; edits that could change
// the structure (a line added or removed, a fence touched, a line that would close the fence,
// prose outside a block) are refused, and the file is parsed again.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { reuseTree } from '../src/parse/reuse-tree.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const parse = (text: string): Root => processor.parse(text);
const copy = (tree: Root): Root => JSON.parse(JSON.stringify(tree)) as Root;

const REPORTS = ['reports/xunyang-digital-economy/2023', 'reports/shanghai-putuo-wenhualvyou/2025', 'reports/shanghai-putuo-shiquanlu/2025'];
const files = REPORTS.flatMap((dir) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .map((n) => ({ name: `${dir}/${n}`, text: readFileSync(join(dir, n), 'utf8') })),
);

/** The offsets of every character inside a data block's content lines (not the fences), by file. */
function contentOffsets(text: string): number[] {
  const out: number[] = [];
  for (const code of (parse(text).children as Code[]).filter((n) => n.type === 'code')) {
    const from = text.indexOf('\n', code.position!.start.offset!) + 1;
    const to = text.lastIndexOf('\n', code.position!.end.offset! - 1);
    for (let i = from; i < to; i++) if (text[i] !== '\n') out.push(i);
  }
  return out;
}

const withBlocks = files.filter((f) => contentOffsets(f.text).length > 0);
const params = { numRuns: 60, seed: Number(process.env.FC_SEED ?? 17) };

describe('reusing a tree after an edit inside a data block', () => {
  it('the files under test hold data blocks', () => {
    expect(withBlocks.length).toBeGreaterThanOrEqual(9);
  });

  it('a figure changed, digits inserted or deleted within one line: the same tree as a fresh parse', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.stringMatching(/^[0-9.,一-龥 ]{0,6}$/u), (f, at, cut, insert) => {
        const { text } = withBlocks[f % withBlocks.length]!;
        const offsets = contentOffsets(text);
        const start = offsets[at % offsets.length]!;
        const lineEnd = text.indexOf('\n', start);
        const end = Math.min(start + cut, lineEnd);
        const after = text.slice(0, start) + insert + text.slice(end);
        const reused = reuseTree(text, copy(parse(text)), after);
        expect(reused).toBeDefined();
        expect(reused).toEqual(parse(after));
      }),
      params,
    );
  });

  it('the clerk’s change (公开05 2010504 项目支出 +2.00) is reused, and the tree equals a fresh parse', () => {
    const seed = files.find((f) => f.name.endsWith('2023/tables.md'))!;
    const line = '  项目支出: 166.45\n2010504 信息事务:\n  本年支出合计: 261.26\n  基本支出: 94.81\n  项目支出: 166.45\n';
    expect(seed.text).toContain(line);
    const after = seed.text.replace(line, line.replace(/166\.45\n$/u, '168.45\n'));
    const reused = reuseTree(seed.text, copy(parse(seed.text)), after);
    expect(reused).toEqual(parse(after));
  });

  const seed = files.find((f) => f.name.endsWith('2023/tables.md'))!.text;
  const firstBlock = seed.indexOf('```yaml');
  const inBlock = seed.indexOf('\n', firstBlock) + 3;
  const refused: [string, string][] = [
    ['a line added inside a block', seed.slice(0, inBlock) + '\n  新行: 1' + seed.slice(inBlock)],
    ['a line removed inside a block', seed.slice(0, seed.lastIndexOf('\n', inBlock) + 1) + seed.slice(seed.indexOf('\n', inBlock) + 1)],
    ['the opening fence edited', seed.slice(0, firstBlock + 3) + '`' + seed.slice(firstBlock + 3)],
    ['the info string edited', seed.replace('```yaml data=公开01', '```yaml data=公开02')],
    ['a content line turned into a closing fence', seed.slice(0, seed.lastIndexOf('\n', inBlock) + 1) + '```' + seed.slice(seed.indexOf('\n', inBlock))],
    ['a heading edited', seed.replace(/^(#+ .)/mu, '$1改')],
  ];
  it.each(refused)('refused: %s', (_what, after) => {
    expect(after).not.toBe(seed);
    expect(reuseTree(seed, copy(parse(seed)), after)).toBeUndefined();
  });

  it('the same text gives the same tree', () => {
    const tree = parse(seed);
    expect(reuseTree(seed, tree, seed)).toBe(tree);
  });
});
