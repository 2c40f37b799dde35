// `npm run bench`: how long `check` takes on the seed report and on a report whose classified
// tables have 200+ rows (one workspace, as a CLI run or a CI batch uses it); and prose resolution on
// one typed paragraph of 20,000, 40,000 and 80,000 characters (linear: time ∝ length).
import { bench, describe } from 'vitest';
import { compileReport } from '../src/compile.js';
import { readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/compile-reports.js';
import { makeLargeReport, makeLongParagraphReport } from './generate.js';
import { priorReportDir } from '../src/cli/load.js';

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

describe('check (one typed paragraph of 20k / 40k / 80k characters)', () => {
  for (const chars of [20_000, 40_000, 80_000]) {
    const dir = makeLongParagraphReport(chars);
    const source = readReport(dir);
    const prior = readReport(priorReportDir(dir)!);
    const workspace = workspaceFor([dir]);
    bench(`${chars / 1000}k characters`, () => {
      const vfile = compileReport(source, workspace, prior);
      if (!vfile.messages.some((m) => m.ruleId === 'prose/typed-literal')) throw new Error('the long paragraph was not resolved');
    });
  }
});
