// Tests from any clone: the repository is cloned into a temporary folder with nothing beside it and
// the in-process part of the test suite runs there, so a test that reads outside the repository
// (../shared, an absolute path of this machine) fails here. `.ci/run` runs the whole suite that way.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/report.js';

// The files that print, spawn the CLI or take long run in `.ci/run`'s clone, not twice here.
const HEAVY = ['build', 'batch', 'cli', 'mutation', 'diff', 'bad-input', 'bad-input-2', 'template-blocks', 'errors-narrate', 'corpus', 'property', 'network', 'faults', 'clone', 'import', 'import-perf', 'export', 'prose-fix', 'diff-review', 'workflows', 'preview', 'build-watch', 'build-print', 'build-shanghai', 'print-reference', 'import-shanghai', 'compile-cache', 'likely-change', 'completion', 'pr-comment', 'editors', 'check-watch', 'check-memo', 'typed-cache', 'yaml-cache'];
const cheap = readdirSync(join(ROOT, 'test'))
  .filter((f) => f.endsWith('.test.ts') && !HEAVY.includes(f.replace(/\.test\.ts$/u, '')))
  .sort();
const work = mkdtempSync(join(tmpdir(), 'juesuan-clone-'));
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

describe('a clone with nothing beside it', () => {
  it('no test names a path of this machine or a folder beside the repository', () => {
    for (const dir of ['test', 'test/helpers', 'bench']) {
      for (const f of readdirSync(join(ROOT, dir)).filter((n) => n.endsWith('.ts'))) {
        const text = readFileSync(join(ROOT, dir, f), 'utf8');
        expect(text, `${dir}/${f}`).not.toMatch(/['"`](?:\.\.\/)+shared\b|'\.\.',\s*'shared'|['"`]\/work\//u);
      }
    }
  });

  it('no code, script or template pack names this machine\'s folders or a folder beside the repository', () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const files = ['src', 'scripts', 'bin', 'templates', 'schemas', '.ci'].flatMap(walk);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(readFileSync(join(ROOT, f), 'utf8'), f).not.toMatch(/(?:\.\.\/)+shared\b|'\.\.',\s*'shared'|\/work\//u);
  });

  it(`runs the in-process tests in the clone (${cheap.length} files)`, () => {
    const clone = join(work, 'juesuan');
    const git = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { encoding: 'utf8' });
    expect(git.status, git.stderr).toBe(0);
    // The dependencies are installed ones (npm ci would fetch them again): the clone's own files are what is tested.
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    const r = spawnSync(process.execPath, [join(clone, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...cheap.map((f) => `test/${f}`)], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      timeout: 540_000,
    });
    expect(r.status, r.stdout.slice(-3000) + r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Test Files\\s+${cheap.length} passed`, 'u'));
  }, 560_000);
});
