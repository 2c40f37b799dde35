// Incremental builds: a content hash of everything an output depends on — the report's sources,
// the previous year's report, the template, the fonts, juesuan's version, SOURCE_DATE_EPOCH — kept
// in <out>/.juesuan-build.json with whether the build was clean; a report whose outputs are current
// and were built without errors is skipped. Builds sharing an --out merge their entries under a lock.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ReportSource } from '../parse/report.js';
import type { TemplateSource } from '../template/load.js';
import { PACKAGE_ROOT } from '../cli/load.js';
import { writeAtomic } from '../cli/write.js';

const require = createRequire(import.meta.url);

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

const TOOL = [
  `juesuan ${(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`,
  `noto-serif-sc ${version('@fontsource/noto-serif-sc')}`,
  `noto-sans-sc ${version('@fontsource/noto-sans-sc')}`,
  `puppeteer-core ${version('puppeteer-core')}`,
].join('\n');

/** The hash of a report's inputs. */
export function inputsHash(report: ReportSource, prior: ReportSource | undefined, template: TemplateSource | undefined, extra: string): string {
  const h = createHash('sha256');
  const add = (label: string, text: string) => h.update(`${label}\0${text.length}\0${text}\0`);
  add('tool', TOOL);
  add('extra', extra);
  add('epoch', process.env.SOURCE_DATE_EPOCH ?? '');
  for (const f of report.files) add(`report/${f.name}`, f.text);
  for (const f of prior?.files ?? []) add(`prior/${f.name}`, f.text);
  for (const [path, text] of [...(template?.files ?? new Map<string, string>())].sort(([a], [b]) => (a < b ? -1 : 1))) add(`template/${path}`, text);
  return h.digest('hex');
}

/** One output's entry: its inputs hash, and whether it was built without errors (not forced past them). */
interface Entry {
  hash: string;
  clean: boolean;
}

function readEntries(path: string): Record<string, Entry> {
  try {
    if (!existsSync(path)) return {};
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const out: Record<string, Entry> = {};
    for (const [name, v] of Object.entries(raw)) {
      if (typeof v === 'string') out[name] = { hash: v, clean: true };
      else if (v && typeof v === 'object' && typeof (v as Entry).hash === 'string') out[name] = { hash: (v as Entry).hash, clean: (v as Entry).clean === true };
    }
    return out;
  } catch {
    return {};
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs `work` holding <dir>/.juesuan-build.lock (a lock left by a dead build, or older than 30 s, is taken over). */
function locked<T>(dir: string, work: () => T): T {
  const lock = join(dir, '.juesuan-build.lock');
  for (let tries = 0; ; tries++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let stale = tries > 250;
      try {
        const pid = Number(readFileSync(lock, 'utf8'));
        stale ||= (pid > 0 && !alive(pid)) || Date.now() - statSync(lock).mtimeMs > 30_000;
      } catch {
        stale = true;
      }
      if (stale) rmSync(lock, { force: true });
      else Atomics.wait(pause, 0, 0, 20);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** The build manifest of an output folder: output name → inputs hash and cleanliness. */
export class BuildCache {
  private readonly path: string;
  private readonly entries: Record<string, Entry>;

  constructor(private readonly dir: string) {
    this.path = join(dir, '.juesuan-build.json');
    this.entries = readEntries(this.path);
  }

  /** Whether the outputs of `name` exist, were built from these inputs, and without errors. */
  current(name: string, hash: string): boolean {
    const e = this.entries[name];
    return e !== undefined && e.hash === hash && e.clean && existsSync(join(this.dir, `${name}.pdf`)) && existsSync(join(this.dir, `${name}.html`));
  }

  /** Records a build (at once, merged with what other builds into this folder recorded meanwhile). */
  record(name: string, hash: string, clean: boolean): void {
    this.entries[name] = { hash, clean };
    this.update((all) => ({ ...all, [name]: { hash, clean } }));
  }

  /** Forgets an output (its build failed: the next build tries again). */
  forget(name: string): void {
    if (!(name in this.entries)) return;
    delete this.entries[name];
    this.update((all) => Object.fromEntries(Object.entries(all).filter(([n]) => n !== name)));
  }

  private update(change: (all: Record<string, Entry>) => Record<string, Entry>): void {
    locked(this.dir, () => {
      const next = change(readEntries(this.path));
      const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : 1)));
      writeAtomic(this.path, JSON.stringify(sorted, null, 2) + '\n');
    });
  }
}
