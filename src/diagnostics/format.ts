// Formats diagnostics for people (one compact line each), for tools (JSON) and for GitHub
// Actions (workflow-command annotations). Pure: returns strings, prints nothing.
import type { VFile } from 'vfile';
import { countBySeverity, sortDiagnostics, startOf, type Diagnostic, type Severity } from './message.js';
import type { Point, Position } from 'unist';

export const SEVERITY_WORD: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export interface Colors {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
}

export const NO_COLOR: Colors = { severity: (_s, t) => t, dim: (t) => t };

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
    let line = `${where(d)}  ${colors.severity(d.severity, SEVERITY_WORD[d.severity])}  ${d.reason}  ${colors.dim(d.ruleId ?? '')}`;
    const details: string[] = [];
    if (d.expected?.length) details.push(`应为 ${d.expected.join(' 或 ')}`);
    if (d.actual !== undefined) details.push(`实为 ${d.actual}`);
    if (d.difference !== undefined) details.push(`差额 ${d.difference}`);
    if (d.tolerance !== undefined) details.push(`容差 ${d.tolerance}`);
    if (details.length) line += `\n    ${colors.dim(details.join(';'))}`;
    for (const r of d.related ?? []) {
      const start = startOf(r.place);
      line += `\n    ${colors.dim(`${r.label}: ${r.file}${start ? `:${start.line}:${start.column}` : ''}`)}`;
    }

    for (const note of d.notes ?? []) line += `\n    ${note}`;
    lines.push(line);
  }
  const counts = countBySeverity(all);
  const n = files.length;
  const infos = counts.info ? (verbose ? `${counts.info} 个提示` : `${counts.info} 个尾数提示,用 --verbose 查看`) : '';
  if (counts.error + counts.warning === 0) lines.push(`✔ ${n} 份报告检查通过,没有发现问题${infos ? `(${infos})` : ''}`);
  else {
    const parts = [`${counts.error} 个错误`, `${counts.warning} 个警告`];
    if (infos) parts.push(infos);
    lines.push(`${counts.error ? '✖' : '⚠'} ${n} 份报告: ${parts.join(', ')}`);
  }
  return lines.join('\n') + '\n';
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
  return JSON.stringify({ reports, counts }, null, 2) + '\n';
}

function escapeData(s: string): string {
  return s.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/gu, '%3A').replace(/,/gu, '%2C');
}

/** GitHub Actions workflow commands (::error file=…,line=…::…), one per diagnostic. */
export function formatGithub(files: readonly VFile[]): string {
  const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
  return files
    .flatMap((f) => sortDiagnostics(f.messages))
    .map((d) => {
      const place = placeJson(d.place);
      const props = [`file=${escapeProperty(d.file ?? '')}`];
      if (place.start) props.push(`line=${place.start.line}`, `col=${place.start.column}`);
      if (place.end) props.push(`endLine=${place.end.line}`, `endColumn=${place.end.column}`);
      props.push(`title=${escapeProperty(`juesuan ${d.ruleId ?? ''}`)}`);
      return `::${command[d.severity]} ${props.join(',')}::${escapeData(d.reason)}\n`;
    })
    .join('');
}
