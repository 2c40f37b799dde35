// The classified rows of two reports' tables compared by code: rows added and removed, a code
// renamed (same code, new name) or recoded (same name, new code).
import type { ReportData } from '../data/read.js';

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

/** The classified rows (by code) of each table. */
function codedRows(report: ReportData | undefined): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [id, table] of report?.tables ?? []) {
    const rows = new Map<string, string>();
    for (const section of table.sections.values()) for (const row of section.rows) if (row.code && !section.def.rows) rows.set(row.code, row.label);
    out.set(id, rows);
  }
  return out;
}

/** Rows added, removed, renamed and recoded between two reports. */
export function codeChanges(before: ReportData | undefined, after: ReportData | undefined): { rows: RowChange[]; renamed: Renamed[]; recoded: Recoded[] } {
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
  return { rows, renamed, recoded };
}
