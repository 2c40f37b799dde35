// A batch build: plans the reports, prints those without errors a few at a time in one shared
// browser (with a time limit and one retry each), writes each report's PDF and HTML atomically,
// records them in the build cache, and tells the user how each went and how the batch ended.
import { join, relative } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { VFile } from 'vfile';
import { countBySeverity, diagnose } from '../diagnostics/message.js';
import { formatHuman, type Colors } from '../diagnostics/format.js';
import { renderDocument } from '../render/document.js';
import { loadFonts } from '../print/fonts.js';
import { NoBrowserError } from '../print/browser.js';
import { writeAtomic } from '../cli/write.js';
import { BuildCache } from './cache.js';
import { plan, type Job, type Shard } from './plan.js';
import { BrowserPool, eachLimited, withTimeout } from './pool.js';
import { checkGlyphs, printReport, type Printed } from './print-report.js';
import { progressBar, seconds, summaryLine } from './progress.js';

export interface BatchOptions {
  out: string;
  /** Print despite check errors, and rebuild outputs that are current. */
  force: boolean;
  /** Colors for the diagnostics (none when undefined). */
  colors: Colors | undefined;
  /** Pages printing at once in the shared browser. */
  jobs: number;
  /** This machine's part of the reports: i of n, deterministic. */
  shard?: Shard | undefined;
  /** Seconds allowed to print one report. */
  timeout: number;
  /** A progress bar (on a terminal) instead of a line per report. */
  progress: boolean;
}

/** Builds the reports under `paths`; returns the exit code. */
export async function runBatch(paths: string[], options: BatchOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const started = performance.now();
  const cache = new BuildCache(options.out);
  const { jobs, current } = plan(paths, options.shard, cache, options.force);
  const fonts = loadFonts();
  const pool = new BrowserPool();
  let built = 0;
  let failed = 0;
  let pages = 0;
  let done = 0;
  const tick = (label: string) => {
    done++;
    if (options.progress) err(progressBar(done, jobs.length, label));
  };
  const fail = (vfile: VFile, why: string) => {
    failed++;
    if (options.progress) err('\n');
    err(formatHuman([vfile], options.colors));
    err(`✖ ${vfile.path}: ${why}\n`);
  };
  try {
    mkdirSync(options.out, { recursive: true });
    const printable: Job[] = [];
    for (const job of jobs) {
      const { vfile } = job;
      const errors = countBySeverity(vfile.messages).error;
      if (!vfile.data.report || !vfile.data.narration || (errors > 0 && !options.force)) {
        fail(vfile, `有检查错误,未印刷${vfile.data.narration ? '(--force 可强制印刷)' : ''}`);
        tick(job.name);
        continue;
      }
      printable.push(job);
    }
    await eachLimited(printable, options.jobs, async (job) => {
      const { vfile } = job;
      const errors = countBySeverity(vfile.messages).error;
      const probe = renderDocument(vfile, vfile.data.report!, vfile.data.narration!, { fontStyles: fonts.styles, pages: new Map() });
      checkGlyphs(vfile, probe.html, fonts);
      if (countBySeverity(vfile.messages).error > errors) {
        fail(vfile, '有字体中没有的字符或外部资源,未印刷');
        tick(job.name);
        return;
      }
      let printed: Printed | undefined;
      let lastError: unknown;
      const t0 = performance.now();
      for (let attempt = 1; attempt <= 2 && !printed; attempt++) {
        try {
          printed = await withTimeout(printReport(pool, job, fonts, options.out), options.timeout * 1000, `印刷 ${job.name}`);
        } catch (error) {
          if (error instanceof NoBrowserError) throw error;
          lastError = error;
          // A crashed or stuck browser is replaced before the second try (and for the other reports).
          await pool.close();
        }
      }
      if (!printed) {
        diagnose(vfile, { rule: 'print/failed', reason: `印刷失败(已重试一次): ${(lastError as Error)?.message ?? String(lastError)}`, file: vfile.path });
        fail(vfile, '印刷失败');
        tick(job.name);
        return;
      }
      if (vfile.messages.some((m) => m.ruleId === 'print/remote-resource')) {
        fail(vfile, '报告引用了外部资源,未写出');
        tick(job.name);
        return;
      }
      writeAtomic(join(options.out, `${job.name}.html`), printed.html);
      writeAtomic(join(options.out, `${job.name}.pdf`), printed.pdf);
      cache.record(job.name, job.hash);
      built++;
      pages += printed.pages;
      tick(job.name);
      const line = `✔ ${relative(process.cwd(), join(options.out, `${job.name}.pdf`)) || `${job.name}.pdf`}(${printed.pages} 页,${seconds(performance.now() - t0)} 秒)\n`;
      if (!options.progress) out(line);
    });
  } catch (error) {
    if (error instanceof NoBrowserError) {
      err(`juesuan: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await pool.close();
  }
  if (options.progress && done) err('\n');
  // A rebuild with nothing to do prints nothing.
  if (built + failed > 0) out(summaryLine({ total: jobs.length + current, built, current, failed, pages }, performance.now() - started));
  return failed > 0 ? 1 : 0;
}
