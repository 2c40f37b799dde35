// Diagnostics: vfile-messages with a stable rule id, a Chinese reason, the file and place they
// point at, and — for number checks — expected, actual, difference, tolerance and related places.
import { VFileMessage } from 'vfile-message';
import type { VFile } from 'vfile';
import type { Point, Position } from 'unist';

export type Severity = 'error' | 'warning' | 'info';

/** A place in another file or part of the report that a diagnostic refers to (an addend…). */
export interface Related {
  file: string;
  place: Position | Point | undefined;
  label: string;
}

export interface DiagnosticInit {
  rule: string;
  reason: string;
  file: string;
  place?: Position | Point | undefined;
  severity?: Severity;
  expected?: string;
  actual?: string;
  difference?: string;
  tolerance?: string;
  related?: Related[];
  note?: string;
  /** Detail lines printed indented under the reason (the parts of a sum, the totals that follow…). */
  notes?: string[];
  /** For a problem in a workbook (import): the sheet and cell, `公开05!C12`; `file` is the workbook. */
  cell?: string;
}

/** The extra fields juesuan keeps on a VFileMessage. */
export interface Diagnostic extends VFileMessage {
  severity: Severity;
  difference?: string;
  tolerance?: string;
  related?: Related[];
  /** Detail lines, printed indented under the reason. */
  notes?: string[];
  cell?: string;
}

/**
 * A reason as one line: the report's text it echoes cannot start a line of its own (a forged
 * `::error` or `::stop-commands::` in CI logs) nor carry control characters to a terminal.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced.
  return text.replace(/\r\n|[\r\n\u2028\u2029]/gu, '↵').replace(/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Adds a diagnostic to the report's VFile and returns it. */
export function diagnose(vfile: VFile, init: DiagnosticInit): Diagnostic {
  const message = new VFileMessage(oneLine(init.reason), {
    place: init.place,
    ruleId: init.rule,
    source: 'juesuan',
  }) as Diagnostic;
  message.file = init.file;
  const severity = init.severity ?? 'error';
  message.severity = severity;
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  if (init.expected !== undefined) message.expected = [init.expected];
  if (init.actual !== undefined) message.actual = init.actual;
  if (init.difference !== undefined) message.difference = init.difference;
  if (init.tolerance !== undefined) message.tolerance = init.tolerance;
  if (init.related !== undefined) message.related = init.related;
  if (init.note !== undefined) message.note = init.note;
  if (init.notes?.length) message.notes = init.notes.map(oneLine);
  if (init.cell !== undefined) message.cell = init.cell;
  vfile.messages.push(message);
  return message;
}

/** The start point of a place. */
export function startOf(place: Position | Point | undefined): Point | undefined {
  if (!place) return undefined;
  return 'start' in place ? place.start : place;
}

/** Sorts diagnostics by file, line, column, then rule id (stable output for people and CI). */
export function sortDiagnostics(messages: readonly VFileMessage[]): Diagnostic[] {
  const key = (m: VFileMessage): [string, number, number, string] => {
    const p = startOf(m.place);
    return [m.file ?? '', p?.line ?? 0, p?.column ?? 0, m.ruleId ?? ''];
  };
  return [...messages].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i]!;
      const y = kb[i]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  }) as Diagnostic[];
}

/** Counts errors, warnings and infos. */
export function countBySeverity(messages: readonly VFileMessage[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const m of messages) counts[(m as Diagnostic).severity ?? (m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info')]++;
  return counts;
}
