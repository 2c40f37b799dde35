// `juesuan preview`, driven by a real browser (puppeteer-core + the system Chromium): it serves a
// copy of the seed, reloads after an edit of a value and shows the new value with the problems it
// causes, keeps the last good view when an edit breaks the report, runs no script of the report,
// answers only loopback host names, refuses a non-loopback address, and stops cleanly on a signal.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../src/print/browser.js';
import { copyReport, edit, remove, ROOT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const dir = copyReport();
const profile = mkdtempSync(join(tmpdir(), 'juesuan-preview-profile-'));
let child: ChildProcess;
let output = '';
let url = '';
let browser: Browser;
let page: Page;

/** Resolves once the server's output matches `pattern` (the output seen so far counts). */
function waitForOutput(pattern: RegExp, ms = 120_000): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ${pattern} in: ${output}`)), ms);
    const look = () => {
      const m = pattern.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      done(m);
    };
    child.stdout!.on('data', look);
    look();
  });
}

const tableText = (id: string) => page.$eval(`[data-table="${id}"]`, (e) => (e as unknown as { innerText: string }).innerText);
const topText = () => page.$eval('.jsq-top', (e) => (e as unknown as { innerText: string }).innerText);

beforeAll(async () => {
  edit(dir, 'index.md', '\n# ', '\n<script>window.fromReport = 1</script>\n\n# ');
  child = spawn(process.execPath, [BIN, 'preview', dir, '--port', '0'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
  url = (await waitForOutput(/http:\/\/127\.0\.0\.1:\d+\//u))[0];
  browser = await puppeteer.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`] });
  page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) child.kill('SIGKILL');
  remove(dir);
  rmSync(profile, { recursive: true, force: true });
});

describe('juesuan preview', () => {
  it('serves the report as its print HTML, checked clean, running no script of the report', async () => {
    expect(await page.title()).toContain('部门决算');
    expect(await tableText('公开01')).toContain('292.90');
    expect(await topText()).toContain('检查通过');
    expect(await page.evaluate(() => (globalThis as { fromReport?: number }).fromReport)).toBeUndefined();
    expect(await page.$$eval('script', (s) => s.length)).toBe(1);
  });

  it('reloads after an edit of a value and shows the new value and the problems beside their table', async () => {
    const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 120_000 });
    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 293.47\n  政府性基金');
    await reloaded;
    expect(await tableText('公开01')).toContain('293.47');
    expect(await topText()).toMatch(/检查发现 [1-9]\d* 个错误/u);
    // The problems are shown just before a table they point into.
    const beside = await page.$$eval('aside.jsq-problems:not(.jsq-top)', (boxes) => boxes.map((b) => [b.nextElementSibling?.getAttribute('data-table'), (b as unknown as { innerText: string }).innerText]));
    expect(beside.some(([table, body]) => table === '公开01' && body!.includes('tables.md:'))).toBe(true);
  });

  it('keeps the last good view, with the problems on top, when an edit breaks the report', async () => {
    const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 120_000 });
    edit(dir, 'index.md', 'year: 2023', 'year: [2023');
    await reloaded;
    expect(await topText()).toContain('上一次能显示的版本');
    expect(await topText()).toContain('index.md:');
    expect(await tableText('公开01')).toContain('293.47');
  });

  it('answers only requests made to a loopback host name', async () => {
    const { port } = new URL(url);
    const status = await new Promise<number>((done, fail) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { Host: `attacker.example:${port}` } }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      })
        .on('error', fail)
        .end();
    });
    expect(status).toBe(403);
    expect((await fetch(new URL('/_juesuan/report/index.md', url))).status).toBe(404);
  });

  it('stops on SIGINT with exit code 130, leaving no file behind', async () => {
    const before = readdirSync(dir).sort();
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(output).toContain('预览已停止');
    expect(readdirSync(dir).sort()).toEqual(before);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('refuses an address that is not loopback', () => {
    const r = spawnSync(process.execPath, [BIN, 'preview', dir, '--host', '0.0.0.0'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('预览只在本机地址上提供');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/u);
  });
});
