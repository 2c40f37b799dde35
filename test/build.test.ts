// `juesuan build` on the seed report: the PDF's pages, tables, values and 情况说明 sentences are
// in its text, all fonts are embedded (no Type 3), two builds give identical bytes; a remote image,
// a character the fonts lack, check errors or a missing browser stop the build with no file written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyReport, edit, remove, ROOT, SEED_REPORT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const out = mkdtempSync(join(tmpdir(), 'juesuan-build-'));
const made: string[] = [];

function build(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'build', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, output: r.stdout + r.stderr };
}

function pdfText(path: string): string {
  return spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).stdout;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const pdf = join(out, 'xunyang-digital-economy-2023.pdf');
let text = '';

beforeAll(() => {
  const r = build([SEED_REPORT, '--out', out]);
  expect(r.output).toContain('✔');
  expect(r.status).toBe(0);
  text = pdfText(pdf);
}, 240_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  made.forEach(remove);
});

describe('build of the seed report', () => {
  it('writes the PDF and the HTML, and nothing else', () => {
    expect(readdirSync(out).sort()).toEqual(['.juesuan-build.json', 'xunyang-digital-economy-2023.html', 'xunyang-digital-economy-2023.pdf']);
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
      ['财政拨款"三公"经费支出决算表', ['国(境)外公务接待人次', '——']],
      ['国有资产占用情况表', ['离退休干部服务用车', '单价100万元(含)以上设备']],
      ['项目支出绩效自评表', ['29.050405', '94.49', '办公OA短信费']],
      ['部门整体支出绩效自评表', ['562.50', '84.22', '5,240,588.00']],
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
