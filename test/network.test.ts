// No network, by construction: in a network namespace of its own (only loopback, a DNS sink as
// its resolver, listeners on 127.0.0.1), Chromium as juesuan starts it opens a hostile page
// (preconnect, dns-prefetch, meta refresh, remote CSS, fonts and images) without request
// interception, and `juesuan build` prints a report whose template and prose carry the same: no
// DNS query and no connection arrives. A control run of a bare Chromium shows that the sink sees
// what a leaking browser sends. Needs root and `ip` (scripts/ensure-test-tools.sh installs iproute2).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyReport, remove, ROOT } from './helpers/report.js';
import { applyCase, templateDir } from './helpers/bad-case.js';

const root = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0;
const ns = `juesuan-net-${process.pid}`;
const work = mkdtempSync(join(tmpdir(), 'juesuan-net-'));
const log = join(work, 'sink.log');
let sink: ChildProcess | undefined;
const made: string[] = [];

function inNs(args: string[], timeout = 240_000) {
  return spawnSync('ip', ['netns', 'exec', ns, ...args], { encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
}

/** What the sink logged (and clears it). */
function arrivals(): { kind: string; port?: number; name?: string }[] {
  if (!existsSync(log)) return [];
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  writeFileSync(log, '');
  return lines.map((l) => JSON.parse(l) as { kind: string });
}

describe.skipIf(!root)('no network (a namespace with a DNS sink and loopback listeners)', () => {
  beforeAll(async () => {
    expect(spawnSync('ip', ['netns', 'add', ns]).status).toBe(0);
    expect(spawnSync('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up']).status).toBe(0);
    // `ip netns exec` mounts /etc/netns/<ns>/resolv.conf over /etc/resolv.conf: every lookup asks the sink.
    mkdirSync(`/etc/netns/${ns}`, { recursive: true });
    writeFileSync(`/etc/netns/${ns}/resolv.conf`, 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n');
    writeFileSync(`/etc/netns/${ns}/hosts`, '127.0.0.1 localhost\n');
    sink = spawn('ip', ['netns', 'exec', ns, process.execPath, join(ROOT, 'test', 'fixtures', 'network', 'sink.mjs'), log, '600'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !existsSync(`${log}.ready`); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(`${log}.ready`)).toBe(true);
  }, 30_000);

  afterAll(() => {
    sink?.kill('SIGKILL');
    spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .forEach((pid) => spawnSync('kill', ['-9', pid]));
    spawnSync('ip', ['netns', 'del', ns]);
    rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
    made.forEach(remove);
  });

  it('the sink sees a bare Chromium leak (the control: the test can fail)', () => {
    const r = inNs([process.execPath, join(ROOT, 'test', 'fixtures', 'network', 'open-page.mjs'), 'bare', ROOT]);
    expect(r.status, r.stderr).toBe(0);
    const seen = arrivals();
    expect(seen.length, 'a bare Chromium reached the sink').toBeGreaterThan(0);
    expect(seen.some((a) => a.kind === 'dns') || seen.some((a) => a.kind === 'tcp')).toBe(true);
  }, 120_000);

  it('Chromium as juesuan starts it sends no query and opens no connection, even without request interception', () => {
    const r = inNs([process.execPath, join(ROOT, 'test', 'fixtures', 'network', 'open-page.mjs'), 'juesuan', ROOT]);
    expect(r.status, r.stderr).toBe(0);
    expect(arrivals()).toEqual([]);
  }, 120_000);

  it('juesuan build of a report with a hostile template and prose reaches nothing, and refuses to write', () => {
    const report = copyReport();
    made.push(report);
    applyCase(report, {
      templateEdits: [
        {
          file: 'print/style.css',
          from: '@page {\n',
          to: '@import url(http://127.0.0.1:8123/import.css);\n@font-face { font-family: leak; src: url(http://font.juesuan.test/f.woff2); }\nbody { background: url(http://127.0.0.1:80/bg.png); }\n@page {\n',
        },
      ],
      append: {
        'glossary.md': '\n<link rel="preconnect" href="http://127.0.0.1:8123"><meta http-equiv="refresh" content="0;url=http://127.0.0.1:8123/">\n\n[链接](http://link.juesuan.test/)\n',
      },
    });
    expect(existsSync(templateDir(report))).toBe(true);
    const out = join(work, 'out');
    const r = inNs([process.execPath, join(ROOT, 'bin', 'juesuan.js'), 'build', '--force', report, '--out', out]);
    const text = r.stdout + r.stderr;
    expect(r.status, text).toBe(1);
    expect(text).toContain('print/remote-resource');
    expect(text).not.toMatch(/^\s+at /mu);
    expect(arrivals()).toEqual([]);
    expect(existsSync(join(out, 'dept-2023.pdf'))).toBe(false);
  }, 300_000);
});
