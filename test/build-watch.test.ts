// `juesuan build --watch` on a copy of the seed: the first build prints the PDF, an edit of a value
// prints it again with the new value (one browser kept between builds), and SIGTERM stops it with
// exit code 143, leaving no temporary file in the output folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childOutput } from './helpers/child-output.js';
import { copyReport, edit, remove, ROOT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const dir = copyReport();
const out = mkdtempSync(join(tmpdir(), 'juesuan-watch-'));
let child: ChildProcess | undefined;


const pdfText = () => spawnSync('pdftotext', ['-layout', join(out, 'dept-2023.pdf'), '-'], { encoding: 'utf8' }).stdout;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  remove(dir);
  rmSync(out, { recursive: true, force: true });
});

describe('juesuan build --watch', () => {
  it('prints, prints again after an edit, and stops on SIGTERM', { timeout: 600_000 }, async () => {
    child = spawn(process.execPath, [BIN, 'build', dir, '--out', out, '--watch'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = childOutput(child);
    const waitFor = (pattern: RegExp, n: number) => output.waitFor(pattern, n);
    await waitFor(/等待修改/u, 1);
    expect(output.text()).toMatch(/✔ .*dept-2023\.pdf/u);
    expect(pdfText()).toContain('292.90');
    expect(pdfText()).not.toContain('293.47');

    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 293.47\n  政府性基金');
    // The edit breaks identities: the build says so and prints nothing, keeping the last PDF.
    await waitFor(/等待修改/u, 2);
    expect(output.text()).toContain('有检查错误,未印刷');
    // Fixed (and renamed: a report's inputs are all its files), it is printed again, whether the two saves come as one change or two.
    edit(dir, 'index.md', 'department: ', 'department: 新');
    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 293.47\n  政府性基金', '  一般公共预算财政拨款收入: 292.90\n  政府性基金');
    await waitFor(/✔ .*dept-2023\.pdf/u, 2);
    expect(pdfText()).toContain('新九江市浔阳区');

    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(readdirSync(out).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
