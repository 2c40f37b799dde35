// `npm run bench`: import of a workbook with 600+ classified rows (公开02/03/05, 200+ each, of a
// report generated from the seed, exported with juesuan export), into a copy with blank tables —
// against a floor measured in the same run: reading the same workbook with SheetJS alone.
import * as XLSX from '@e965/xlsx';
import { bench, describe } from 'vitest';
import { readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/compile-reports.js';
import { planImport } from '../src/cli/import.js';
import { compileReport } from '../src/compile.js';
import { exportTables } from '../src/export/index.js';
import { importTables } from '../src/import/index.js';
import { readWorkbook } from '../src/import/read-workbook.js';
import { blankValues } from '../test/helpers/blank.js';
import { makeLargeReport } from './generate.js';

const full = makeLargeReport(200);
const workspace = workspaceFor([full]);
const compiled = compileReport(readReport(full), workspace);
const { bytes } = exportTables(compiled.data.report!);
const blank = blankValues(makeLargeReport(200), (kind) => compiled.data.report!.tables.has(kind));
const source = readReport(blank);
const blankWorkspace = workspaceFor([blank]);
const parsed = compileReport(source, blankWorkspace).data.parsed!;
const template = compiled.data.report!.template;
const rows = [...compiled.data.report!.tables.values()].reduce((n, t) => n + [...t.sections.values()].reduce((m, s) => m + s.rows.length, 0), 0);

// One run first: the import must be clean and change the blank tables back.
const check = planImport([readWorkbook(bytes, 'large.xlsx')], source, undefined, blankWorkspace, false);
if (check.result.vfile.messages.some((m) => m.fatal)) throw new Error(`the import is not clean: ${check.result.vfile.messages.find((m) => m.fatal)?.reason}`);
if (check.changes.length !== 1) throw new Error('the import changed nothing');

describe(`import of a workbook with ${rows} table rows (${bytes.length} bytes)`, () => {
  bench('floor: SheetJS reads the workbook', () => {
    XLSX.read(bytes, { type: 'buffer', cellNF: true, cellText: true, cellDates: false });
  });
  bench('import: read, find the tables, place every cell, compute the edits', () => {
    importTables([readWorkbook(bytes, 'large.xlsx')], parsed.files, template, '万元', { force: false });
  });
  bench('juesuan import as the command runs it (+ the check of the result, each problem at its cell)', () => {
    planImport([readWorkbook(bytes, 'large.xlsx')], source, undefined, blankWorkspace, false);
  });
});
