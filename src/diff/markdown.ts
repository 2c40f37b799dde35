// A diff as a GitHub pull-request comment: each section folded in <details> with a one-line
// summary, rows largest first, every echoed text escaped (no stray HTML, pipe, mention or
// emphasis), and the whole kept under a character budget — what is cut is counted and linked.
import type { ReportDiff } from './diff.js';
import { sectionsOf, type Item, type ReportSections, type Section } from './sections.js';

/** Marks juesuan's comment, so a workflow finds and updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- juesuan-diff -->';

/** GitHub takes 65,536 characters in a comment; this leaves room for what a workflow adds. */
export const COMMENT_BUDGET = 60000;

export interface MarkdownOptions {
  /** The most characters to print; 0 for no limit (default: COMMENT_BUDGET). */
  maxChars?: number;
  /** Where the full diff is (a workflow run's artifacts), named where rows are cut. */
  fullLink?: string;
}

/** Inline text for Markdown and HTML: one line, Markdown punctuation escaped, no mentions. */
export function escapeInline(s: string): string {
  return s
    .replace(/\r\n|\r|\n/gu, ' ')
    .replace(/[\\`*_~[\]|<>#&!]/gu, '\\$&')
    .replace(/@/gu, '@\u200B');
}

/** Text for an HTML element's content (a <summary>): entities, no Markdown. */
function escapeHtml(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/@/gu, '@\u200B').replace(/\r\n|\r|\n/gu, ' ');
}

/** Marked words ([-old-], {+new+}) as <del> and <ins>: no emphasis delimiters to misparse next to CJK punctuation. */
function markedInline(s: string): string {
  let out = '';
  let at = 0;
  for (const m of s.matchAll(/\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}/gu)) {
    out += escapeInline(s.slice(at, m.index));
    out += m[1] !== undefined ? `<del>${escapeInline(m[1])}</del>` : `<ins>${escapeInline(m[2]!)}</ins>`;
    at = m.index + m[0].length;
  }
  return out + escapeInline(s.slice(at));
}

function itemLine(item: Item): string {
  if (item.cells) {
    const [label, ...rest] = item.cells.map(escapeInline);
    return `| ${item.follows ? '↳ ' : ''}${label} | ${rest.join(' | ')} |`;
  }
  return `- ${markedInline(item.text ?? '')}`;
}

function cutLine(count: number, fullLink: string | undefined): string {
  const full = fullLink ? `<a href="${escapeHtml(fullLink).replace(/"/gu, '&quot;')}">完整比较</a>` : '完整比较: <code>juesuan diff --max-chars 0</code>';
  return `<sub>另有 ${count} 项未列出;${full}</sub>`;
}

function sectionText(s: Section, cap: number, fullLink: string | undefined): string {
  const shown = s.items.slice(0, cap);
  const lines = [`<details>`, `<summary><b>${escapeHtml(s.title)}</b>: ${escapeHtml(s.summary)}</summary>`, ''];
  if (shown.length) {
    if (s.columns) lines.push(`| ${s.columns.map(escapeInline).join(' | ')} |`, `|${s.columns.map(() => '---').join('|')}|`);
    lines.push(...shown.map(itemLine), '');
  }
  if (cap < s.items.length) lines.push(cutLine(s.items.length - cap, fullLink), '');
  lines.push('</details>', '');
  return lines.join('\n');
}

function reportHead(r: ReportSections): string {
  const lines = [`## juesuan diff: ${escapeInline(r.title)}`, ''];
  if (r.note) lines.push(`> ${escapeInline(r.note)}`, '');
  lines.push(`**${escapeInline(r.summary)}**`, '', '');
  return lines.join('\n');
}

function render(reports: ReportSections[], caps: number[][], fullLink: string | undefined, footer: string): string {
  const body = reports.map((r, i) => reportHead(r) + r.sections.map((s, j) => sectionText(s, caps[i]![j]!, fullLink)).join('\n')).join('\n');
  return `${COMMENT_MARKER}\n${body}${footer}`;
}

function footerOf(cut: number, total: number, budget: number, fullLink: string | undefined): string {
  if (cut === 0) return '';
  const full = fullLink ? `<a href="${escapeHtml(fullLink).replace(/"/gu, '&quot;')}">完整比较</a>` : '完整比较用 <code>juesuan diff --max-chars 0</code> 查看';
  return `\n<sub>评论限 ${budget} 字符: 共 ${total} 项,列出 ${total - cut} 项,省略 ${cut} 项;${full}。</sub>\n`;
}

/** Caps per section: the same for all (as many as fit), then what is left given section by section. */
function fit(reports: ReportSections[], budget: number, fullLink: string | undefined): number[][] | undefined {
  const sizes = reports.map((r) => r.sections.map((s) => s.items.length));
  const total = sizes.flat().reduce((a, b) => a + b, 0);
  const footer = (caps: number[][]) => footerOf(total - caps.flat().reduce((a, b) => a + b, 0), total, budget, fullLink);
  const length = (caps: number[][]) => render(reports, caps, fullLink, footer(caps)).length;
  const uniform = (k: number) => sizes.map((row) => row.map((n) => Math.min(n, k)));
  if (length(uniform(0)) > budget) return undefined;
  let lo = 0;
  let hi = Math.max(0, ...sizes.flat());
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (length(uniform(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const caps = uniform(lo);
  for (let i = 0; i < caps.length; i++) {
    for (let j = 0; j < caps[i]!.length; j++) {
      let a = caps[i]![j]!;
      let b = sizes[i]![j]!;
      while (a < b) {
        const mid = Math.ceil((a + b) / 2);
        caps[i]![j] = mid;
        if (length(caps) <= budget) a = mid;
        else b = mid - 1;
      }
      caps[i]![j] = a;
    }
  }
  return caps;
}

/** When not even the summaries fit: one line per report, as many as fit. */
function summariesOnly(reports: ReportSections[], budget: number, fullLink: string | undefined): string {
  const full = fullLink ? `<a href="${escapeHtml(fullLink).replace(/"/gu, '&quot;')}">完整比较</a>` : '完整比较用 <code>juesuan diff --max-chars 0</code> 查看';
  const lines = [COMMENT_MARKER, `## juesuan diff: ${reports.length} 份报告`, ''];
  const tail = (n: number) => `\n<sub>评论限 ${budget} 字符,只列出各报告的概要${n ? `,另有 ${n} 份报告未列出` : ''};${full}。</sub>\n`;
  let listed = 0;
  for (const r of reports) {
    const line = `- ${escapeInline(r.title)}: ${escapeInline(r.summary)}`;
    if ([...lines, line].join('\n').length + tail(reports.length - listed - 1).length > budget) break;
    lines.push(line);
    listed++;
  }
  return lines.join('\n') + '\n' + tail(reports.length - listed);
}

/** The diffs as one Markdown comment. */
export function diffMarkdown(diffs: ReportDiff[], options: MarkdownOptions = {}): string {
  const budget = options.maxChars ?? COMMENT_BUDGET;
  const reports = diffs.map(sectionsOf);
  const all = reports.map((r) => r.sections.map((s) => s.items.length));
  if (reports.length === 0) return `${COMMENT_MARKER}\n## juesuan diff\n\n没有改动的报告。\n`;
  if (budget <= 0) return render(reports, all, options.fullLink, '');
  const full = render(reports, all, options.fullLink, '');
  if (full.length <= budget) return full;
  const caps = fit(reports, budget, options.fullLink);
  if (!caps) return summariesOnly(reports, budget, options.fullLink);
  const total = all.flat().reduce((a, b) => a + b, 0);
  return render(reports, caps, options.fullLink, footerOf(total - caps.flat().reduce((a, b) => a + b, 0), total, budget, options.fullLink));
}
