// Batch builds: every report of a folder with one shared browser; a no-op rebuild prints nothing;
// --shard splits the reports deterministically; a browser killed in the middle of a batch still
// ends with every other report built and a clear error for the one that failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSyntheticReports } from '../bench/synthetic.js';
import { ROOT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const { root } = makeSyntheticReports(3);
const outs: string[] = [];
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  outs.forEach((o) => rmSync(o, { recursive: true, force: true }));
});

function build(args: string[], env: Record<string, string> = {}) {
  const out = mkdtempSync(join(tmpdir(), 'juesuan-batch-'));
  outs.push(out);
  const r = spawnSync(process.execPath, [BIN, 'build', ...args, '--out', out], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out, pdfs: () => readdirSync(out).filter((f) => f.endsWith('.pdf')).sort() };
}

describe('build --all', () => {
  it('survives a browser killed mid-batch: the others are built, the one that failed says why', () => {
    // Two pages at a time in one browser: the crash also takes down the neighbour's print, which is
    // retried in a browser of its own; the report that kills its browser fails both tries.
    const r = build(['--all', 'reports', '--jobs', '2'], { JUESUAN_TEST_CRASH_BROWSER: 'synthetic-002-2023' });
    expect(r.status).toBe(1);
    expect(r.pdfs()).toEqual(['synthetic-001-2023.pdf', 'synthetic-003-2023.pdf']);
    expect(r.stderr).toContain('印刷失败(已重试一次)');
    expect(r.stderr).toContain('print/failed');
    expect(r.stdout).toMatch(/✖ 3 份报告: 印出 2,未改动 0,失败 1;共 \d+ 页/u);
    expect(r.stderr).toContain('失败的报告:\n  ✖ synthetic-002-2023: 印刷失败');
    expect(existsSync(join(r.out, 'synthetic-002-2023.pdf'))).toBe(false);
  }, 300_000);

  it('rebuilds nothing, and prints nothing, when nothing changed', () => {
    const first = build(['--all', 'reports', '--shard', '1/3']);
    expect(first.status).toBe(0);
    const again = spawnSync(process.execPath, [BIN, 'build', '--all', 'reports', '--shard', '1/3', '--out', first.out], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(again.status).toBe(0);
    expect(again.stdout + again.stderr).toBe('');
  }, 300_000);

  it('splits the reports deterministically with --shard', () => {
    const a = build(['--all', 'reports', '--shard', '2/2']);
    expect(a.status).toBe(0);
    expect(a.pdfs()).toEqual(['synthetic-002-2023.pdf']);
    const help = spawnSync(process.execPath, [BIN, 'build', '--all', '--shard', '3/2'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(2);
    expect(help.stderr).toContain('--shard 应写作 i/n');
  }, 300_000);
});
