// `juesuan build --watch`: a batch build, then one more each time a report's inputs change (its
// folder, its prior year, its templates), all with one browser pool kept open between builds; the
// build cache leaves unchanged reports alone. SIGINT/SIGTERM stop it cleanly (exit 130/143).
import { findReports } from '../cli/load.js';
import { runBatch, type BatchOptions } from './batch.js';
import { BrowserPool } from './pool.js';
import { inputsOf, serialized, waitingLine, watchFolders } from './watch.js';

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/** Builds `paths`, then again after every change, until a signal; returns 130/143 (2 when the browser is missing). */
export async function watchBuild(paths: string[], options: BatchOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const dirs = findReports(paths);
  const folders = [...new Set(dirs.flatMap(inputsOf))];
  const pool = new BrowserPool(Math.min(60_000, options.timeout * 1000 + 5_000));
  let stopped: keyof typeof SIGNALS | undefined;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((done) => (finish = done));

  const stop = async (code: number) => {
    watcher.close();
    for (const [s, h] of handlers) process.off(s, h);
    await pool.close(true);
    finish(code);
  };
  const { run, busy } = serialized(async () => {
    const code = await runBatch(paths, { ...options, pool }, out, err);
    if (code === SIGNALS.SIGINT || code === SIGNALS.SIGTERM || stopped) {
      await stop(stopped ? SIGNALS[stopped] : code);
      return false;
    }
    return true;
  }, () => out(waitingLine(folders)));
  const watcher = watchFolders(folders, () => void run());
  const handlers = (Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]).map((s) => {
    const h = () => {
      if (stopped) return;
      stopped = s;
      // A batch in progress stops itself (its own handler) and then ends the watch.
      if (!busy()) void stop(SIGNALS[s]);
    };
    process.on(s, h);
    return [s, h] as const;
  });
  await run();
  return finished;
}
