// `juesuan check --watch` on a copy of the seed: the first check passes, an edit of a value is
// checked again at once (the error at its line), undoing it passes again, an edit of the previous
// year's report is seen too, and SIGINT stops it with exit code 130. --watch with JSON is refused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childOutput } from './helpers/child-output.js';
import { copyReport, edit, remove, ROOT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const dir = copyReport();
const cache = mkdtempSync(join(tmpdir(), 'juesuan-watch-cache-'));
const env = { ...process.env, NO_COLOR: '1', JUESUAN_CACHE: cache };
let child: ChildProcess | undefined;


afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  remove(dir);
  rmSync(cache, { recursive: true, force: true });
});

describe('juesuan check --watch', () => {
  it('checks, checks again after each save, and stops on SIGINT', { timeout: 300_000 }, async () => {
    child = spawn(process.execPath, [BIN, 'check', dir, '--watch'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = childOutput(child);
    const waitFor = (pattern: RegExp, n: number) => output.waitFor(pattern, n, 120_000);
    await waitFor(/等待修改/u, 1);
    expect(output.text()).toContain('✔ 1 份报告检查通过');
    expect(output.text()).toContain('等待修改(3 个文件夹');

    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 293.47\n  政府性基金');
    await waitFor(/等待修改/u, 2);
    const second = output.text().slice(output.text().indexOf('等待修改'));
    expect(second).toMatch(/tables\.md:\d+:\d+ {2}错误 .*293\.47/u);
    expect(second).toContain('✖ 1 份报告');

    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 293.47\n  政府性基金', '  一般公共预算财政拨款收入: 292.90\n  政府性基金');
    await waitFor(/✔ 1 份报告检查通过/u, 2);

    // The previous year's report is an input too: a save there is checked again.
    edit(join(dir, '..', '2022'), 'index.md', 'department: ', 'department: 改');
    await waitFor(/等待修改/u, 4);

    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
  });

  it('refuses --watch with a machine format', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', dir, '--watch', '--format', 'json'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--watch 只能用于人读的输出');
  });
});
