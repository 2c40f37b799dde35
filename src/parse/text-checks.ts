// Checks of a file's text before it is parsed: control characters (NUL…) and bidirectional
// overrides that would hide or reorder what a reviewer sees, lines too long and Markdown nested too
// deep for the parsers. Each finding is a place and a rule; `refuse` means the file is not parsed.
import { LIMITS } from './limits.js';

export interface TextFinding {
  rule: string;
  reason: string;
  offset: number;
  /** The file is not parsed further (its size or shape would make the parsers slow or deep). */
  refuse: boolean;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

function codeOf(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The nesting depth of Markdown containers a line opens: block quote markers, list markers and indentation. */
function lineDepth(line: string): number {
  let depth = 0;
  let i = 0;
  let spaces = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ') spaces++;
    else if (c === '\t') spaces += 4;
    else if (c === '>') depth++;
    else if ((c === '-' || c === '*' || c === '+') && (line[i + 1] === ' ' || line[i + 1] === '\t')) depth++;
    else if (/\d/u.test(c)) {
      const m = /^\d{1,9}[.)][ \t]/u.exec(line.slice(i, i + 12));
      if (!m) break;
      depth++;
      i += m[0].length - 2;
    } else break;
    i++;
  }
  return depth + Math.floor(spaces / 2);
}

/** The problems of a file's text, in order; at most one of each rule. */
export function checkText(text: string): TextFinding[] {
  const out: TextFinding[] = [];
  const control = CONTROL.exec(text);
  if (control) {
    const ch = control[0];
    out.push({
      rule: 'encoding/control-char',
      reason: `文件中有不可见的控制字符 ${codeOf(ch)}${ch === '\u0000' ? '(NUL)' : ''};请删除它(常见于从其他软件复制或文件损坏)`,
      offset: control.index,
      refuse: false,
    });
  }
  const bidi = BIDI.exec(text);
  if (bidi) {
    out.push({
      rule: 'encoding/bidi',
      reason: `文件中有改变文字显示方向的控制字符 ${codeOf(bidi[0])},会让审阅者看到的文字与实际内容不同;请删除它`,
      offset: bidi.index,
      refuse: false,
    });
  }
  const cr = /\r(?!\n)/u.exec(text);
  if (cr) {
    out.push({ rule: 'encoding/line-ends', reason: '文件用了单独的回车符(CR)换行(旧式 Mac 格式);请以 LF 或 CRLF 换行保存', offset: cr.index, refuse: true });
  }
  let calls = 0;
  for (let i = text.indexOf('{{'); i !== -1; i = text.indexOf('{{', i + 2)) {
    if (++calls > LIMITS.helperCalls) {
      out.push({ rule: 'limit/helper-calls', reason: `文件中的 {{…}} 表达式超过 ${LIMITS.helperCalls} 个;请检查是否误复制了大量内容`, offset: i, refuse: true });
      break;
    }
  }
  let offset = 0;
  let long = false;
  let deep = false;
  let fence: string | undefined;
  // The front matter is YAML, nested by indentation: its depth is the YAML parser's to limit.
  let frontMatter = text.startsWith('---\n') || text.startsWith('---\r\n');
  let first = true;
  for (const line of text.split('\n')) {
    if (frontMatter) {
      if (!first && /^(---|\.\.\.)\r?$/u.test(line)) frontMatter = false;
      first = false;
      if (!long && line.length > LIMITS.lineChars) {
        out.push({ rule: 'limit/line-length', reason: `这一行有 ${line.length} 个字符,超过上限 ${LIMITS.lineChars};请分成多行或多段`, offset, refuse: true });
        long = true;
      }
      offset += line.length + 1;
      continue;
    }
    if (!long && line.length > LIMITS.lineChars) {
      out.push({ rule: 'limit/line-length', reason: `这一行有 ${line.length} 个字符,超过上限 ${LIMITS.lineChars};请分成多行或多段`, offset, refuse: true });
      long = true;
    }
    const trimmed = line.replace(/^[\s>]*/u, '');
    const marker = /^(`{3,}|~{3,})/u.exec(trimmed)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    } else {
      if (marker) fence = marker;
      if (!deep && !long && lineDepth(line) > LIMITS.markdownDepth) {
        out.push({ rule: 'limit/nesting', reason: `列表或引用嵌套超过 ${LIMITS.markdownDepth} 层;请减少嵌套`, offset, refuse: true });
        deep = true;
      }
    }
    offset += line.length + 1;
  }
  return out;
}
