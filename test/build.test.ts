// `juesuan build` on the seed report: the PDF's pages, tables, values and 情况说明 sentences are
// in its text, all fonts are embedded (no Type 3), two builds give identical bytes; no table page
// repeats its heading, the 目录 has the right levels and the pages its bookmarks say, the tables
// have their 项目 rows, the metadata names the department and juesuan; selected pages look like
// their reference images; the HTML opens from a copied folder with its fonts and passes an
// accessibility check; a remote image, a character the fonts lack, check errors or a missing
// browser stop the build with no file written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { copyReport, edit, remove, ROOT, SEED_REPORT } from './helpers/report.js';
import { differingShare, readPng } from './helpers/png.js';
import { readOutline } from '../src/print/outline.js';
import { openPdf } from '../src/print/lazy-pdf.js';
import { launch } from '../src/print/browser.js';
import { REFERENCE_PAGES } from './fixtures/reference/pages.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const out = mkdtempSync(join(tmpdir(), 'juesuan-build-'));
const made: string[] = [];

function build(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'build', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, output: r.stdout + r.stderr };
}

function pdfText(path: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return spawnSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8' }).stdout;
}

/** The bookmarks as a tree: each entry with its level. */
interface Mark {
  title: string;
  page: number;
  level: number;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const pdf = join(out, 'xunyang-digital-economy-2023.pdf');
let text = '';
let marks: Mark[] = [];

beforeAll(async () => {
  const r = build([SEED_REPORT, '--out', out]);
  expect(r.output).toContain('✔');
  expect(r.status).toBe(0);
  text = pdfText(pdf);
  const doc = openPdf(readFileSync(pdf));
  marks = readOutline(doc).map((e) => ({ title: e.title, page: e.page, level: e.level }));
}, 300_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  made.forEach(remove);
});

describe('build of the seed report', () => {
  it('writes the PDF and the HTML, and nothing else', () => {
    expect(readdirSync(out).sort()).toEqual(['.juesuan-build.json', 'fonts', 'xunyang-digital-economy-2023.html', 'xunyang-digital-economy-2023.pdf']);
    expect(readdirSync(join(out, 'fonts')).every((f) => /\.woff2?$/u.test(f))).toBe(true);
  });

  it('has a sane page count and is tagged, with the report title', () => {
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const pages = Number(/Pages:\s+(\d+)/u.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(30);
    expect(pages).toBeLessThanOrEqual(90);
    expect(info).toMatch(/Tagged:\s+yes/u);
    expect(info).toContain('九江市浔阳区数字经济发展中心2023年度部门决算');
    expect(text).toMatch(new RegExp(`第 1 页 共 ${pages} 页|第 2 页 共 ${pages} 页`, 'u'));
  });

  it('prints every table with a sample of its values', () => {
    const flat = text.replace(/\s+/gu, '');
    const tables: [string, string[]][] = [
      ['收入支出决算总表', ['292.90', '261.26', '25.09']],
      ['收入决算表', ['统计信息事务', '重大公共卫生服务', '6.56']],
      ['支出决算表', ['101.37', '191.53', '166.45']],
      ['财政拨款收入支出决算总表', ['一般公共预算财政拨款', '292.90']],
      ['一般公共预算财政拨款支出决算表', ['94.81']],
      ['一般公共预算财政拨款基本支出决算表', ['86.52', '93.08', '8.29', '30239', '3.41', '地上附着物和青苗补偿']],
      ['政府性基金预算财政拨款收入支出决算表', ['年初结转和结余']],
      ['国有资本经营预算财政拨款支出决算表', ['当此表数据为空时']],
      ['财政拨款“三公”经费支出决算表', ['国（境）外公务接待人次', '——']],
      ['国有资产占用情况表', ['离退休干部服务用车', '单价100万元（含）以上设备']],
      ['项目支出绩效自评表', ['29.050405', '94.49', '办公OA短信费']],
      ['部门整体支出绩效自评表', ['562.50', '84.22', '5,240,588.00', '权重']],
      ['项目绩效自评导出表', ['其中：当年财政拨款', '上年结转资金', '其他资金', '93.81', '17.22']],
    ];
    for (const [title, values] of tables) {
      expect(flat, title).toContain(title);
      for (const v of values) expect(flat, `${title}: ${v}`).toContain(v);
    }
  });

  it('prints the generated 情况说明', () => {
    const flat = text.replace(/\s+/gu, '');
    expect(flat).toContain('本年收入合计292.90万元，比上年减少199.93万元，下降40.57%');
    expect(flat).toContain('对个人和家庭补助支出6.56万元，比上年增加4.84万元，增长280.78%');
    expect(flat).toContain('6个项目评价结果为“优”，2个项目评价结果为“良”');
    expect(flat).toContain('注：本报告因金额单位转换原因可能存在尾数误差。');
  });

  it('embeds every font, none as Type 3', () => {
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toContain('CID TrueType');
      expect(line).toMatch(/\byes\s+yes\s+yes\b/u);
    }
  });

  it('prints each table under its own title only: no heading repeated above it', () => {
    for (const title of ['收入支出决算总表', '收入决算表', '支出决算表', '财政拨款“三公”经费支出决算表', '国有资产占用情况表']) {
      const mark = marks.find((m) => m.title.endsWith(`、${title}`));
      expect(mark, title).toBeDefined();
      const page = pdfText(pdf, mark!.page);
      expect(page, title).toContain(title);
      expect(page, title).not.toContain(mark!.title);
    }
    // The part heading shares its page with the first table, as in the official report.
    const part = marks.find((m) => m.title.startsWith('第二部分'))!;
    expect(marks.find((m) => m.title === '一、收入支出决算总表')!.page).toBe(part.page);
  });

  it('prints the 项目 row over the code and name columns of the classified tables', () => {
    for (const title of ['收入决算表', '支出决算表', '一般公共预算财政拨款支出决算表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表']) {
      const page = pdfText(pdf, marks.find((m) => m.title.endsWith(`、${title}`))!.page);
      expect(page, title).toMatch(/^\s*项目\s/mu);
      expect(page, title).toMatch(/项目[\s\S]*支出功能分类[\s\S]*类\s+款\s+项\s+栏次/u);
    }
  });

  it('lists the headings at their levels in the 目录 and the bookmarks, with the pages they are on', () => {
    const toc = pdfText(pdf, 2);
    expect(toc).toContain('九、预算绩效情况说明');
    expect(toc).not.toContain('部门决算中项目绩效自评情况');
    const nine = marks.find((m) => m.title === '九、预算绩效情况说明')!;
    for (const sub of ['（二）部门决算中项目绩效自评情况', '（三）部门评价项目绩效评价情况']) {
      const m = marks.find((x) => x.title.replace(/\s/gu, '') === sub);
      expect(m, sub).toBeDefined();
      expect(m!.level, sub).toBe(nine.level + 1);
    }
    expect(marks.find((m) => m.title.includes('信息系统通信、运维费项目支出绩效自评表'))!.level).toBe(nine.level + 2);
    // Every 目录 line ends with the page its bookmark points at.
    for (const m of marks.filter((x) => x.level <= 2 && x.title !== '目　录')) {
      const line = toc.split('\n').find((l) => l.replace(/\s/gu, '').startsWith(m.title.replace(/\s/gu, '')));
      expect(line, m.title).toBeDefined();
      expect(line!.trim().split(/\s+/u).pop(), m.title).toBe(String(m.page));
    }
  });

  it('names the department, the subject and juesuan in the metadata', () => {
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Author:\s+九江市浔阳区数字经济发展中心/u);
    expect(info).toMatch(/Subject:\s+2023年度部门决算/u);
    expect(info).toMatch(/Keywords:\s+部门决算/u);
    expect(info).toMatch(/Creator:\s+juesuan \d+\.\d+\.\d+/u);
    expect(info).toMatch(/Metadata Stream:\s+yes/u);
    const xmp = spawnSync('pdfinfo', ['-meta', pdf], { encoding: 'utf8' }).stdout;
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>九江市浔阳区数字经济发展中心</rdf:li>');
    expect(xmp).toMatch(/<xmp:CreatorTool>juesuan \d/u);
  });

  it('looks like the reference images of its selected pages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-pages-'));
    try {
      for (const page of REFERENCE_PAGES) {
        const base = join(dir, 'p');
        spawnSync('pdftoppm', ['-gray', '-r', '50', '-f', String(page), '-l', String(page), '-singlefile', '-png', pdf, base]);
        const got = readPng(readFileSync(`${base}.png`));
        const want = readPng(readFileSync(join(ROOT, 'test', 'fixtures', 'reference', 'xunyang-2023', `page-${String(page).padStart(2, '0')}.png`)));
        const share = differingShare(got, want);
        expect(share, `page ${page}: ${Math.round(share * 10000) / 100}% of the pixels differ (scripts/reference-pages.sh regenerates the images)`).toBeLessThan(0.015);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes an HTML with no absolute path, which opens from a copied folder with its fonts and passes an accessibility check', async () => {
    const html = readFileSync(join(out, 'xunyang-digital-economy-2023.html'), 'utf8');
    // Fonts and images by relative URL (the CSP names the file: scheme, never a file).
    expect(html).not.toContain('file://');
    expect(html).not.toMatch(/(?:src|href)="\//u);
    expect(html).not.toMatch(/url\(["']?\//u);
    expect(html).not.toContain(ROOT);
    expect(html).not.toContain(tmpdir());
    const copy = mkdtempSync(join(tmpdir(), 'juesuan-copy-'));
    cpSync(out, copy, { recursive: true });
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(pathToFileURL(join(copy, 'xunyang-digital-economy-2023.html')).href, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      expect(failed).toEqual([]);
      const report = (await page.evaluate(`(() => {
        const faces = [...document.fonts];
        const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]));
        const skips = headings.filter((l, i) => i > 0 && l > headings[i - 1] + 1).length;
        return {
          lang: document.documentElement.lang,
          title: document.title,
          loaded: faces.filter((f) => f.status === 'loaded').length,
          errors: faces.filter((f) => f.status === 'error').length,
          body: document.fonts.check('16px juesuan-body', '决算'),
          heading: document.fonts.check('bold 16px juesuan-heading', '决算'),
          firstHeading: headings[0],
          skips,
          thWithoutScope: document.querySelectorAll('th:not([scope])').length,
          tablesWithoutHeaders: [...document.querySelectorAll('table')].filter((t) => !t.querySelector('th')).length,
          imagesWithoutAlt: document.querySelectorAll('img:not([alt])').length,
          emptyLinks: [...document.querySelectorAll('a')].filter((a) => !a.textContent.trim()).length,
          tocLinks: [...document.querySelectorAll('nav.toc a')].filter((a) => document.getElementById(a.getAttribute('href').slice(1))).length,
          tocEntries: document.querySelectorAll('nav.toc a').length,
          pageNumbersShown: [...document.querySelectorAll('.toc-page')].filter((e) => getComputedStyle(e).display !== 'none').length,
        };
      })()`)) as Record<string, unknown>;
      expect(report).toMatchObject({ lang: 'zh-CN', errors: 0, body: true, heading: true, firstHeading: 1, skips: 0, thWithoutScope: 0, tablesWithoutHeaders: 0, imagesWithoutAlt: 0, emptyLinks: 0, pageNumbersShown: 0 });
      expect(report.loaded as number).toBeGreaterThan(10);
      expect(report.tocLinks).toBe(report.tocEntries);
    } finally {
      await browser.close();
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it('gives identical bytes on a second build', () => {
    const again = mkdtempSync(join(tmpdir(), 'juesuan-build-'));
    try {
      expect(build([SEED_REPORT, '--out', again]).status).toBe(0);
      expect(sha(join(again, 'xunyang-digital-economy-2023.pdf'))).toBe(sha(pdf));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('build refusals', () => {
  function failing(change: (dir: string) => void, args: string[] = [], env: Record<string, string> = {}) {
    const dir = copyReport();
    made.push(dir);
    change(dir);
    const target = mkdtempSync(join(tmpdir(), 'juesuan-build-'));
    const r = build([dir, '--out', target, ...args], env);
    const files = existsSync(target) ? readdirSync(target) : [];
    rmSync(target, { recursive: true, force: true });
    return { ...r, files };
  }

  it('refuses a remote image, writing nothing', () => {
    const r = failing((dir) => edit(dir, 'index.md', '## 一、部门主要职责', '![logo](https://example.invalid/logo.png)\n\n## 一、部门主要职责'));
    expect(r.status).toBe(1);
    expect(r.output).toContain('print/remote-resource');
    expect(r.output).toContain('https://example.invalid/logo.png');
    expect(r.files).toEqual([]);
  }, 120_000);

  it('names a character the fonts lack, with its place', () => {
    const r = failing((dir) => edit(dir, 'index.md', '## 一、部门主要职责', '䶮\n\n## 一、部门主要职责'));
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/index\.md:\d+:1 {2}错误 {2}字符「䶮」\(U\+4DAE\)/u);
    expect(r.files).toEqual([]);
  }, 120_000);

  it('drops script from report content', () => {
    const dir = copyReport();
    made.push(dir);
    edit(dir, 'index.md', '## 一、部门主要职责', '<script>document.title = "x"</script>\n\n## 一、部门主要职责');
    const target = mkdtempSync(join(tmpdir(), 'juesuan-build-'));
    try {
      expect(build([dir, '--out', target]).status).toBe(0);
      const html = readFileSync(join(target, `${dir.split('/').slice(-2, -1)[0]}-2023.html`), 'utf8');
      expect(html).not.toMatch(/<script/iu);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a report with check errors unless --force', () => {
    const change = (dir: string) => edit(dir, 'tables.md', '30101 基本工资: 22.10', '30101 基本工资: 23.10');
    const refused = failing(change);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('hierarchy/sum');
    expect(refused.files).toEqual([]);
    const forced = failing(change, ['--force']);
    expect(forced.status).toBe(0);
    expect(forced.files.filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  }, 180_000);

  it('says how to install a browser when there is none', () => {
    const r = failing(() => undefined, [], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
    expect(r.status).toBe(2);
    expect(r.output).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(r.output).not.toMatch(/^\s+at /mu);
  }, 60_000);
});
