// `npm run bench`: how long `check` takes on the seed report and on a report whose classified
// tables have 200+ rows (one workspace, as a CLI run or a CI batch uses it).
import { bench, describe } from 'vitest';
import { compileReport } from '../src/compile.js';
import { readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/check.js';
import { makeLargeReport } from './generate.js';

const seed = 'reports/xunyang-digital-economy/2023';
const large = makeLargeReport(200);
const seedSource = readReport(seed);
const largeSource = readReport(large);
const seedWorkspace = workspaceFor([seed]);
const largeWorkspace = workspaceFor([large]);
const rows = (largeSource.files.find((f) => f.name === 'tables.md')?.text.match(/^2\d{2,6} /gmu) ?? []).length;

describe(`check (large report: ${rows} classified rows)`, () => {
  bench('seed report', () => {
    compileReport(seedSource, seedWorkspace);
  });
  bench('report with 200+ rows per classified table', () => {
    const vfile = compileReport(largeSource, largeWorkspace);
    if (vfile.messages.some((m) => m.fatal)) throw new Error(`the generated report does not check clean: ${vfile.messages.find((m) => m.fatal)?.reason}`);
  });
});
