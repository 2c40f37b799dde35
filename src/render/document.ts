// The render stage: the whole report as one HTML document — cover, 目录 (with page numbers from a
// first print), the parts in print order with their prose (remark → rehype, raw HTML dropped) and
// their tables rendered from the data, the 尾数 note, the template's print style and the fonts.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { visit } from 'unist-util-visit';
import type { Root as HastRoot, Element } from 'hast';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import { pointAt } from '../parse/locate.js';
import type { Block, ReportData } from '../data/read.js';
import type { Narration } from '../narrate/render.js';
import type { Context } from '../narrate/context.js';
import { el, text } from './html.js';
import { renderTable } from './tables.js';
import { chineseDate, renderProject, renderUnits, renderWhole } from './perf.js';

export interface Heading {
  id: string;
  level: number;
  text: string;
}

export interface RenderOptions {
  /** <link>s or <style> for the fonts (built by print/ from local files). */
  fontStyles: string;
  /** Page numbers of the headings, by id, from a first print (empty on the first pass). */
  pages: Map<string, number>;
  /** The report folder as a file URL ending in `/`: images of the report are resolved against it. */
  base?: string;
}

export interface Rendered {
  html: string;
  headings: Heading[];
}

/** Gives h1–h3 stable ids and collects them; refuses images that are not local files of the report. */
function rehypeCollect(headings: Heading[], remote: string[], outside: string[], base: string | undefined) {
  return () => (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (/^h[1-3]$/u.test(node.tagName)) {
        const id = `h${headings.length + 1}`;
        node.properties = { ...node.properties, id };
        headings.push({ id, level: Number(node.tagName[1]), text: textContent(node) });
      }
      if (node.tagName === 'img') {
        const src = String(node.properties?.src ?? '');
        if (/^[a-z][a-z0-9+.-]*:/iu.test(src) || src.startsWith('//')) {
          remote.push(src);
          if (parent && index !== undefined) parent.children.splice(index, 1);
          return index;
        }
        // Only files of the report folder: no absolute path, no way up and out of it.
        const depth = src.split(/[\\/]/u).reduce((d, part) => (d < 0 ? d : part === '..' ? d - 1 : part === '.' || part === '' ? d : d + 1), 0);
        if (src.startsWith('/') || src.includes('\\') || depth < 0) {
          outside.push(src);
          if (parent && index !== undefined) parent.children.splice(index, 1);
          return index;
        }
        if (base) node.properties = { ...node.properties, src: base + src.split('/').map(encodeURIComponent).join('/') };
      }
      return undefined;
    });
  };
}

function textContent(node: Element | HastRoot): string {
  let out = '';
  visit(node, 'text', (t: { value: string }) => {
    out += t.value;
  });
  return out;
}

function prose(markdown: string, headings: Heading[], remote: string[], outside: string[], base: string | undefined): string {
  return String(unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeCollect(headings, remote, outside, base)).use(rehypeStringify).processSync(markdown));
}

function blockHtml(report: ReportData, block: Block | undefined, kind: string, narration: Narration): string {
  if (!block) return '';
  const ctx = { department: report.frontMatter.department, year: report.frontMatter.year };
  const table = report.tables.get(kind);
  if (table) return renderTable(table, ctx);
  const perf = {
    report,
    year: report.frontMatter.year,
    renderText: (t: string, b: Block) => narration.renderText(t, ((narration.context[b.kind] as Context | undefined)?.[b.name ?? ''] as Context | undefined) ?? (narration.context[b.kind] as Context)),
  };
  if (kind === '项目绩效') return renderProject(block, perf);
  if (kind === '部门整体绩效') return renderWhole(block, perf);
  if (kind === '机构') return renderUnits(block);
  return '';
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
  const headings: Heading[] = [];
  const remote: string[] = [];
  const outside: string[] = [];
  const { department, year } = report.frontMatter;
  const parts: string[] = [];
  // Each file of the report is a part (or an annex) and starts a page.
  for (const name of ['index.md', ...report.frontMatter.parts]) {
    const pieces: string[] = [];
    for (const chunk of narration.chunks.get(name) ?? []) {
      if (chunk.kind === 'prose') {
        pieces.push(prose(chunk.markdown, headings, remote, outside, options.base));
        continue;
      }
      const block = report.blocks.find((b) => b.node === chunk.block.node);
      const html = blockHtml(report, block, chunk.block.kind, narration);
      if (html) pieces.push(html);
    }
    parts.push(el('section', { class: 'part', 'data-file': name }, ...pieces));
  }
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
  const title = `${department}${year}年度部门决算`;
  const date = report.frontMatter.date ? chineseDate(report.frontMatter.date) : '';
  const cover = el('section', { class: 'cover' }, el('div', { class: 'cover-title' }, text(department)), el('div', { class: 'cover-subtitle' }, text(`${year}年度部门决算`)), date ? el('div', { class: 'cover-date' }, text(date)) : '');
  const toc = el(
    'nav',
    { class: 'toc' },
    el('h1', { class: 'toc-title' }, '目　录'),
    el(
      'ol',
      undefined,
      ...headings
        .filter((h) => h.level <= 2)
        .map((h) => el('li', { class: `toc-${h.level}` }, el('a', { href: `#${h.id}` }, el('span', { class: 'toc-text' }, text(h.text)), el('span', { class: 'toc-page' }, text(options.pages.has(h.id) ? String(options.pages.get(h.id)) : ''))))),
    ),
    report.template.manifest.print?.note ? el('p', { class: 'rounding-note' }, text(report.template.manifest.print.note)) : '',
  );
  const style = styleText(vfile, report.template.files.get('print/style.css') ?? '', `templates/${report.template.name}/print/style.css`);
  const csp = `<meta http-equiv="Content-Security-Policy" content="${text(CONTENT_SECURITY_POLICY)}">`;
  const html = `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">${csp}<title>${text(title)}</title>${options.fontStyles}<style>${style}</style></head><body>${cover}${toc}<main>${parts.join('\n')}</main></body></html>\n`;
  return { html, headings };
}
