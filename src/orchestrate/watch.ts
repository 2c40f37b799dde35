// Watching the inputs of a report: its folder, the previous year's, and the templates folder that
// applies to it (node's recursive fs.watch). Bursts of events (an editor's save writes, renames and
// touches) become one call, a short quiet time after the last event.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { priorReportDir, templatesFor } from '../cli/load.js';

/** The folders whose files a report is made of. */
export function inputsOf(dir: string): string[] {
  const prior = priorReportDir(dir);
  return [...new Set([dir, ...(prior ? [prior] : []), templatesFor(dir)])].filter((d) => existsSync(d));
}

export interface Watcher {
  close(): void;
}

/** Calls `changed` once after each burst of changes in `folders` (`quietMs` after the last event). */
export function watchFolders(folders: string[], changed: () => void, quietMs = 150): Watcher {
  let timer: NodeJS.Timeout | undefined;
  const poke = (_event: string, name: string | Buffer | null) => {
    // Editors' swap and backup files are not inputs.
    if (typeof name === 'string' && /(^|[\\/])(\.#|#)|~$|\.sw[a-p]$/u.test(name)) return;
    clearTimeout(timer);
    timer = setTimeout(changed, quietMs);
  };
  const watchers: FSWatcher[] = folders.map((f) => watch(f, { recursive: true }, poke));
  for (const w of watchers) w.on('error', () => undefined);
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/** The line a watch prints when it has caught up with every change. */
export function waitingLine(folders: string[]): string {
  return `等待修改(${folders.length} 个文件夹;Ctrl-C 停止)…\n`;
}

/**
 * A run that never overlaps itself: a call while one is in progress makes it run once more when it
 * ends (changes during a run are not lost, bursts do not pile up). `step` returns false to stop;
 * `idle` is called when a run ends with no change left to take.
 */
export function serialized(step: () => Promise<boolean>, idle: () => void): { run: () => Promise<void>; busy: () => boolean } {
  let busy = false;
  let again = false;
  const run = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        if (!(await step())) return;
        if (!again) idle();
      } while (again);
    } finally {
      busy = false;
    }
  };
  return { run, busy: () => busy };
}
