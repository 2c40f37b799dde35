// Errors stop only what they must: a report with check errors is still narrated — the seed with a
// 科目名称 truncated gives the same 情况说明 as the seed, and its HTML renders (what build --force
// prints; the render stage in-process, no browser) — and a value that cannot be read fails only the
// sentences that name it, each with narrate/missing-value at its place, the rest written.
import { afterAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { renderDocument } from '../src/render/document.js';
import { FAILED } from '../src/narrate/render.js';
import { partThree, withoutDataBlocks } from '../src/narrate/markdown.js';
import { compile, edit, reportCopies, SEED_REPORT, summarize } from './helpers/report.js';

const copies = reportCopies();
afterAll(copies.removeAll);

function explanation(vfile: VFile): string {
  const narration = vfile.data.narration!;
  const report = vfile.data.report!;
  return withoutDataBlocks(partThree(['index.md', ...report.frontMatter.parts].map((f) => narration.files.get(f) ?? '').join('\n')));
}

/** Errors and warnings as `rule file:line:column`, template files from their templates/ folder on. */
const errors = (vfile: VFile, dir: string) =>
  summarize(vfile, dir)
    .filter((l) => !l.startsWith('info '))
    .map((l) => l.replace(/ \S*?(templates\/)/u, ' $1'));

describe('a report with check errors', () => {
  const seed = compile(SEED_REPORT);

  it('with a 科目名称 truncated, narrates the same 情况说明 as the seed, and its HTML renders', () => {
    const dir = copies.copy();
    // Truncated as a copy from the PDF leaves it (公开02's row).
    edit(dir, 'tables.md', '2100409 重大公共卫生服务:\n  本年收入合计: 25.09', '2100409 重大公共卫生:\n  本年收入合计: 25.09');
    const vfile = compile(dir);
    expect(errors(vfile, dir)).toEqual(['hierarchy/code-name tables.md:82:1']);
    expect(vfile.data.narration).toBeDefined();
    const text = explanation(vfile);
    expect(text).toBe(explanation(seed));
    expect(text).toContain('本年收入合计292.90万元，比上年减少199.93万元，下降40.57%');
    // What build --force prints: the document, with the tables and the 情况说明.
    const { html: printed } = renderDocument(vfile, vfile.data.report!, vfile.data.narration!, { fontStyles: '', pages: new Map() });
    // Table cells may break between words (<wbr>); the text is read without them.
    const html = printed.replace(/<wbr>/gu, '');
    expect(html).toContain('重大公共卫生');
    expect(html).toContain('比上年减少199.93万元，下降40.57%');
    expect(html).not.toContain(FAILED);
  });

  it('with an amount that cannot be read, fails only the sentences that name it', () => {
    const dir = copies.copy();
    edit(dir, 'tables.md', '收入:\n  本年收入合计: 292.90', '收入:\n  本年收入合计: 292. 90');
    const vfile = compile(dir);
    const found = errors(vfile, dir);
    // The cell, and the two sentences (lines) of the 收入决算情况说明 that name it; nothing else.
    expect(found.filter((l) => !l.startsWith('narrate/'))).toEqual(['amount/space tables.md:15:11']);
    const narrated = found.filter((l) => l.startsWith('narrate/'));
    expect(narrated.map((l) => l.replace(/:\d+$/u, ''))).toEqual([
      'narrate/missing-value templates/jiangxi-county-2023/narrative/收入决算情况说明.hbs:1',
      'narrate/missing-value templates/jiangxi-county-2023/narrative/收入决算情况说明.hbs:3',
    ]);
    const message = vfile.messages.find((m) => m.ruleId === 'narrate/missing-value')!;
    expect(message.reason).toContain('「公开01.收入.本年收入合计」的值无法读取');
    const text = explanation(vfile);
    const before = explanation(compile(SEED_REPORT)).split('\n');
    const after = text.split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    // Only the 收入 paragraphs (the total and its shares) differ, and there the value is marked.
    expect(changed.length).toBe(2);
    for (const line of changed) expect(line).toContain(FAILED);
    expect(text).toContain('本年支出合计292.90万元');
    const { html } = renderDocument(vfile, vfile.data.report!, vfile.data.narration!, { fontStyles: '', pages: new Map() });
    // The print's typography makes the mark's question mark full-width.
    expect(html).toContain(FAILED.replace('?', '？'));
  });
});
