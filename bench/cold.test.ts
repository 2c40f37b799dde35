// `npm run bench` (cold start): the CPU time (user + system) of a new `juesuan` process — `check` of
// the seed with the caches warm (as every run after the first finds them: answered from the check
// memo), `check` after one figure of the seed was edited (the clerk's loop: the memo misses, the
// edited file's tree is reused, the report is compiled), `check` with an empty cache, `--help` and
// `--version` — each as a ratio to a bare `node -e 0` measured in the same run (median of 5); and
// what `check --watch` costs for a check after an edit, in the process that has already checked once.
// Saved into bench/cold-results.json. Measurements, not assertions.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'juesuan.js');
const SEED = join(ROOT, 'reports', 'xunyang-digital-economy', '2023');
const TIME = '/usr/bin/time';
const RUNS = 5;

/** CPU seconds of one process (GNU time's user + system), or its wall time when GNU time is missing. */
function cpu(args: string[], env: NodeJS.ProcessEnv): number {
  if (!existsSync(TIME)) {
    const t = performance.now();
    spawnSync(process.execPath, args, { env, cwd: ROOT });
    return (performance.now() - t) / 1000;
  }
  const r = spawnSync(TIME, ['-f', '@@%U %S', process.execPath, ...args], { env, cwd: ROOT, encoding: 'utf8' });
  const m = /@@([\d.]+) ([\d.]+)/u.exec(r.stderr);
  if (!m) throw new Error(`no timing from ${args.join(' ')}: ${r.stderr}`);
  return Number(m[1]) + Number(m[2]);
}

function median(args: string[], env: NodeJS.ProcessEnv, before?: (run: number) => void): number {
  const times = Array.from({ length: RUNS }, (_, run) => {
    before?.(run);
    return cpu(args, env);
  }).sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

/** A copy of the seed (with 2022) whose 公开05 2010504 项目支出 (tables.md:199) gets a new value before each run. */
function editedCopy(): { dir: string; edit: (run: number) => void } {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-bench-edit-'));
  cpSync(join(SEED, '..'), join(root, 'dept'), { recursive: true });
  const dir = join(root, 'dept', '2023');
  const tables = join(dir, 'tables.md');
  const lines = readFileSync(tables, 'utf8').split('\n');
  if (lines[198] !== '  项目支出: 166.45') throw new Error('tables.md:199 is not 公开05 2010504 项目支出');
  return {
    dir,
    edit(run) {
      lines[198] = `  项目支出: ${167 + run}.45`;
      writeFileSync(tables, lines.join('\n'));
    },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** CPU seconds of one check after an edit inside a process that has checked the report before (what `check --watch` does), median of RUNS. */
function watchRecheck(dir: string, env: NodeJS.ProcessEnv): number {
  const script = `
    import { readFileSync, writeFileSync } from 'node:fs';
    const { checkPaths } = await import(${JSON.stringify(join(ROOT, 'lib', 'cli', 'check.js'))});
    const tables = ${JSON.stringify(join(dir, 'tables.md'))};
    const lines = readFileSync(tables, 'utf8').split('\\n');
    await checkPaths([${JSON.stringify(dir)}]);
    const times = [];
    for (let run = 0; run < ${RUNS}; run++) {
      lines[198] = '  项目支出: ' + (200 + run) + '.45';
      writeFileSync(tables, lines.join('\\n'));
      const t = process.cpuUsage();
      await checkPaths([${JSON.stringify(dir)}]);
      const u = process.cpuUsage(t);
      times.push((u.user + u.system) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log('@@' + times[Math.floor(times.length / 2)]);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, cwd: ROOT, encoding: 'utf8' });
  const m = /@@([\d.]+)/u.exec(r.stdout);
  if (!m) throw new Error(`no timing from the watch re-check: ${r.stderr}`);
  return Number(m[1]);
}

it('measures cold start', { timeout: 600_000 }, () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'juesuan-bench-cache-'));
  const env = { ...process.env, JUESUAN_CACHE: cacheDir, NO_COLOR: '1' };
  try {
    const node = median(['-e', '0'], env);
    const empty = cpu([BIN, 'check', SEED], env);
    const check = median([BIN, 'check', SEED], env);
    const copy = editedCopy();
    cpu([BIN, 'check', copy.dir], env);
    const edited = median([BIN, 'check', copy.dir], env, copy.edit);
    // The same with V8's optimizing compiler left on (bin/juesuan.js turns it off for one-shot commands).
    const optimized = median([BIN, 'check', copy.dir], { ...env, JUESUAN_V8_OPT: '1' }, (run) => copy.edit(RUNS + run));
    const watched = watchRecheck(copy.dir, env);
    rmSync(join(copy.dir, '..', '..'), { recursive: true, force: true });
    const help = median([BIN, '--help'], env);
    const version = median([BIN, '--version'], env);
    const coldStart = {
      nodeSeconds: round(node),
      checkSeconds: round(check),
      checkEmptyCacheSeconds: round(empty),
      checkAfterEditSeconds: round(edited),
      checkAfterEditOptimizerOnSeconds: round(optimized),
      watchRecheckAfterEditSeconds: round(watched),
      helpSeconds: round(help),
      versionSeconds: round(version),
      checkToNodeRatio: round(check / node),
      checkAfterEditToNodeRatio: round(edited / node),
      helpToNodeRatio: round(help / node),
    };
    console.log(`冷启动 (CPU 秒, ${RUNS} 次中位数): node -e 0 ${coldStart.nodeSeconds}; check ${coldStart.checkSeconds} (${coldStart.checkToNodeRatio}×); 改一个数之后 check ${coldStart.checkAfterEditSeconds} (${coldStart.checkAfterEditToNodeRatio}×; 开着 V8 优化编译器 ${coldStart.checkAfterEditOptimizerOnSeconds}), check --watch 中再查 ${coldStart.watchRecheckAfterEditSeconds}; 缓存为空时 ${coldStart.checkEmptyCacheSeconds}; --help ${coldStart.helpSeconds} (${coldStart.helpToNodeRatio}×); --version ${coldStart.versionSeconds}`);
    writeFileSync(join(ROOT, 'bench', 'cold-results.json'), `${JSON.stringify({ machine: `${process.platform} ${process.arch}, Node ${process.version}`, ...coldStart }, null, 2)}\n`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
