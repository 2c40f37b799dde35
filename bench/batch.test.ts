// `npm run bench` (second half): batch printing measured on N synthetic reports — check time per
// report; one report's build against the floor Chromium sets (the same final HTML printed by a bare
// page.pdf in the same browser with the same tagged/outline options, and without them; alternated
// three times); batch throughput for N = 1, 10, 100 with one shared browser and with a
// browser per report; peak memory; a no-op incremental rebuild. Prints and saves bench/results.json.
// Measurements, not assertions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { it } from 'vitest';
import { compileReport } from '../src/compile.js';
import { readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/compile-reports.js';
import { runBuild } from '../src/cli/build.js';
import { renderDocument } from '../src/render/document.js';
import { loadFonts } from '../src/print/fonts.js';
import { BrowserPool } from '../src/orchestrate/pool.js';
import { printReport } from '../src/orchestrate/print-report.js';
import { makeSyntheticReports } from './synthetic.js';

const SIZES = (process.env.BENCH_SIZES ?? '1,10,100').split(',').map(Number);
const NO_REUSE_SIZES = (process.env.BENCH_NO_REUSE_SIZES ?? '1,10').split(',').map(Number);
const quiet = () => undefined;
const secs = (ms: number) => Math.round(ms) / 1000;

async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

it('measures batch printing', { timeout: 4 * 3600_000 }, async () => {
  const n = Math.max(...SIZES);
  const { root, dirs } = makeSyntheticReports(n);
  const results: Record<string, unknown> = { machine: `${process.platform} ${process.arch}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores`, reports: n };
  try {
    // (a) check time per report (one workspace, as a batch uses it).
    const workspace = workspaceFor(dirs);
    const [, checkMs] = await timed(() => dirs.forEach((d) => compileReport(readReport(d), workspace, readReport(join(d, '..', '2022')))));
    results.checkPerReportSeconds = secs(checkMs / dirs.length);

    // (b) one build against the floor: the same final HTML, printed by a bare page.pdf.
    const vfile = compileReport(readReport(dirs[0]!), workspace, readReport(join(dirs[0]!, '..', '2022')));
    const fonts = loadFonts(vfile.data.report!.template.manifest.print?.font);
    const out = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
    try {
      // The build as a batch does it: render, one print, the 目录 filled in, bookmarks, metadata.
      const pool = new BrowserPool();
      let printedHtml = '';
      const build = async () => {
        const rendered = renderDocument(vfile, vfile.data.report!, vfile.data.narration!, { fontStyles: fonts.styles });
        printedHtml = rendered.html;
        return printReport(() => pool.get(), { vfile, name: 'b', hash: '' }, fonts, out, rendered);
      };
      // The floor: the same final HTML printed once by a bare page.pdf in the same browser, with the
      // PDF options the build needs (tagged, with its outline) — and, for comparison, without them.
      const floorFile = join(out, 'floor.html');
      const floorWith = (tagged: boolean) => async () => {
        const browser = await pool.get();
        const page = await browser.newPage();
        await page.goto(pathToFileURL(floorFile).href, { waitUntil: 'load' });
        await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged, outline: tagged });
        await page.close();
      };
      const floor = floorWith(true);
      const untagged = floorWith(false);
      await build();
      writeFileSync(floorFile, printedHtml);
      await floor();
      // Alternated, three times each, on a machine others share.
      let buildMs = 0;
      let floorMs = 0;
      let untaggedMs = 0;
      let twoPasses = 0;
      for (let i = 0; i < 3; i++) {
        const [printed, b] = await timed(build);
        if (printed.twoPasses) twoPasses++;
        const [, f] = await timed(floor);
        const [, u] = await timed(untagged);
        buildMs += b / 3;
        floorMs += f / 3;
        untaggedMs += u / 3;
      }
      await pool.close();
      results.buildTwoPasses = twoPasses;
      results.buildSeconds = secs(buildMs);
      results.floorSeconds = secs(floorMs);
      results.buildToFloorRatio = Math.round((buildMs / floorMs) * 100) / 100;
      results.floorUntaggedSeconds = secs(untaggedMs);
      results.buildToUntaggedFloorRatio = Math.round((buildMs / untaggedMs) * 100) / 100;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }

    // (c) throughput, with one shared browser (--jobs 2) and with a browser per report; (e) no-op rebuild.
    const options = (o: string) => ({ out: o, force: false, color: false, all: false, jobs: 2, timeout: 300, progress: false });
    const reuse: Record<string, number> = {};
    const perReport: Record<string, number> = {};
    for (const size of SIZES) {
      const o = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
      const [, ms] = await timed(() => runBuild(dirs.slice(0, size), options(o), quiet, quiet));
      reuse[size] = Math.round((size / (ms / 1000)) * 1000) / 1000;
      if (size === n) {
        const [, noop] = await timed(() => runBuild(dirs.slice(0, size), options(o), quiet, quiet));
        results.noopRebuildSeconds = secs(noop);
      }
      rmSync(o, { recursive: true, force: true });
    }
    for (const size of NO_REUSE_SIZES) {
      const o = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
      const [, ms] = await timed(async () => {
        for (const d of dirs.slice(0, size)) await runBuild([d], options(o), quiet, quiet);
      });
      perReport[size] = Math.round((size / (ms / 1000)) * 1000) / 1000;
      rmSync(o, { recursive: true, force: true });
    }
    results.reportsPerSecondSharedBrowser = reuse;
    results.reportsPerSecondBrowserPerReport = perReport;
    // Shared browser against a browser per report, at the largest N measured both ways.
    const both = NO_REUSE_SIZES.filter((x) => reuse[x] !== undefined).pop();
    if (both !== undefined && perReport[both]) results.sharedToPerReportRatio = Math.round((reuse[both]! / perReport[both]!) * 100) / 100;
    // (d) peak memory of the juesuan process (Chromium's own memory is not included).
    results.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  writeFileSync(join(import.meta.dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
});
