// `juesuan build`: checks each report, renders it to HTML and prints it to PDF with the system
// Chromium; refuses a report with check errors unless --force; writes DIR/<slug>-<year>.pdf and
// .html atomically, so a failed build never leaves a partial file.
import { basename, dirname, join, relative, resolve } from 'node:path';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import { countBySeverity } from '../diagnostics/message.js';
import { formatHuman } from '../diagnostics/format.js';
import { renderDocument } from '../render/document.js';
import { pointAt } from '../parse/locate.js';
import { loadFonts, type Fonts } from '../print/fonts.js';
import { NoBrowserError } from '../print/browser.js';
import { bookmarkPages, normalizePdf, printFile, removeTemp, writeTemp } from '../print/pdf.js';
import { BrowserPool, eachLimited, withTimeout } from '../print/pool.js';
import { compileReport } from '../compile.js';
import { COLORS, workspaceFor } from './check.js';
import { findReports, priorReportDir, readReport, UsageError } from './load.js';
import { BuildCache, inputsHash } from './cache.js';
import { writeAtomic } from './write.js';

export const BUILD_HELP = `用法: juesuan build <报告文件夹>... [选项]
      juesuan build --all [目录] [选项]

检查报告,生成 HTML 并用 Chromium 印成 PDF: <目录>/<部门>-<年度>.pdf 与 .html(默认目录 dist/)。
有检查错误的报告不印,除非给出 --force。输入未变的报告跳过(增量构建)。

选项:
  --out 目录       输出目录(默认 dist)
  --all            印出目录(默认 reports)下的每一份报告
  --jobs N         同时印刷的页面数(共用一个浏览器,默认 2)
  --shard i/n      只处理按路径排序后的第 i 份(共 n 份),供 CI 矩阵分片
  --timeout 秒     每份报告的印刷时限(默认 180);超时或浏览器崩溃后重试一次
  --force          有检查错误也印,并重印未改动的报告
  -h, --help       显示此帮助

需要系统中的 Chromium(PUPPETEER_EXECUTABLE_PATH,或 /usr/bin/chromium 等)。
PDF 的日期取自 SOURCE_DATE_EPOCH,否则取报告文件头的 date。
`;

export interface BuildOptions {
  out: string;
  /** Print despite check errors, and rebuild outputs that are current. */
  force: boolean;
  color: boolean;
  /** Every report under the paths (default reports/). */
  all: boolean;
  /** Pages printing at once in the shared browser. */
  jobs: number;
  /** This machine's part of the reports: i of n, deterministic. */
  shard?: { index: number; count: number };
  /** Seconds allowed to print one report. */
  timeout: number;
  /** A progress bar (on a terminal) instead of a line per report. */
  progress: boolean;
}


/** The date printed in the PDF: SOURCE_DATE_EPOCH, else the report's date, else the end of its year. */
export function buildDate(vfile: VFile): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/u.test(epoch)) return new Date(Number(epoch) * 1000);
  const fm = vfile.data.frontMatter;
  return new Date(`${fm?.date ?? `${fm?.year ?? 1970}-12-31`}T00:00:00Z`);
}

/** Characters of the printed text that the fonts do not cover, reported where the sources have them. */
function checkGlyphs(vfile: VFile, html: string, fonts: Fonts): void {
  const body = html.replace(/<style>[\s\S]*?<\/style>/u, '').replace(/<[^>]+>/gu, '').replace(/&[a-z#0-9]+;/giu, ' ');
  const missing = new Set<string>();
  for (const ch of body) if (!fonts.covers(ch.codePointAt(0)!) && !/\s/u.test(ch)) missing.add(ch);
  for (const ch of missing) {
    const file = vfile.data.parsed?.files.find((f) => f.file.text.includes(ch));
    const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    diagnose(vfile, {
      rule: 'print/missing-glyph',
      reason: `字符「${ch}」(${code})在印刷字体中没有字形,会印成方框;请改用常用字或补充字体`,
      file: file?.file.path ?? vfile.path,
      place: file ? pointAt(file.file, file.file.text.indexOf(ch)) : undefined,
    });
  }
}

interface Job {
  vfile: VFile;
  name: string;
  hash: string;
}

interface Printed {
  pdf: Uint8Array;
  html: string;
  pages: number;
}

/** Prints one report: a first pass for the 目录's page numbers, then the final one. */
async function printReport(pool: BrowserPool, job: Job, fonts: Fonts, outDir: string): Promise<Printed> {
  const { vfile, name } = job;
  const report = vfile.data.report!;
  const narration = vfile.data.narration!;
  const first = renderDocument(vfile, report, narration, { fontStyles: fonts.styles, pages: new Map() });
  const temp = writeTemp(outDir, name, first.html);
  try {
    const browser = await pool.get();
    if (process.env.JUESUAN_TEST_CRASH_BROWSER === name) browser.process()?.kill('SIGKILL');
    const pass1 = await printFile(browser, temp, fonts.roots);
    const byTitle = await bookmarkPages(pass1.pdf);
    const pages = new Map(first.headings.map((h) => [h.id, byTitle.get(h.text.replace(/\s+/gu, '')) ?? 0] as const).filter(([, p]) => p > 0));
    const html = renderDocument(vfile, report, narration, { fontStyles: fonts.styles, pages }).html;
    writeAtomic(temp, html);
    const pass2 = await printFile(await pool.get(), temp, fonts.roots);
    for (const url of new Set([...pass1.refused, ...pass2.refused])) {
      diagnose(vfile, { rule: 'print/remote-resource', reason: `印刷时拒绝加载「${url}」:只能加载报告与字体的本地文件`, file: vfile.path });
    }
    return { pdf: normalizePdf(pass2.pdf, buildDate(vfile)), html, pages: byTitle.get('\0pages') ?? 0 };
  } finally {
    removeTemp(temp);
  }
}

/** The reports to build (all of them, or one shard): those whose outputs are current are skipped before they are even compiled. */
function plan(paths: string[], shard: { index: number; count: number } | undefined, cache: BuildCache, force: boolean): { jobs: Job[]; current: number } {
  // Partial data files (a previous year's figures) are not printed, and do not count in shards.
  const dirs = findReports(paths)
    .sort()
    .filter((d) => {
      const index = join(d, 'index.md');
      return !existsSync(index) || !/^partial:\s*["']?true["']?\s*$/mu.test(readFileSync(index, 'utf8'));
    });
  const mine = shard ? dirs.filter((_d, i) => i % shard.count === shard.index - 1) : dirs;
  const workspace = workspaceFor(mine.length ? mine : ['.']);
  const jobs: Job[] = [];
  let current = 0;
  for (const dir of mine) {
    const source = readReport(dir);
    const priorDir = priorReportDir(dir);
    const prior = priorDir ? readReport(priorDir) : undefined;
    const templateName = /^template:\s*(\S+)\s*$/mu.exec(source.files.find((f) => f.name === 'index.md')?.text ?? '')?.[1] ?? '';
    const hash = inputsHash(source, prior, workspace.templates.get(templateName), '');
    const name = `${basename(dirname(resolve(dir)))}-${basename(resolve(dir))}`;
    // Unchanged inputs, current outputs: this report was checked and printed already.
    if (!force && cache.current(name, hash)) {
      current++;
      continue;
    }
    const vfile = compileReport(source, workspace, prior);
    if (vfile.data.frontMatter?.partial) continue;
    jobs.push({ vfile, name: `${basename(dirname(resolve(dir)))}-${vfile.data.frontMatter?.year ?? basename(dir)}`, hash });
  }
  return { jobs, current };
}

/** Milliseconds as seconds with one decimal. */
function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function progressBar(done: number, total: number, label: string): string {
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  return `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, 100).padEnd(100);
}

/** Builds reports; returns the exit code. */
export async function runBuild(paths: string[], options: BuildOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (paths.length === 0 && !options.all) throw new UsageError(`请给出要印刷的报告文件夹,或用 --all\n\n${BUILD_HELP}`);
  const started = performance.now();
  const cache = new BuildCache(options.out);
  const { jobs, current } = plan(paths.length ? paths : ['reports'], options.shard, cache, options.force);
  const fonts = loadFonts();
  const pool = new BrowserPool();
  const colors = options.color ? COLORS : undefined;
  let built = 0;
  const skipped = current;
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
    err(formatHuman([vfile], colors));
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
  if (built + failed > 0) {
    const elapsed = seconds(performance.now() - started);
    out(`${failed ? '✖' : '✔'} ${jobs.length + current} 份报告: 印出 ${built},未改动 ${skipped},失败 ${failed};共 ${pages} 页;用时 ${elapsed} 秒\n`);
  }
  return failed > 0 ? 1 : 0;
}
