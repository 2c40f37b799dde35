// `juesuan build`: checks each report, renders it to HTML and prints it to PDF with the system
// Chromium; refuses a report with check errors unless --force; writes DIR/<slug>-<year>.pdf and
// .html atomically, so a failed build never leaves a partial file.
import { basename, dirname, join, relative, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import { countBySeverity } from '../diagnostics/message.js';
import { formatHuman } from '../diagnostics/format.js';
import { renderDocument } from '../render/document.js';
import { pointAt } from '../parse/locate.js';
import { loadFonts, type Fonts } from '../print/fonts.js';
import { launch, NoBrowserError } from '../print/browser.js';
import { bookmarkPages, normalizePdf, printFile, removeTemp, writeTemp } from '../print/pdf.js';
import { COLORS, compilePaths } from './check.js';
import { UsageError } from './load.js';
import { writeAtomic } from './write.js';

export const BUILD_HELP = `用法: juesuan build <报告文件夹>... [--out 目录] [--force]

检查报告,生成 HTML 并用 Chromium 印成 PDF: <目录>/<部门>-<年度>.pdf 与 .html(默认目录 dist/)。
有检查错误的报告不印,除非给出 --force。

选项:
  --out 目录   输出目录(默认 dist)
  --force      有检查错误也印
  -h, --help   显示此帮助

需要系统中的 Chromium(PUPPETEER_EXECUTABLE_PATH,或 /usr/bin/chromium 等)。
PDF 的日期取自 SOURCE_DATE_EPOCH,否则取报告文件头的 date。
`;

export interface BuildOptions {
  out: string;
  force: boolean;
  color: boolean;
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

/** Builds every report; returns the exit code. */
export async function runBuild(paths: string[], options: BuildOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (paths.length === 0) throw new UsageError(`请给出要印刷的报告文件夹\n\n${BUILD_HELP}`);
  const files = compilePaths(paths);
  const fonts = loadFonts();
  let failed = 0;
  let browser: Awaited<ReturnType<typeof launch>> | undefined;
  try {
    for (const vfile of files) {
      const report = vfile.data.report;
      const narration = vfile.data.narration;
      const errors = countBySeverity(vfile.messages).error;
      if (!report || !narration || (errors > 0 && !options.force)) {
        err(formatHuman([vfile], options.color ? COLORS : undefined));
        err(`✖ ${vfile.path}: 有检查错误,未印刷${report && narration ? '(--force 可强制印刷)' : ''}\n`);
        failed++;
        continue;
      }
      const slug = basename(dirname(resolve(vfile.path)));
      const name = `${slug}-${report.frontMatter.year}`;
      mkdirSync(options.out, { recursive: true });
      const first = renderDocument(vfile, report, narration, { fontStyles: fonts.styles, pages: new Map() });
      checkGlyphs(vfile, first.html, fonts);
      if (countBySeverity(vfile.messages).error > errors) {
        err(formatHuman([vfile], options.color ? COLORS : undefined));
        failed++;
        continue;
      }
      browser ??= await launch();
      const temp = writeTemp(options.out, name, first.html);
      let pdf: Uint8Array;
      let html = first.html;
      try {
        const pass1 = await printFile(browser, temp, fonts.roots);
        const byTitle = await bookmarkPages(pass1.pdf);
        const pages = new Map(first.headings.map((h) => [h.id, byTitle.get(h.text.replace(/\s+/gu, '')) ?? 0] as const).filter(([, p]) => p > 0));
        html = renderDocument(vfile, report, narration, { fontStyles: fonts.styles, pages }).html;
        writeAtomic(temp, html);
        const pass2 = await printFile(browser, temp, fonts.roots);
        for (const url of new Set([...pass1.refused, ...pass2.refused])) {
          diagnose(vfile, { rule: 'print/remote-resource', reason: `印刷时拒绝加载「${url}」:只能加载报告与字体的本地文件`, file: vfile.path });
        }
        pdf = normalizePdf(pass2.pdf, buildDate(vfile));
      } finally {
        removeTemp(temp);
      }
      if (vfile.messages.some((m) => m.ruleId === 'print/remote-resource')) {
        err(formatHuman([vfile], options.color ? COLORS : undefined));
        failed++;
        continue;
      }
      writeAtomic(join(options.out, `${name}.html`), html);
      writeAtomic(join(options.out, `${name}.pdf`), pdf);
      out(`✔ ${relative(process.cwd(), join(options.out, `${name}.pdf`)) || `${name}.pdf`}\n`);
    }
  } catch (error) {
    if (error instanceof NoBrowserError) {
      err(`juesuan: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await browser?.close();
  }
  return failed > 0 ? 1 : 0;
}
