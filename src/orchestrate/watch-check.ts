// `juesuan check --watch`: checks the reports, then again each time one of their inputs changes
// (the report's folder, the previous year's, its templates), in one process — the compiler is
// loaded once, so a check after a save costs the compile alone. SIGINT/SIGTERM stop it (130/143).
import type { VFile } from 'vfile';
import { findReports } from '../cli/load.js';
import { inputsOf, serialized, waitingLine, watchFolders } from './watch.js';

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/** Checks `paths` with `check` (which prints), then again after every change, until a signal; returns 130/143. */
export async function watchCheck(paths: string[], check: () => Promise<VFile[]>, print: (files: VFile[]) => void, out: (s: string) => void): Promise<number> {
  const folders = [...new Set(findReports(paths).flatMap(inputsOf))];
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((done) => (finish = done));

  const { run } = serialized(async () => {
    try {
      print(await check());
    } catch (error) {
      // A report folder removed or renamed while watched: said, and the watch goes on.
      out(`无法检查: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return true;
  }, () => out(waitingLine(folders)));
  const watcher = watchFolders(folders, () => void run());
  const handlers = (Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]).map((s) => {
    const h = () => {
      watcher.close();
      for (const [signal, handler] of handlers) process.off(signal, handler);
      finish(SIGNALS[s]);
    };
    process.on(s, h);
    return [s, h] as const;
  });
  await run();
  return finished;
}
