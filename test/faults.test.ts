// Faults: a build killed with -9 while printing leaves the previous PDF (or none), never a partial
// one, and no Chromium behind it; the next build cleans its temporary files and recovers. SIGTERM
// and SIGINT stop a build cleanly. A browser that fails its first launch is really relaunched; a
// crashing or hanging browser, a read-only or full output folder each end with a clear message and
// a non-zero exit, `build --all` going on with the other reports and listing each failure at the end.
// The build cache records --force past errors; two builds into one --out keep both entries.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../src/print/browser.js';
import { copyReport, edit, remove, ROOT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const work = mkdtempSync(join(tmpdir(), 'juesuan-faults-'));
const made: string[] = [];
const mounts: string[] = [];
afterAll(() => {
  mounts.forEach((m) => spawnSync('umount', ['-l', m]));
  rmSync(work, { recursive: true, force: true });
  made.forEach(remove);
}, 60_000);

const env = (more: Record<string, string> = {}) => ({ ...process.env, NO_COLOR: '1', CI: 'true', ...more });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STACK = /^\s+at .+:\d+:\d+\)?$/mu;

function report(): string {
  const dir = copyReport();
  made.push(dir);
  return dir;
}

function build(args: string[], more: Record<string, string> = {}, timeout = 300_000) {
  const r = spawnSync(process.execPath, [BIN, 'build', ...args], { encoding: 'utf8', env: env(more), timeout });
  return { status: r.status, text: r.stdout + r.stderr };
}

/** Pids of the Chromium processes a juesuan process started (their profile folder carries its pid). */
function chromiumOf(pid: number): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/u.test(n))) {
    try {
      if (readFileSync(`/proc/${p}/cmdline`, 'latin1').includes(`juesuan-chromium-${pid}-`)) out.push(Number(p));
    } catch {
      // gone
    }
  }
  return out;
}

async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (let t = 0; t < ms; t += 100) {
    if (test()) return true;
    await sleep(100);
  }
  return test();
}

/** A PDF that is whole: a header and an end-of-file marker. */
function wholePdf(path: string): boolean {
  const bytes = readFileSync(path);
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-' && bytes.subarray(-1024).toString('latin1').includes('%%EOF');
}

const temps = (out: string) => (existsSync(out) ? readdirSync(out).filter((f) => f.includes('.tmp')) : []);

/** Starts a build and sends `signal` once printing has begun (its temporary HTML exists) plus `delay` ms. */
async function interrupt(dir: string, out: string, signal: NodeJS.Signals, delay: number) {
  const child = spawn(process.execPath, [BIN, 'build', dir, '--out', out], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code, sig) => done(code ?? (sig ? -1 : null))));
  expect(await until(() => temps(out).some((f) => f.endsWith('.tmp.html')), 240_000), 'printing began').toBe(true);
  if (signal === 'SIGKILL') expect(await until(() => chromiumOf(child.pid!).length > 0, 60_000), 'a browser was started').toBe(true);
  await sleep(delay);
  const browsers = chromiumOf(child.pid!);
  child.kill(signal);
  const t0 = performance.now();
  const code = await exited;
  return { code, text, pid: child.pid!, browsers, seconds: (performance.now() - t0) / 1000 };
}

describe('faults', () => {
  it('kill -9 while printing: the previous PDF stays whole, no Chromium outlives the build, the next build cleans up', async () => {
    const dir = report();
    const out = join(work, 'kill');
    expect(build([dir, '--out', out]).status).toBe(0);
    const pdf = join(out, 'dept-2023.pdf');
    const before = readFileSync(pdf);
    writeFileSync(join(dir, 'glossary.md'), readFileSync(join(dir, 'glossary.md'), 'utf8') + '\n改动后的一段。\n');
    for (const delay of [0, 3_000]) {
      const r = await interrupt(dir, out, 'SIGKILL', delay);
      expect(r.code).toBe(-1);
      expect(r.browsers.length, 'a browser was running').toBeGreaterThan(0);
      expect(await until(() => chromiumOf(r.pid).length === 0, 10_000), `Chromium of ${r.pid} outlived it`).toBe(true);
      expect(readFileSync(pdf).equals(before) || wholePdf(pdf)).toBe(true);
      expect(wholePdf(pdf)).toBe(true);
    }
    expect(temps(out).length, 'a killed build leaves its temporary files').toBeGreaterThan(0);
    const again = build([dir, '--out', out]);
    expect(again.status, again.text).toBe(0);
    expect(temps(out)).toEqual([]);
    expect(wholePdf(pdf)).toBe(true);
    expect(readFileSync(pdf).equals(before)).toBe(false);
    expect(readdirSync(tmpdir()).filter((n) => /^juesuan-chromium-/u.test(n) && !chromiumOf(Number(n.split('-')[2])).length && !existsSync(`/proc/${n.split('-')[2]}`))).toEqual([]);
  }, 900_000);

  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal} stops a build cleanly: exit ${code}, browser closed, no temporary file, no PDF`, async () => {
      const dir = report();
      const out = join(work, signal);
      const r = await interrupt(dir, out, signal, 1_000);
      expect(r.code, r.text).toBe(code);
      expect(r.seconds).toBeLessThan(20);
      expect(r.text).toContain(`收到 ${signal}`);
      expect(r.text).not.toMatch(STACK);
      expect(await until(() => chromiumOf(r.pid).length === 0, 5_000)).toBe(true);
      expect(temps(out)).toEqual([]);
      expect(existsSync(join(out, 'dept-2023.pdf'))).toBe(false);
    }, 400_000);
  }

  it('a browser that fails its first launch is relaunched, and the report is printed', () => {
    const dir = report();
    const marker = join(work, 'launches');
    const flaky = join(work, 'flaky-chromium.sh');
    writeFileSync(flaky, `#!/bin/sh\necho x >> ${marker}\n[ "$(wc -l < ${marker})" -le 1 ] && exit 1\nexec ${findChromium()} "$@"\n`);
    chmodSync(flaky, 0o755);
    const r = build([dir, '--out', join(work, 'flaky')], { PUPPETEER_EXECUTABLE_PATH: flaky });
    expect(r.status, r.text).toBe(0);
    expect(readFileSync(marker, 'utf8').trim().split('\n').length).toBe(2);
  }, 300_000);

  it('a crashing browser and a hanging browser: a clear message and a non-zero exit for each report, listed at the end', () => {
    const dir = report();
    const crash = join(work, 'crash.sh');
    writeFileSync(crash, '#!/bin/sh\necho "Segmentation fault" >&2\nexit 139\n');
    const hang = join(work, 'hang.sh');
    writeFileSync(hang, '#!/bin/sh\nexec sleep 600\n');
    chmodSync(crash, 0o755);
    chmodSync(hang, 0o755);
    for (const [exe, words] of [[crash, '无法启动浏览器'], [hang, '5 秒']] as const) {
      const t0 = performance.now();
      const r = build([dir, '--out', join(work, 'broken'), '--timeout', '5'], { PUPPETEER_EXECUTABLE_PATH: exe }, 120_000);
      expect(r.status, r.text).toBe(1);
      expect(r.text).toContain(words);
      expect(r.text).toContain('失败的报告:');
      expect(r.text).not.toMatch(STACK);
      expect(performance.now() - t0).toBeLessThan(90_000);
    }
    expect(spawnSync('pgrep', ['-f', `^sleep 600$`]).stdout.toString().trim()).toBe('');
  }, 300_000);

  it('a read-only and a full output folder: a clear message, exit 2, no partial file, every report tried', () => {
    const dir = report();
    const other = join(dir, '..', '2024');
    spawnSync('cp', ['-r', dir, other]);
    edit(other, 'index.md', 'year: 2023', 'year: 2024');
    for (const [name, options, words] of [['ro', 'ro,size=4m', '只读'], ['full', 'size=600k', '磁盘已满']] as const) {
      const out = join(work, name);
      mkdirSync(out, { recursive: true });
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', out]);
      if (m.status !== 0) return; // no mount here: nothing to test
      mounts.push(out);
      const r = build(['--all', join(dir, '..'), '--out', out, '--force']);
      expect(r.status, r.text).toBe(2);
      expect(r.text).toContain(words);
      expect(r.text).not.toMatch(STACK);
      expect(r.text).not.toContain('内部错误');
      expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toEqual([]);
      expect(temps(out)).toEqual([]);
    }
  }, 600_000);

  it('the build cache records --force: a plain build after forcing past an error is not up to date', () => {
    const dir = report();
    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 292.90\n', '  一般公共预算财政拨款收入: 292.91\n');
    const out = join(work, 'forced');
    const forced = build([dir, '--out', out, '--force']);
    expect(forced.status, forced.text).toBe(0);
    const plain = build([dir, '--out', out]);
    expect(plain.status).toBe(1);
    expect(plain.text).toContain('有检查错误,未印刷');
    const cache = JSON.parse(readFileSync(join(out, '.juesuan-build.json'), 'utf8')) as Record<string, unknown>;
    expect(cache).toEqual({});
  }, 300_000);

  it('two builds into one --out at once keep both outputs and both cache entries', async () => {
    const a = report();
    const b = report();
    edit(b, 'index.md', 'department: 九江市浔阳区数字经济发展中心', 'department: 九江市浔阳区数字经济发展中心二');
    const out = join(work, 'one-out');
    const run = (dir: string, name: string) =>
      new Promise<number | null>((done) => {
        spawnSync('mv', [join(dir, '..'), join(dir, '..', '..', name)]);
        spawn(process.execPath, [BIN, 'build', join(dir, '..', '..', name, '2023'), '--out', out], { env: env(), stdio: 'ignore' }).on('exit', done);
      });
    const [ra, rb] = await Promise.all([run(a, 'alpha'), run(b, 'beta')]);
    expect([ra, rb]).toEqual([0, 0]);
    const cache = JSON.parse(readFileSync(join(out, '.juesuan-build.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(cache).sort()).toEqual(['alpha-2023', 'beta-2023']);
    expect(wholePdf(join(out, 'alpha-2023.pdf')) && wholePdf(join(out, 'beta-2023.pdf'))).toBe(true);
    expect(temps(out)).toEqual([]);
  }, 600_000);
});
