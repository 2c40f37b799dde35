// The diff stage: two compiled reports (two years of a department, or two revisions of one
// report) compared the way a reviewer reads them — every changed value of every data block with
// Δ and Δ%, root changes apart from the totals that follow them, rows added and removed, renamed
// codes, the generated sentences paired by origin, other prose, and check results that change.
import type { VFile } from 'vfile';
import { factsOf, renamedBlocks, type RenamedBlock } from './facts.js';
import { valueChanges, type ValueChange } from './values.js';
import { consequences } from './causes.js';
import { sentenceChanges, type TextChange } from './sentences.js';
import { codeChanges, type Recoded, type Renamed, type RowChange } from './rows.js';

export type { ValueChange } from './values.js';
export type { TextChange } from './sentences.js';
export type { Recoded, Renamed, RowChange } from './rows.js';
export type { RenamedBlock } from './facts.js';
/** A changed value (the name the first diff used). */
export type CellChange = ValueChange;

export interface Side {
  path: string;
  department: string;
  year: number;
  /** A partial data file (only the figures another year reads): values it lacks are not changes. */
  partial: boolean;
}

export interface CheckChange {
  op: 'appeared' | 'disappeared';
  rule: string;
  severity: string;
  message: string;
  place: string;
}

export interface ReportDiff {
  old: Side;
  new: Side;
  yearToYear: boolean;
  /** Why these two sides: set when the new report had no old version and is compared with its previous year. */
  note?: string;
  /** Changed cells of the official tables. */
  cells: ValueChange[];
  rows: RowChange[];
  renamed: Renamed[];
  recoded: Recoded[];
  /** Repeatable blocks (a 项目绩效…) whose name changed: their values are compared under the new name. */
  renamedBlocks: RenamedBlock[];
  /** Changed values of every other data block. */
  values: ValueChange[];
  narrative: TextChange[];
  prose: TextChange[];
  checks: CheckChange[];
  /** Year to year: the largest changes, sign flips, and changes whose 主要原因 is missing. */
  largest: ValueChange[];
  signFlips: ValueChange[];
  missingReasons: string[];
}

export interface DiffOptions {
  note?: string;
}

function side(vfile: VFile): Side {
  const fm = vfile.data.frontMatter;
  return { path: vfile.path, department: fm?.department ?? '', year: fm?.year ?? 0, partial: Boolean(fm?.partial) };
}

function checks(vfile: VFile): Map<string, CheckChange> {
  const out = new Map<string, CheckChange>();
  for (const m of vfile.messages) {
    if (m.fatal !== true && m.fatal !== false) continue;
    const place = m.place && 'start' in m.place ? m.place.start : m.place;
    const file = (m.file ?? '').replace(`${vfile.path}/`, '');
    out.set(`${m.ruleId}|${m.reason}`, { op: 'appeared', rule: m.ruleId ?? '', severity: m.fatal ? '错误' : '警告', message: m.reason, place: place ? `${file}:${place.line}:${place.column}` : file });
  }
  return out;
}

/** Compares two compiled reports. */
export function diffReports(before: VFile, after: VFile, options: DiffOptions = {}): ReportDiff {
  const oldSide = side(before);
  const newSide = side(after);
  const b = after.data.report ? factsOf(after.data.report) : [];
  const { renamed, before: a } = renamedBlocks(before.data.report ? factsOf(before.data.report) : [], b);
  // A partial data file holds a few figures of its year: what it does not write is unknown, not empty.
  const changes = valueChanges(a, b).filter((c) => !(c.op === 'added' && oldSide.partial) && !(c.op === 'removed' && newSide.partial));
  for (const [key, roots] of consequences(before, after, a, b, changes, { old: oldSide.partial, new: newSide.partial })) changes.find((c) => c.key === key)!.follows = roots;
  const cells = changes.filter((c) => c.table !== undefined);
  const values = changes.filter((c) => c.table === undefined);
  const ca = checks(before);
  const cb = checks(after);
  const checkChanges: CheckChange[] = [
    ...[...cb].filter(([k]) => !ca.has(k)).map(([, c]) => c),
    ...[...ca].filter(([k]) => !cb.has(k)).map(([, c]) => ({ ...c, op: 'disappeared' as const })),
  ];
  const coded = codeChanges(before.data.report, after.data.report);
  coded.rows = coded.rows.filter((r) => !(r.op === 'added' && oldSide.partial) && !(r.op === 'removed' && newSide.partial));
  const yearToYear = oldSide.year !== newSide.year;
  const partial = [oldSide, newSide].filter((s) => s.partial).map((s) => s.year);
  const note =
    [options.note, partial.length ? `${partial.join('、')} 年度是部分数据文件(只写了其他年度要读的数):只比较它写出的数,不比较文字。` : ''].filter(Boolean).join(' ') || undefined;
  const numeric = cells.filter((c) => c.kind === 'amount' && c.delta !== undefined);
  return {
    old: oldSide,
    new: newSide,
    yearToYear,
    ...(note ? { note } : {}),
    cells,
    ...coded,
    renamedBlocks: renamed,
    values,
    // A partial data file has no text: its sentences are unknown, not removed.
    ...(oldSide.partial || newSide.partial ? { narrative: [], prose: [] } : sentenceChanges(before, after)),
    checks: checkChanges,
    largest: yearToYear ? [...numeric].sort((x, y) => y.magnitude.comparedTo(x.magnitude)).slice(0, 10) : [],
    signFlips: changes.filter((c) => c.signFlip),
    missingReasons: after.messages.filter((m) => m.ruleId === 'narrate/missing-reason').map((m) => {
      const place = m.place && 'start' in m.place ? m.place.start : m.place;
      return `${m.file ?? ''}${place ? `:${place.line}:${place.column}` : ''} ${m.reason}`;
    }),
  };
}
