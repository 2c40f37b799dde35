// The render stage: the whole report as one HTML document — cover, 目录 (links, with page numbers in
// fixed-width slots), the parts in print order with their prose (remark → rehype, raw HTML dropped,
// punctuation typeset) and their tables rendered from the data through the template's table
// definitions and layouts, the 尾数 note, the template's style and the fonts. A heading that names
// a table is printed as the table's title, so the page shows no duplicate heading; heading levels
// follow their numbers as the template ranks them. The page carries a CSP that loads nothing remote
// and runs no script; the template CSS is escaped for its <style>.
import { unified } from 'unified';
import rehypeStringify from 'rehype-stringify';
import { visit } from 'unist-util-visit';
import type { Root as HastRoot, Element, Text } from 'hast';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import { pointAt } from '../parse/locate.js';
import type { Block, ReportData } from '../data/read.js';
import type { Narration } from '../narrate/render.js';
import type { Context } from '../narrate/context.js';
import type { LayoutDef } from '../template/layout.js';
import { el, escape, text } from './html.js';
import { renderTable } from './tables.js';
import { renderLayout } from './layout.js';
import { chineseDate } from './layout-values.js';
import { outlineLevels } from './headings.js';
import { proseTree, type LayoutRef } from './prose.js';
import { typeset } from './typography.js';

export interface Heading {
  id: string;
  /** Outline level (1–6), as printed and bookmarked. */
  level: number;
  text: string;
  /** Listed in the 目录. */
  toc: boolean;
  /** The text the page shows for it: the table's title when the heading is printed as one. */
  shown: string;
}

export interface RenderOptions {
  /** <link>s or <style> for the fonts. */
  fontStyles: string;
  /** Page numbers of the headings, by id; absent: the 目录 holds placeholder digits of the same width. */
  pages?: Map<string, number>;
  /** The report folder as a file URL ending in `/`: images of the report are resolved against it. */
  base?: string;
}

export interface Rendered {
  html: string;
  /** Every heading in document order (the 目录's title first), as the bookmarks list them. */
  headings: Heading[];
  /** The placeholder digits of the 目录's page slots, in order (3 per slot). */
  placeholders: number[];
  /** The report's images (paths relative to its folder), as the HTML names them under `base`. */
  images: string[];
}

/** Digits per page number slot of the 目录. */
export const PAGE_DIGITS = 3;

type Item = { kind: 'prose'; tree: HastRoot } | { kind: 'block'; block: Block | undefined; type: string };

interface HeadingNode {
  node: Element | undefined;
  depth: number;
  text: string;
  /** The block whose title prints this heading. */
  merged?: Item;
}

function textContent(node: Element | HastRoot): string {
  let out = '';
  visit(node, 'text', (t: Text) => {
    out += t.value;
  });
  return out;
}

/** Fills {{部门}}, {{年度}} of a template text. */
function fill(template: string, report: ReportData): string {
  const values: Record<string, string> = { 部门: report.frontMatter.department, 年度: String(report.frontMatter.year) };
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/gu, (m, key: string) => values[key] ?? m);
}

/** The layout that prints a block of this kind where it stands, if any. */
function layoutFor(report: ReportData, kind: string): LayoutDef | undefined {
  return [...report.template.layouts.values()].find((l) => l.for === kind);
}

function titled(report: ReportData, item: Item): boolean {
  if (item.kind !== 'block' || !item.block) return false;
  return report.tables.has(item.type) || Boolean(layoutFor(report, item.type)?.title);
}

/** The narration's view of a block: its fields and derived figures. */
function blockScope(narration: Narration, kind: string, name: string | undefined): Context | undefined {
  const found = narration.context[kind];
  if (!found || typeof found !== 'object') return undefined;
  const repeatable = name !== undefined && !Array.isArray(found) && (found as Context)[name] !== undefined;
  return (repeatable ? (found as Context)[name] : found) as Context;
}

/** A 目录 page-number slot holding a page number (right-aligned in its boxes), or nothing. */
function slotHtml(page: number | undefined): string {
  const digits = String(page ?? '').padStart(PAGE_DIGITS, ' ').split('');
  return el('span', { class: 'toc-page' }, ...digits.map((d) => el('i', undefined, d === ' ' ? '' : d)));
}

/** The document with the 目录's page numbers put in its slots (in the order of the 目录's headings). */
export function fillTocPages(html: string, headings: Heading[], pages: Map<string, number>): string {
  const listed = headings.filter((h) => h.toc);
  let i = 0;
  return html.replace(/<span class="toc-page">(?:<i>[^<]*<\/i>)*<\/span>/gu, () => slotHtml(pages.get(listed[i++]?.id ?? '')));
}

/**
 * The published page loads nothing remote and runs no script, whatever a template or report holds:
 * only inline and local styles, local fonts and images.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline' file:; font-src 'self' file: data:; img-src 'self' file: data:; base-uri 'none'; form-action 'none'";

/**
 * The template's CSS made safe for a <style> element: the HTML parser ends it at `</style`, so
 * every `<` becomes the CSS escape `\3C ` (the same character in a CSS string, never markup).
 * A CSS that tried to close its element (or open a comment or script) is reported.
 */
export function styleText(vfile: VFile, css: string, file: string): string {
  const breakout = /<\/style|<!--|<script|<\/?[a-z]/iu.exec(css);
  if (breakout && !vfile.messages.some((m) => m.ruleId === 'print/unsafe-css')) {
    const before = css.slice(0, breakout.index);
    const line = before.split('\n').length;
    diagnose(vfile, {
      rule: 'print/unsafe-css',
      reason: `模板的印刷样式中有 HTML 标记「${breakout[0]}」;样式表只能写 CSS,不能结束 <style> 或插入元素`,
      file,
      place: { line, column: breakout.index - before.lastIndexOf('\n') },
    });
  }
  // A remote url() or @import would be blocked by the policy above: said, so the template can be fixed.
  for (const m of css.matchAll(/(?:url\(\s*|@import\s+)(['"]?)((?:[a-z][a-z0-9+.-]*:|\/\/)[^'")\s;]*)/giu)) {
    const url = m[2]!;
    if (/^data:/iu.test(url) || vfile.messages.some((x) => x.ruleId === 'print/remote-resource' && x.reason.includes(`「${url}」`))) continue;
    const before = css.slice(0, m.index);
    diagnose(vfile, {
      rule: 'print/remote-resource',
      reason: `模板的印刷样式引用了外部资源「${url}」;印刷时不加载网络资源,请改用模板中的文件`,
      file,
      place: { line: before.split('\n').length, column: m.index - before.lastIndexOf('\n') },
    });
  }
  return css.replace(/</gu, '\\3C ');
}

/** Renders a checked and narrated report to HTML. Remote images are reported, not loaded. */
export function renderDocument(vfile: VFile, report: ReportData, narration: Narration, options: RenderOptions): Rendered {
  const print = report.template.manifest.print ?? {};
  const remote: string[] = [];
  const outside: string[] = [];
  const images: string[] = [];
  const refs: LayoutRef[] = [];
  const files = ['index.md', ...report.frontMatter.parts];
  const parts: { name: string; items: Item[] }[] = files.map((name) => ({
    name,
    items: (narration.chunks.get(name) ?? []).map((chunk): Item => {
      if (chunk.kind === 'prose') return { kind: 'prose', tree: proseTree(chunk.markdown, { remote, outside, images, refs, base: options.base }) };
      return { kind: 'block', block: report.blocks.find((b) => b.node === chunk.block.node), type: chunk.block.kind };
    }),
  }));

  // Headings in document order; one that ends its prose and precedes a titled table is that table's title.
  const found: HeadingNode[] = [];
  for (const part of parts) {
    part.items.forEach((item, i) => {
      if (item.kind === 'block') return;
      const next = part.items[i + 1];
      const last = [...item.tree.children].reverse().find((c) => c.type === 'element' || (c.type === 'text' && c.value.trim()));
      visit(item.tree, 'element', (node: Element) => {
        if (!/^h[1-6]$/u.test(node.tagName)) return;
        const entry: HeadingNode = { node, depth: Number(node.tagName[1]), text: textContent(node).trim() };
        if (node === last && next && titled(report, next)) entry.merged = next;
        found.push(entry);
      });
    });
  }
  const levels = outlineLevels(found, print.numbering ?? []);
  const tocLevels = print.toc?.levels ?? 2;
  const tocTitle = print.toc?.title ?? '';
  const headings: Heading[] = tocTitle ? [{ id: 'toc', level: 1, text: typeset(tocTitle), toc: false, shown: typeset(tocTitle) }] : [];
  const mergedInto = new Map<Item, { id: string; level: number; rank?: number }>();
  found.forEach((h, i) => {
    const id = `h${i + 1}`;
    const { level, rank } = levels[i]!;
    const shown = h.merged?.kind === 'block' ? (report.tables.get(h.merged.type)?.def.title ?? layoutFor(report, h.merged.type)?.title ?? h.text) : h.text;
    headings.push({ id, level, text: typeset(h.text), toc: level <= tocLevels, shown: typeset(fill(shown, report)) });
    if (h.merged) mergedInto.set(h.merged, { id, level, rank });
    else if (h.node) {
      h.node.tagName = `h${level}`;
      // The rank (its numbering pattern) lets the print style break pages before parts and 附件.
      h.node.properties = { ...h.node.properties, id, ...(rank !== undefined ? { dataRank: String(rank) } : {}) };
    }
  });

  const department = report.frontMatter.department;
  const year = report.frontMatter.year;
  const problem = (layout: string) => (message: string) =>
    diagnose(vfile, { rule: 'print/layout-value', reason: `版式「${layout}」${message}`, file: vfile.path });
  const renderLayoutAt = (layout: LayoutDef, block: Context | undefined, heading?: { id: string; level: number }) =>
    renderLayout(layout, {
      scope: { block, root: narration.context, manifest: report.template.manifest },
      renderText: (t, scope) => narration.renderText(t, scope ?? block),
      problem: problem(layout.id),
      heading,
    });
  const blockHtml = (item: Item & { kind: 'block' }): string => {
    const { block, type } = item;
    if (!block) return '';
    const heading = mergedInto.get(item);
    const table = report.tables.get(type);
    if (table) return renderTable(table, { department, year, print: print.tables ?? {}, heading });
    const layout = layoutFor(report, type);
    return layout ? renderLayoutAt(layout, blockScope(narration, type, block.name), heading) : '';
  };
  const refHtml = (ref: LayoutRef): string => {
    const layout = report.template.layouts.get(ref.id);
    if (!layout) {
      problem(ref.id)('不存在(```layout 围栏中的版式名)');
      return '';
    }
    const [kind, name] = [...ref.params][0] ?? [];
    const scope = kind ? blockScope(narration, kind, name) : undefined;
    if (kind && !scope) {
      problem(ref.id)(`找不到数据块「${kind}${name ? ` › ${name}` : ''}」`);
      return '';
    }
    return renderLayoutAt(layout, scope);
  };

  const stringify = unified().use(rehypeStringify, { allowDangerousHtml: true });
  const sections = parts.map((part) => {
    const pieces = part.items.map((item) => {
      if (item.kind === 'block') return blockHtml(item);
      const tree = item.tree;
      tree.children = tree.children.filter((c) => !(c.type === 'element' && found.some((h) => h.node === c && h.merged)));
      visit(tree, (node, _i, parent) => {
        if (node.type === 'text' && !(parent?.type === 'element' && (parent.tagName === 'code' || parent.tagName === 'pre'))) (node as Text).value = typeset((node as Text).value);
        if (node.type === 'element' && (node as Element).tagName === 'th') (node as Element).properties = { scope: 'col', ...(node as Element).properties };
        if (node.type === 'element' && (node as Element).properties?.dataLayoutRef !== undefined) {
          const ref = refs[Number((node as Element).properties.dataLayoutRef)];
          Object.assign(node, { type: 'raw', value: ref ? refHtml(ref) : '' });
        }
      });
      return stringify.stringify(tree);
    });
    return el('section', { class: 'part', 'data-file': part.name }, ...pieces);
  });

  for (const src of remote) {
    const source = vfile.data.parsed?.files.find((f) => f.file.text.includes(src));
    diagnose(vfile, {
      rule: 'print/remote-resource',
      reason: `报告引用了外部资源「${src}」;印刷时不加载网络资源,请改用报告文件夹中的文件`,
      file: source?.file.path ?? vfile.path,
      place: source ? pointAt(source.file, source.file.text.indexOf(src)) : undefined,
    });
  }

  for (const src of outside) {
    const source = vfile.data.parsed?.files.find((f) => f.file.text.includes(src));
    if (vfile.messages.some((m) => m.ruleId === 'print/image-path' && m.reason.includes(`「${src}」`))) continue;
    diagnose(vfile, {
      rule: 'print/image-path',
      reason: `图片「${src}」不在报告文件夹中;只能使用报告文件夹里的图片(写相对路径,不用 / 开头或 ..)`,
      file: source?.file.path ?? vfile.path,
      place: source ? pointAt(source.file, source.file.text.indexOf(src)) : { line: 1, column: 1 },
    });
  }

  // Page numbers in slots of PAGE_DIGITS fixed-width boxes: real numbers once known, else
  // placeholder digits 0–9 in turn (a one-pass print replaces them in the PDF).
  const placeholders: number[] = [];
  const known = options.pages && options.pages.size > 0 ? options.pages : undefined;
  const slot = (id: string) => {
    if (print.toc?.pages === false) return '';
    if (known) return slotHtml(known.get(id));
    const digits: number[] = [];
    for (let k = 0; k < PAGE_DIGITS; k++) digits.push(placeholders.push(placeholders.length % 10) - 1);
    return el('span', { class: 'toc-page' }, ...digits.map((i) => el('i', undefined, String(placeholders[i]))));
  };
  const title = fill(print.title ?? '{{部门}}', report);
  const date = report.frontMatter.date ? chineseDate(report.frontMatter.date) : '';
  const cover = el(
    'section',
    { class: 'cover' },
    el('div', { class: 'cover-title' }, text(fill(print.cover?.title ?? '{{部门}}', report))),
    print.cover?.subtitle ? el('div', { class: 'cover-subtitle' }, text(fill(print.cover.subtitle, report))) : '',
    date ? el('div', { class: 'cover-date' }, text(date)) : '',
  );
  const toc = el(
    'nav',
    { class: 'toc', 'aria-labelledby': 'toc' },
    el('h1', { class: 'toc-title', id: 'toc' }, text(tocTitle)),
    el(
      'ol',
      undefined,
      ...headings
        .filter((h) => h.toc)
        .map((h) => el('li', { class: `toc-${h.level}` }, el('a', { href: `#${h.id}` }, el('span', { class: 'toc-text' }, escape(h.text)), slot(h.id)))),
    ),
    print.note ? el('p', { class: 'rounding-note' }, text(print.note)) : '',
  );
  const style = styleText(vfile, report.template.files.get('print/style.css') ?? '', `templates/${report.template.name}/print/style.css`);
  const csp = `<meta http-equiv="Content-Security-Policy" content="${text(CONTENT_SECURITY_POLICY)}">`;
  const html = `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">${csp}<meta name="viewport" content="width=device-width, initial-scale=1"><title>${text(title)}</title>${options.fontStyles}<style>${style}</style></head><body>${cover}${toc}<main>${sections.join('\n')}</main></body></html>\n`;
  return { html, headings, placeholders, images };
}
