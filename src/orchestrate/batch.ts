// A batch build: plans the reports, prints those without errors a few at a time in one shared
// browser (with a time limit, and one retry in a browser of its own), writes each report's PDF and
// HTML atomically, records them in the build cache, and tells the user how each went and how the
// batch ended — every failure listed at the end. One report's failure (a stage, the browser, the
// disk) never stops the others; SIGINT/SIGTERM stop the batch cleanly.
import { join, relative } from 'node:path';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import type { VFile } from 'vfile';
import { countBySeverity, diagnose } from '../diagnostics/message.js';
import { formatHuman, type Colors } from '../diagnostics/format.js';
import { renderDocument, type Rendered } from '../render/document.js';
import { loadFonts, type Fonts } from '../print/fonts.js';
import { NoBrowserError, removeStaleProfiles } from '../print/browser.js';
import { BuildCache } from './cache.js';
import { plan, type Job, type Shard } from './plan.js';
import { BrowserPool, eachLimited, withTimeout } from './pool.js';
import { checkGlyphs, FONT_DIR, imageDir, liveTemps, printReport, reportBase, type Printed } from './print-report.js';
import { writeAtomic } from '../cli/write.js';
import { progressBar, seconds, summaryLine } from './progress.js';
import { ioMessage } from './io-message.js';

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files that builds killed in the middle (kill -9) left in the output folder. */
export function removeStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\..+\.(\d+)\.tmp(?:\.html)?$/u.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

/** The fonts (shared by the folder's reports) and the images the published HTML names, next to it. */
function copyAssets(out: string, job: Job, printed: Printed): void {
  for (const face of printed.fonts) {
    const target = join(out, FONT_DIR, face.name);
    if (!existsSync(target) || statSync(target).size !== statSync(face.path).size) writeAtomic(target, readFileSync(face.path));
  }
  for (const image of printed.images) {
    const source = join(job.vfile.path, image);
    // A missing image prints as a broken picture, as the browser shows it; nothing to copy.
    if (existsSync(source)) writeAtomic(join(out, imageDir(job.name), image), readFileSync(source));
  }
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/** Writes a report's PDF and HTML together: both to temporary files, then both renamed; a failure leaves the previous pair. */
function writeOutputs(out: string, name: string, printed: Printed): void {
  const files = [
    [join(out, `${name}.pdf`), printed.pdf],
    [join(out, `${name}.html`), printed.html],
  ] as const;
  const temps = files.map(([path]) => join(out, `.${name}${path.slice(path.lastIndexOf('.'))}.${process.pid}.tmp`));
  try {
    files.forEach(([, content], i) => {
      liveTemps.add(temps[i]!);
      writeFileSync(temps[i]!, content);
    });
    files.forEach(([path], i) => renameSync(temps[i]!, path));
  } finally {
    for (const t of temps) {
      rmSync(t, { force: true });
      liveTemps.delete(t);
    }
  }
}

/** Builds the reports under `paths`; returns the exit code (0 all built, 1 a report failed, 2 the machine failed, 130/143 interrupted). */
export async function runBatch(paths: string[], options: BatchOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const started = performance.now();
  removeStaleTemps(options.out);
  try {
    removeStaleProfiles();
  } catch {
    // Another user's temporary folder: not ours to clean.
  }
  const cache = new BuildCache(options.out);
  const { jobs, current } = plan(paths, options.shard, cache, options.force);
  // The fonts each template asks for, loaded once.
  const fontsByChoice = new Map<string, Fonts>();
  const fontsOf = (vfile: VFile): Fonts => {
    const choice = vfile.data.report?.template.manifest.print?.font ?? {};
    const key = JSON.stringify(choice);
    let fonts = fontsByChoice.get(key);
    if (!fonts) fontsByChoice.set(key, (fonts = loadFonts(choice)));
    return fonts;
  };
  // A browser that does not start is given up a little after the print's own limit (which names it).
  const pool = new BrowserPool(Math.min(60_000, options.timeout * 1000 + 5_000));
  const abort = new AbortController();
  let interrupted: keyof typeof SIGNALS | undefined;
  let built = 0;
  let pages = 0;
  let done = 0;
  let machineFailed = false;
  const failures: { name: string; why: string }[] = [];
  const tick = (label: string) => {
    done++;
    if (options.progress) err(progressBar(done, jobs.length, label));
  };
  const fail = (job: Job, why: string, machine = false) => {
    failures.push({ name: job.name, why });
    machineFailed ||= machine;
    cache.forget(job.name);
    if (options.progress) err('\n');
    err(formatHuman([job.vfile], options.colors));
    err(`✖ ${job.vfile.path}: ${why}\n`);
  };
  const onSignal = (signal: keyof typeof SIGNALS) => {
    if (interrupted) {
      // A second signal: stop now.
      pool.killAll();
      for (const t of liveTemps) rmSync(t, { force: true });
      process.exit(SIGNALS[signal]);
    }
    interrupted = signal;
    err(`\njuesuan: 收到 ${signal},正在停止(关闭浏览器,删除临时文件)…\n`);
    abort.abort();
    void pool.close(true);
    // Whatever still hangs is killed, and the process ends, within a few seconds.
    setTimeout(() => {
      pool.killAll();
      for (const t of liveTemps) rmSync(t, { force: true });
      process.exit(SIGNALS[signal]);
    }, 8_000).unref();
  };
  const handlers = Object.keys(SIGNALS).map((s) => {
    const h = () => onSignal(s as keyof typeof SIGNALS);
    process.on(s, h);
    return [s, h] as const;
  });

  /** Prints a job: in the shared browser, then once more in a browser of its own. */
  const attempt = async (job: Job, fonts: Fonts, rendered: Rendered): Promise<Printed | { error: unknown }> => {
    let lastError: unknown;
    for (let n = 1; n <= 2 && !interrupted; n++) {
      let browser: Browser | undefined;
      const browserOf = async () => {
        if (browser?.connected) return browser;
        browser = n === 1 ? await pool.get() : await pool.own();
        return browser;
      };
      try {
        return await withTimeout(printReport(browserOf, job, fonts, options.out, rendered), options.timeout * 1000, `印刷 ${job.name}`, abort.signal);
      } catch (error) {
        lastError = error;
        if (error instanceof NoBrowserError || isIoError(error)) break;
        // A crashed or stuck shared browser is replaced (for this report's retry and the others).
        if (n === 1) await pool.discard(browser);
      } finally {
        if (n === 2 && browser) await pool.release(browser);
      }
    }
    return { error: lastError };
  };

  try {
    mkdirSync(options.out, { recursive: true });
    const printable: Job[] = [];
    for (const job of jobs) {
      const { vfile } = job;
      const errors = countBySeverity(vfile.messages).error;
      if (!vfile.data.report || !vfile.data.narration || (errors > 0 && !options.force)) {
        fail(job, `有检查错误,未印刷${vfile.data.narration ? '(--force 可强制印刷)' : ''}`);
        tick(job.name);
        continue;
      }
      printable.push(job);
    }
    await eachLimited(
      printable,
      options.jobs,
      async (job) => {
        const { vfile } = job;
        try {
          const errors = countBySeverity(vfile.messages).error;
          const fonts = fontsOf(vfile);
          for (const s of fonts.substitutes) {
            diagnose(vfile, {
              rule: 'print/font-substitute',
              severity: 'warning',
              reason: `模板要求用${s.wanted}印刷,但没有可自由使用的${s.wanted}字体(npm 与 Debian 均无简体${s.wanted});以${s.used}代替`,
              file: vfile.path,
            });
          }
          // Rendered once: for the glyph check and for the print.
          const rendered = renderDocument(vfile, vfile.data.report!, vfile.data.narration!, { fontStyles: fonts.styles, base: reportBase(vfile) });
          checkGlyphs(vfile, rendered.html, fonts);
          if (countBySeverity(vfile.messages).error > errors) {
            fail(job, '有字体中没有的字符、外部资源或不安全的样式,未印刷');
            return;
          }
          const t0 = performance.now();
          const result = await attempt(job, fonts, rendered);
          if (interrupted) {
            fail(job, `已中断(${interrupted}),未印完`, true);
            return;
          }
          if ('error' in result) {
            const e = result.error;
            const message = e instanceof NoBrowserError ? e.message : isIoError(e) ? ioMessage(e, options.out) : `印刷失败(已重试一次): ${(e as Error)?.message ?? String(e)}`;
            diagnose(vfile, { rule: 'print/failed', reason: message, file: vfile.path, place: { line: 1, column: 1 } });
            fail(job, e instanceof NoBrowserError ? '找不到浏览器' : isIoError(e) ? '无法写出' : '印刷失败', e instanceof NoBrowserError || isIoError(e));
            return;
          }
          if (vfile.messages.some((m) => m.ruleId === 'print/remote-resource')) {
            fail(job, '报告引用了外部资源,未写出');
            return;
          }
          copyAssets(options.out, job, result);
          writeOutputs(options.out, job.name, result);
          cache.record(job.name, job.hash, countBySeverity(vfile.messages).error === 0);
          built++;
          pages += result.pages;
          const line = `✔ ${relative(process.cwd(), join(options.out, `${job.name}.pdf`)) || `${job.name}.pdf`}(${result.pages} 页,${seconds(performance.now() - t0)} 秒)\n`;
          if (!options.progress) out(line);
        } catch (error) {
          // Writing the outputs (a full or read-only disk), or a stage that failed: this report only.
          const reason = isIoError(error) ? ioMessage(error, options.out) : `构建失败: ${(error as Error)?.message ?? String(error)}`;
          diagnose(vfile, { rule: 'print/failed', reason, file: vfile.path, place: { line: 1, column: 1 } });
          fail(job, isIoError(error) ? '无法写出' : '构建失败', isIoError(error));
        } finally {
          tick(job.name);
        }
      },
      () => interrupted !== undefined,
    );
  } catch (error) {
    // The output folder itself cannot be made.
    if (!isIoError(error)) throw error;
    err(`juesuan: ${ioMessage(error, options.out)}\n`);
    return 2;
  } finally {
    await pool.close(true);
    for (const t of liveTemps) rmSync(t, { force: true });
    for (const [s, h] of handlers) process.off(s, h);
  }
  if (options.progress && done) err('\n');
  const failed = failures.length;
  // A rebuild with nothing to do prints nothing.
  if (built + failed > 0) out(summaryLine({ total: jobs.length + current, built, current, failed, pages }, performance.now() - started));
  if (failed) err(`失败的报告:\n${failures.map((f) => `  ✖ ${f.name}: ${f.why}`).join('\n')}\n`);
  if (interrupted) {
    err(`juesuan: 已因 ${interrupted} 中断;未完成的报告没有写出任何文件\n`);
    return SIGNALS[interrupted];
  }
  return machineFailed ? 2 : failed > 0 ? 1 : 0;
}

function isIoError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/u.test(code) && (error as NodeJS.ErrnoException).syscall !== undefined;
}
