// The compile cache on disk: texts the compiler derived from its inputs (see src/cache.ts), one
// file per key under $JUESUAN_CACHE, $XDG_CACHE_HOME/juesuan or node_modules/.cache/juesuan, in a
// folder named for the code that wrote them. Every entry carries a checksum; an entry that is
// missing, corrupt or unreadable is a miss, and a store that cannot be written is no store at all.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashOf, type CompileCache } from '../cache.js';
import { writeAtomic } from './write.js';

const HEADER = 'juesuan-cache 1 ';
/** Entries kept per kind (a check memo per report: a repository's every report fits); the oldest go first. */
const KEEP = 1000;
/** Folders of other code versions are removed after this long unused (ms). */
const STALE = 7 * 24 * 3600_000;

const CODE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_ROOT = join(CODE_ROOT, '..');

/** The cache folder: JUESUAN_CACHE (or "off"), else XDG_CACHE_HOME/juesuan, else the package's node_modules/.cache/juesuan. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env.JUESUAN_CACHE;
  if (own === 'off' || own === '0') return undefined;
  if (own) return own;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'juesuan');
  return join(PACKAGE_ROOT, 'node_modules', '.cache', 'juesuan');
}

/** Names the code that runs: its compiled files (by size and time) and the locked dependencies. */
function codeVersion(): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (/\.[cm]?[jt]s$/u.test(name)) parts.push(`${full}:${stat.size}:${stat.mtimeMs}`);
    }
  };
  walk(CODE_ROOT);
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(PACKAGE_ROOT, file);
    if (existsSync(path)) parts.push(readFileSync(path, 'utf8'));
  }
  return hashOf(...parts).slice(0, 16);
}

function safe<T>(fn: () => T, otherwise: T): T {
  try {
    return fn();
  } catch {
    return otherwise;
  }
}

/** Keeps the newest KEEP entries of a kind's folder. */
function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.txt'));
  if (names.length <= KEEP) return;
  const dated = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { n } of dated.slice(KEEP)) rmSync(join(dir, n), { force: true });
}

/** Removes the folders of other code versions that nobody used for a while. */
function pruneVersions(root: string, current: string): void {
  for (const name of readdirSync(root)) {
    if (name === current) continue;
    const full = join(root, name);
    if (Date.now() - statSync(full).mtimeMs > STALE) rmSync(full, { recursive: true, force: true });
  }
}

/** The compile cache in a folder (default: cacheRoot()); undefined when caching is off. */
export function diskCache(root = cacheRoot()): CompileCache | undefined {
  if (!root) return undefined;
  let version: string | undefined;
  const folder = () => join(root, (version ??= codeVersion()));
  const path = (kind: string, key: string) => join(folder(), kind, `${key}.txt`);
  let pruned = false;
  // Each kind's folder is pruned once a run (a run may add many entries; the next one trims them).
  const prunedKinds = new Set<string>();
  return {
    get(kind, key) {
      return safe(() => {
        const text = readFileSync(path(kind, key), 'utf8');
        const nl = text.indexOf('\n');
        if (!text.startsWith(HEADER) || nl < 0) return undefined;
        const body = text.slice(nl + 1);
        return text.slice(HEADER.length, nl) === hashOf(body) ? body : undefined;
      }, undefined);
    },
    set(kind, key, text) {
      safe(() => {
        const file = path(kind, key);
        mkdirSync(dirname(file), { recursive: true });
        writeAtomic(file, `${HEADER}${hashOf(text)}\n${text}`);
        if (!prunedKinds.has(kind)) {
          prunedKinds.add(kind);
          prune(dirname(file));
        }
        if (!pruned) {
          pruned = true;
          pruneVersions(root, version!);
        }
      }, undefined);
    },
  };
}
