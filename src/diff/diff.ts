// The diff stage: two compiled reports (two years of a department, or two revisions of one
// report) compared the way a reviewer reads them — changed cells with Δ and Δ%, rows added and
// removed, renamed codes, values of the other blocks, the generated 情况说明 sentence by sentence
// with the changed words marked, other prose, and check results that appear or disappear.
import { Decimal } from 'decimal.js';
import type { VFile } from 'vfile';
import { partThree, withoutDataBlocks } from '../narrate/markdown.js';
import { percent, wan } from '../narrate/phrases.js';
import { factsOf, shown, type Fact } from './facts.js';
import { align, markWords, sentences } from './text-diff.js';

export interface Side {
  path: string;
  department: string;
  year: number;
}

export interface CellChange {
  label: string;
  table?: string;
  old: string;
  new: string;
  /** new − old in 万元 (amounts) or units; undefined when a side is text. */
  delta?: string;
  /** Δ ÷ |old| in %, when old is not zero. */
  deltaPct?: string;
  signFlip: boolean;
  magnitude: Decimal;
}

export interface RowChange {
  table: string;
  code: string;
  name: string;
  op: 'added' | 'removed';
}

export interface Renamed {
  table: string;
  code: string;
  oldName: string;
  newName: string;
}

export interface Recoded {
  table: string;
  name: string;
  oldCode: string;
  newCode: string;
}

export interface TextChange {
  op: 'changed' | 'added' | 'removed';
  old?: string;
  new?: string;
  marked?: string;
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
  cells: CellChange[];
  rows: RowChange[];
  renamed: Renamed[];
  recoded: Recoded[];
  values: CellChange[];
  narrative: TextChange[];
  prose: TextChange[];
  checks: CheckChange[];
  /** Year to year: the largest changes, sign flips, and changes whose 主要原因 is missing. */
  largest: CellChange[];
  signFlips: CellChange[];
  missingReasons: string[];
}

function side(vfile: VFile): Side {
  const fm = vfile.data.frontMatter;
  return { path: vfile.path, department: fm?.department ?? '', year: fm?.year ?? 0 };
}

function change(label: string, a: Fact | undefined, b: Fact | undefined, table?: string): CellChange | undefined {
  const before = shown(a);
  const after = shown(b);
  if (before === after) return undefined;
  const numeric = (a?.text === undefined && b?.text === undefined) || (!a && b?.text === undefined) || (!b && a?.text === undefined);
  if (!numeric) return { label, ...(table ? { table } : {}), old: before, new: after, signFlip: false, magnitude: new Decimal(0) };
  const amount = (a ?? b)!.amount;
  const x = a?.value ?? new Decimal(0);
  const y = b?.value ?? new Decimal(0);
  const d = y.minus(x);
  return {
    label,
    ...(table ? { table } : {}),
    old: before,
    new: after,
    delta: `${d.isNegative() ? '−' : '+'}${amount ? wan(d.abs()) : d.abs().toString()}`,
    ...(x.isZero() ? {} : { deltaPct: `${d.isNegative() ? '−' : '+'}${percent(d.abs().div(x.abs()).times(100))}%` }),
    signFlip: (x.isPositive() && y.isNegative()) || (x.isNegative() && y.isPositive()),
    magnitude: amount ? d.abs() : new Decimal(0),
  };
}

/** The classified rows (by code) of each table. */
function codedRows(vfile: VFile): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [id, table] of vfile.data.report?.tables ?? []) {
    const rows = new Map<string, string>();
    for (const section of table.sections.values()) for (const row of section.rows) if (row.code && !section.def.rows) rows.set(row.code, row.label);
    out.set(id, rows);
  }
  return out;
}

function proseOf(vfile: VFile, part: 'narrative' | 'other'): string[] {
  const narration = vfile.data.narration;
  const report = vfile.data.report;
  if (!narration || !report) return [];
  const markdown = ['index.md', ...report.frontMatter.parts].map((f) => narration.files.get(f) ?? '').join('\n');
  const three = partThree(markdown);
  const text = part === 'narrative' ? three : markdown.replace(three, '');
  const clean = withoutDataBlocks(text)
    .replace(/^---[\s\S]*?^---\n/mu, '')
    .replace(/<!--[\s\S]*?-->/gu, '')
    .split('\n')
    .filter((l) => !/^\s*(#|\||```)/u.test(l))
    .join('\n');
  return sentences(clean);
}

function textChanges(a: string[], b: string[]): TextChange[] {
  const ops = align(a, b);
  const out: TextChange[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (o.op === 'same') continue;
    const next = ops[i + 1];
    if (o.op === 'del' && next?.op === 'add') {
      const m = markWords(o.value, next.value);
      out.push({ op: 'changed', old: o.value, new: next.value, marked: m.marked });
      i++;
    } else if (o.op === 'del') out.push({ op: 'removed', old: o.value });
    else out.push({ op: 'added', new: o.value });
  }
  return out;
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
export function diffReports(before: VFile, after: VFile): ReportDiff {
  const a = before.data.report ? factsOf(before.data.report) : [];
  const b = after.data.report ? factsOf(after.data.report) : [];
  const byKeyA = new Map(a.map((f) => [f.key, f]));
  const byKeyB = new Map(b.map((f) => [f.key, f]));
  const keys = [...new Set([...byKeyA.keys(), ...byKeyB.keys()])];
  const cells: CellChange[] = [];
  const values: CellChange[] = [];
  for (const key of keys) {
    const fa = byKeyA.get(key);
    const fb = byKeyB.get(key);
    const c = change((fb ?? fa)!.label, fa, fb, (fb ?? fa)!.table);
    if (!c) continue;
    ((fb ?? fa)!.table ? cells : values).push(c);
  }
  const rowsA = codedRows(before);
  const rowsB = codedRows(after);
  const rows: RowChange[] = [];
  const renamed: Renamed[] = [];
  const recoded: Recoded[] = [];
  for (const table of new Set([...rowsA.keys(), ...rowsB.keys()])) {
    const ra = rowsA.get(table) ?? new Map<string, string>();
    const rb = rowsB.get(table) ?? new Map<string, string>();
    const removed = [...ra].filter(([code]) => !rb.has(code));
    const added = [...rb].filter(([code]) => !ra.has(code));
    for (const [code, name] of rb) if (ra.has(code) && ra.get(code) !== name) renamed.push({ table, code, oldName: ra.get(code)!, newName: name });
    for (const [code, name] of removed) {
      const moved = added.find(([, n]) => n === name);
      if (moved) {
        recoded.push({ table, name, oldCode: code, newCode: moved[0] });
        added.splice(added.indexOf(moved), 1);
      } else rows.push({ table, code, name, op: 'removed' });
    }
    for (const [code, name] of added) rows.push({ table, code, name, op: 'added' });
  }
  const ca = checks(before);
  const cb = checks(after);
  const checkChanges: CheckChange[] = [
    ...[...cb].filter(([k]) => !ca.has(k)).map(([, c]) => c),
    ...[...ca].filter(([k]) => !cb.has(k)).map(([, c]) => ({ ...c, op: 'disappeared' as const })),
  ];
  const oldSide = side(before);
  const newSide = side(after);
  const yearToYear = oldSide.year !== newSide.year;
  const amountCells = cells.filter((c) => c.delta !== undefined);
  return {
    old: oldSide,
    new: newSide,
    yearToYear,
    cells,
    rows,
    renamed,
    recoded,
    values,
    narrative: textChanges(proseOf(before, 'narrative'), proseOf(after, 'narrative')),
    prose: textChanges(proseOf(before, 'other'), proseOf(after, 'other')),
    checks: checkChanges,
    largest: yearToYear ? [...amountCells].sort((x, y) => y.magnitude.comparedTo(x.magnitude)).slice(0, 10) : [],
    signFlips: cells.filter((c) => c.signFlip),
    missingReasons: after.messages.filter((m) => m.ruleId === 'narrate/missing-reason').map((m) => {
      const place = m.place && 'start' in m.place ? m.place.start : m.place;
      return `${m.file ?? ''}${place ? `:${place.line}:${place.column}` : ''} ${m.reason}`;
    }),
  };
}
