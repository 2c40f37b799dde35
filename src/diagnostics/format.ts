// Formats diagnostics for people (one compact line each), for tools (JSON) and for GitHub
// Actions (workflow-command annotations, errors and warnings only). Pure: returns strings. No
// text from a report can start or forge a workflow command in any of the three.
import type { VFile } from 'vfile';
import { countBySeverity, sortDiagnostics, startOf, type Diagnostic, type Severity } from './message.js';
import type { Point, Position } from 'unist';

export const SEVERITY_WORD: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export interface Colors {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
}

export const NO_COLOR: Colors = { severity: (_s, t) => t, dim: (t) => t };

/** A zero-width space: it breaks a workflow command without changing what people read. */
const ZWSP = '\u200B';

/**
 * Text printed where GitHub Actions reads workflow commands: a line that starts with `::` (after
 * blanks) or holds `##[` (the old syntax, read anywhere in a line) is broken by a zero-width space.
 */
export function guardCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gmu, `$1:${ZWSP}`).replace(/##\[/gu, `#${ZWSP}#[`);
}

/** One line: line breaks inside a message (echoed from a YAML value) are shown, not printed. */
function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/gu, ' ↵ ');
}

function where(d: Diagnostic): string {
  if (d.cell) return `${d.file}:${d.cell}`;
  const start = startOf(d.place);
  return start ? `${d.file}:${start.line}:${start.column}` : `${d.file ?? ''}`;
}

/** One line per diagnostic, sorted, then a summary line; infos only when `verbose`. */
export function formatHuman(files: readonly VFile[], colors: Colors = NO_COLOR, verbose = false): string {
  const lines: string[] = [];
  const all = files.flatMap((f) => sortDiagnostics(f.messages));
  for (const d of all) {
    if (d.severity === 'info' && !verbose) continue;
    let line = `${oneLine(where(d))}  ${colors.severity(d.severity, SEVERITY_WORD[d.severity])}  ${oneLine(d.reason)}  ${colors.dim(d.ruleId ?? '')}`;
    const details: string[] = [];
    if (d.expected?.length) details.push(`应为 ${d.expected.join(' 或 ')}`);
    if (d.actual !== undefined) details.push(`实为 ${d.actual}`);
    if (d.difference !== undefined) details.push(`差额 ${d.difference}`);
    if (d.tolerance !== undefined) details.push(`容差 ${d.tolerance}`);
    if (details.length) line += `\n    ${colors.dim(oneLine(details.join(';')))}`;
    for (const r of d.related ?? []) {
      const start = startOf(r.place);
      line += `\n    ${colors.dim(oneLine(`${r.label}: ${r.file}${start ? `:${start.line}:${start.column}` : ''}`))}`;
    }
    for (const note of d.notes ?? []) line += `\n    ${oneLine(note)}`;
    lines.push(line);
  }
  const counts = countBySeverity(all);
  const n = files.length;
  // Typed numbers that agree with the data (prose/typed-literal) are not 尾数 notes: counted apart.
  const typed = all.filter((d) => d.ruleId === 'prose/typed-literal').length;
  const rounding = counts.info - typed;
  const notes = [rounding ? `${rounding} 个尾数提示` : '', typed ? `${typed} 个直接写出的数可改写为辅助函数(check --fix)` : ''].filter(Boolean).join(', ');
  const infos = counts.info ? (verbose ? `${counts.info} 个提示` : `${notes},用 --verbose 查看`) : '';
  if (counts.error + counts.warning === 0) lines.push(`✔ ${n} 份报告检查通过,没有发现问题${infos ? `(${infos})` : ''}`);
  else {
    const parts = [`${counts.error} 个错误`, `${counts.warning} 个警告`];
    if (infos) parts.push(infos);
    lines.push(`${counts.error ? '✖' : '⚠'} ${n} 份报告: ${parts.join(', ')}`);
  }
  return guardCommands(lines.join('\n') + '\n');
}

function pointJson(p: Point | undefined): { line: number; column: number } | null {
  return p ? { line: p.line, column: p.column } : null;
}

function placeJson(place: Position | Point | undefined): { start: { line: number; column: number } | null; end: { line: number; column: number } | null } {
  if (!place) return { start: null, end: null };
  if ('start' in place) return { start: pointJson(place.start), end: pointJson(place.end) };
  return { start: pointJson(place), end: null };
}

/** A diagnostic as plain JSON. */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    file: d.file,
    ...(d.cell ? { cell: d.cell } : {}),
    ...placeJson(d.place),
    severity: d.severity,
    rule: d.ruleId,
    message: d.reason,
    ...(d.expected?.length ? { expected: d.expected[0] } : {}),
    ...(d.actual !== undefined ? { actual: d.actual } : {}),
    ...(d.difference !== undefined ? { difference: d.difference } : {}),
    ...(d.tolerance !== undefined ? { tolerance: d.tolerance } : {}),
    ...(d.notes?.length ? { notes: d.notes } : {}),
    ...(d.related?.length ? { related: d.related.map((r) => ({ file: r.file, label: r.label, ...placeJson(r.place) })) } : {}),
  };
}

/** The whole result as one JSON document. */
export function formatJson(files: readonly VFile[]): string {
  const reports = files.map((f) => {
    const messages = sortDiagnostics(f.messages);
    return { path: f.path, ok: !messages.some((m) => m.severity === 'error'), counts: countBySeverity(messages), messages: messages.map(diagnosticJson) };
  });
  const counts = countBySeverity(files.flatMap((f) => f.messages));
  return jsonText({ reports, counts });
}

/**
 * One JSON document, pretty-printed. `##[` (a workflow command GitHub reads anywhere in a line)
 * can only be inside a string, where `\u0023` is the same `#` to every JSON reader.
 */
export function jsonText(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return JSON.stringify(value, replacer as never, 2).replace(/##\[/gu, '#\\u0023[') + '\n';
}

/** GitHub's escaping of a command's message; `##[` is broken too, though a parsed command is never read again. */
function escapeData(s: string): string {
  return s.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A').replace(/##\[/gu, `#${ZWSP}#[`);
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

/**
 * GitHub Actions workflow commands (::error file=…,line=…::…), one per error or warning; infos
 * (consistent 尾数 differences) are never annotations. Everything echoed is escaped as GitHub
 * specifies (%25 %0D %0A, and %3A %2C in properties), so a value cannot end the command's line.
 */
export function formatGithub(files: readonly VFile[]): string {
  const command: Record<Exclude<Severity, 'info'>, string> = { error: 'error', warning: 'warning' };
  return files
    .flatMap((f) => sortDiagnostics(f.messages))
    .filter((d) => d.fatal === true || d.fatal === false)
    .map((d) => {
      const place = placeJson(d.place);
      const props = [`file=${escapeProperty(d.file ?? '')}`];
      if (place.start) props.push(`line=${place.start.line}`, `col=${place.start.column}`);
      if (place.end) props.push(`endLine=${place.end.line}`, `endColumn=${place.end.column}`);
      props.push(`title=${escapeProperty(`juesuan ${d.ruleId ?? ''}`)}`);
      return `::${command[d.fatal ? 'error' : 'warning']} ${props.join(',')}::${escapeData(d.reason)}\n`;
    })
    .join('');
}
