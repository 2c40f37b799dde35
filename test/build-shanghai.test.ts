// The Shanghai 文化和旅游局 2025 report renders in the Shanghai layout, as published
// (test/fixtures/published/shanghai-putuo-2025/putuo-wenhualvyou-2025.txt): tables with their title
// and 单位：万元 only (no 表号, 部门 or 年度), no 行次/栏次, amounts grouped by thousands, 表七 on
// its side as one row of 预算数/决算数 pairs with zeros printed 0, the units list, 目录 without
// page numbers. The printed pages are compared in build.test.ts (reference images).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from './helpers/report.js';
import { WENLV_REPORT, WENLV_TEXT } from './helpers/shanghai.js';
import { renderDocument } from '../src/render/document.js';

const vfile = compile(WENLV_REPORT);
const { html } = renderDocument(vfile, vfile.data.report!, vfile.data.narration!, { fontStyles: '' });
const published = readFileSync(WENLV_TEXT, 'utf8');

/** The HTML of the official table `id`. */
function table(id: string): string {
  const at = html.indexOf(`data-table="${id}"`, html.indexOf("<main>"));
  expect(at, id).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf('<section', at), html.indexOf('</section>', at));
}
const texts = (part: string, tag: string) => [...part.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'gu'))].map((m) => m[1]!.replace(/<[^>]+>/gu, ''));

describe('the Shanghai report in its own layout', () => {
  it('checks clean, so it prints', () => {
    expect(vfile.messages.filter((m) => m.fatal === true)).toEqual([]);
  });

  it('prints each table with its title and 单位：万元 only: no 表号, 部门 or 年度, no 行次/栏次', () => {
    for (const id of ['表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九']) {
      const t = table(id);
      const meta = /<div class="table-meta">(.*?)<\/div>/u.exec(t)![1]!.replace(/<[^>]+>/gu, '');
      expect(meta, id).toBe('单位：万元');
    }
    const body = html.slice(html.indexOf('<body>'));
    expect(body).not.toContain('行次');
    expect(body).not.toContain('栏次');
    expect(body).not.toContain('class="lanci"');
  });

  it('groups the amounts by thousands, as the published 表一 prints them', () => {
    const cells = texts(table('表一'), 'td');
    for (const figure of ['24,535.67', '2,002.80', '17,130.42', '26,538.47', '26,591.08', '52.61']) {
      expect(published).toContain(figure);
      expect(cells).toContain(figure);
    }
  });

  it('prints 表七 on its side: one row of 预算数/决算数 pairs under grouped headers, zeros as 0', () => {
    const t = table('表七');
    const body = t.slice(t.indexOf('<tbody>'));
    expect(body.match(/<tr/gu)).toHaveLength(1);
    const row = texts(body, 'td').join(' ');
    expect(row).toBe('11.49 3.04 0 0 9.38 2.64 0 0 9.38 2.64 2.11 0.40');
    expect(published).toContain(row);
    const heads = texts(t.slice(0, t.indexOf('<tbody>')), 'th');
    expect(heads[0]).toBe('财政拨款“三公”经费');
    expect(heads).toContain('公务用车购置及运行维护费');
    expect(heads.filter((h) => h === '预算数')).toHaveLength(6);
  });

  it('lists the units (序号, 单位名称, 备注) from the pack\'s layout', () => {
    const at = html.indexOf('data-layout="单位"');
    expect(at).toBeGreaterThan(0);
    const units = html.slice(at, html.indexOf('</section>', at));
    expect(texts(units, 'th')).toEqual(['序号', '单位名称', '备注']);
    expect(texts(units, 'td')).toContain('上海市普陀区图书馆（上海市普陀区少年儿童图书馆）');
  });

  it('has a 目录 without page numbers, its cover and title from the pack', () => {
    const toc = html.slice(html.indexOf('<nav class="toc"'), html.indexOf('</nav>'));
    expect(toc).toContain('目　录');
    expect(toc).not.toContain('toc-page');
    expect(toc).toContain('七、财政拨款“三公”经费支出决算表');
    expect(html).toContain('<div class="cover-subtitle">2025年度部门决算</div>');
    expect(html).toContain('<title>上海市普陀区文化和旅游局2025年度部门决算</title>');
  });
});
