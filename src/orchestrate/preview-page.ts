// The page `juesuan preview` serves: the report's print HTML with its check problems shown beside
// the table or part they point at (and listed on top), the file:// fonts and images rewritten to the
// server's own paths, and juesuan's reload script — the only script, allowed by a per-response nonce.
import type { VFile } from 'vfile';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/message.js';
import { CONTENT_SECURITY_POLICY } from '../render/document.js';
import { text } from '../render/html.js';

/** The policy of a preview page: nothing remote, no script but the one carrying `nonce`, events from the server itself. */
export function previewPolicy(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; connect-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** The meta element renderDocument writes (replaced by the preview's own policy, sent as a header). */
const DOCUMENT_POLICY = `<meta http-equiv="Content-Security-Policy" content="${text(CONTENT_SECURITY_POLICY)}">`;

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

const STYLE = `
.jsq-problems{font:14px/1.5 "Noto Sans SC",sans-serif;background:#fff4f4;border:2px solid #c62828;color:#222;padding:8px 12px;margin:8px 0;}
.jsq-problems.jsq-top{position:sticky;top:0;z-index:10;max-height:40vh;overflow:auto;}
.jsq-problems.jsq-ok{background:#f1f8f1;border-color:#2e7d32;}
.jsq-problems.jsq-stale{background:#fff8e1;border-color:#f9a825;}
.jsq-problems h2{font-size:15px;margin:0 0 4px;}
.jsq-problems ul{margin:0;padding-left:18px;}
.jsq-problems .jsq-warning{color:#8d5b00;}
.jsq-problems .jsq-error{color:#b71c1c;}
.jsq-problems code{font-size:12px;color:#555;}
@media print{.jsq-problems{display:none;}}
`;

/** `file:line:column` of a diagnostic, the file relative to the report folder. */
function where(d: Diagnostic, dir: string): string {
  const start = d.place && 'start' in d.place ? d.place.start : d.place;
  const file = (d.file ?? '').startsWith(`${dir}/`) ? (d.file ?? '').slice(dir.length + 1) : (d.file ?? '');
  return `${file}${start ? `:${start.line}:${start.column}` : ''}`;
}

function item(d: Diagnostic, dir: string): string {
  const severity = d.severity ?? 'error';
  const details = [d.expected?.length ? `应为 ${d.expected.join(' 或 ')}` : '', d.actual !== undefined ? `实为 ${d.actual}` : '', d.difference !== undefined ? `差额 ${d.difference}` : ''].filter(Boolean).join(';');
  return `<li class="jsq-${text(severity)}"><code>${text(where(d, dir))}</code> ${text(SEVERITY[severity] ?? severity)}: ${text(d.reason)}${details ? `(${text(details)})` : ''} <code>${text(d.ruleId ?? '')}</code></li>`;
}

function box(list: Diagnostic[], dir: string, title: string, kind = ''): string {
  return `<aside class="jsq-problems${kind}"><h2>${text(title)}</h2><ul>${list.map((d) => item(d, dir)).join('')}</ul></aside>`;
}

/** Where a diagnostic is shown: before the table of the data block it points into, else at the top of its file's part. */
function anchorOf(vfile: VFile, d: Diagnostic, dir: string): { file: string; table?: string } | undefined {
  if (!d.file?.startsWith(`${dir}/`)) return undefined;
  const file = d.file.slice(dir.length + 1);
  const start = d.place && 'start' in d.place ? d.place.start : d.place;
  const parsed = vfile.data.parsed?.files.find((f) => f.file.path === d.file);
  const block = start ? parsed?.blocks.find((b) => (b.node.position?.start.line ?? 0) <= start.line && start.line <= (b.node.position?.end.line ?? 0)) : undefined;
  return block ? { file, table: block.kind } : { file };
}

/** Inserts `html` just before the first match of `marker` (false when the marker is not there). */
function insertBefore(page: { html: string }, marker: string, html: string): boolean {
  const at = page.html.indexOf(marker);
  if (at < 0) return false;
  page.html = page.html.slice(0, at) + html + page.html.slice(at);
  return true;
}

function insertAfter(page: { html: string }, pattern: RegExp, html: string): boolean {
  const m = pattern.exec(page.html);
  if (!m) return false;
  const at = m.index + m[0].length;
  page.html = page.html.slice(0, at) + html + page.html.slice(at);
  return true;
}

export interface PreviewInput {
  /** The report folder as diagnostics name it. */
  dir: string;
  /** This build's compiled report (its problems). */
  vfile: VFile;
  /** The print HTML of this build, or — when this build could not render — of the last one that did. */
  html: string | undefined;
  /** `html` is an earlier build's (this one could not render). */
  stale: boolean;
}

/** The page for a build: problems beside their places and on top, fonts and images from the server, the reload script. */
export function previewPage(input: PreviewInput, nonce: string): string {
  const { dir, vfile } = input;
  const all = sortDiagnostics(vfile.messages).filter((d) => d.severity !== 'info');
  const errors = all.filter((d) => d.severity === 'error').length;
  const summary = all.length === 0 ? '' : `${errors} 个错误,${all.length - errors} 个警告`;
  const top = input.stale
    ? box(all, dir, `这次修改后报告无法显示(${summary});下面是上一次能显示的版本`, ' jsq-top jsq-stale')
    : all.length
      ? box(all, dir, `检查发现 ${summary}(也显示在它们所指的表或部分旁)`, ' jsq-top')
      : `<aside class="jsq-problems jsq-ok jsq-top"><h2>✔ 检查通过,没有发现问题</h2></aside>`;
  const script = `<script nonce="${nonce}">(()=>{const k='juesuan-scroll';const y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);addEventListener('load',()=>scrollTo(0,Number(y)));}const s=new EventSource('/_juesuan/events');s.addEventListener('reload',()=>{sessionStorage.setItem(k,String(scrollY));location.reload();});})();</script>`;
  if (input.html === undefined) {
    return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>juesuan 预览</title><style>${STYLE}</style>${script}</head><body>${box(all, dir, `报告无法显示(${summary})`, ' jsq-top')}</body></html>\n`;
  }
  const page = { html: input.html.replace(DOCUMENT_POLICY, '') };
  // Fonts: the server serves the font packages under /_juesuan/fonts/<package>/.
  page.html = page.html.replace(/<link rel="stylesheet" href="file:[^"]*\/node_modules\/@fontsource\/([a-z0-9-]+)\/([a-z0-9.-]+\.css)">/gu, '<link rel="stylesheet" href="/_juesuan/fonts/$1/$2">');
  if (!input.stale) {
    const beside = new Map<string, Diagnostic[]>();
    for (const d of all) {
      const anchor = anchorOf(vfile, d, dir);
      if (!anchor) continue;
      const key = JSON.stringify(anchor);
      beside.set(key, [...(beside.get(key) ?? []), d]);
    }
    for (const [key, list] of beside) {
      const anchor = JSON.parse(key) as { file: string; table?: string };
      const html = box(list, dir, `${list.length} 个问题`);
      const at = anchor.table ? page.html.indexOf(`data-table="${text(anchor.table)}"`) : -1;
      if (at >= 0) {
        const open = page.html.lastIndexOf('<section', at);
        page.html = page.html.slice(0, open) + html + page.html.slice(open);
        continue;
      }
      const file = text(anchor.file).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      insertAfter(page, new RegExp(`<section class="part" data-file="${file}">`, 'u'), html);
    }
  }
  insertBefore(page, '</head>', `<style>${STYLE}</style>${script}`);
  insertAfter(page, /<body>/u, top);
  return page.html;
}
