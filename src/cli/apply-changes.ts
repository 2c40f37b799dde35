// The one way a command changes a source file: it prints the change as a unified diff first, then
// (when asked to) writes every changed file atomically. import, check --fix and fix all go through here.
import { readFileSync } from 'node:fs';
import { changesOf, type FileChange, type TextEdit } from '../edit/edits.js';
import { unifiedDiff } from '../edit/unified-diff.js';
import { writeAtomic } from './write.js';

/** The changes that a list of edits makes to files on disk. */
export function changesOnDisk(edits: readonly TextEdit[]): FileChange[] {
  return changesOf(edits, (path) => readFileSync(path, 'utf8'));
}

/**
 * Shows each change, then writes the changed files when `write` is true. A file that changed on
 * disk since its edits were computed is not written (the command must be run again).
 */
export function showAndApply(changes: readonly FileChange[], write: boolean, out: (s: string) => void): { written: string[]; stale: string[] } {
  const written: string[] = [];
  const stale: string[] = [];
  for (const change of changes) out(unifiedDiff(change));
  if (!write) return { written, stale };
  for (const change of changes) {
    if (readFileSync(change.path, 'utf8') !== change.before) {
      stale.push(change.path);
      continue;
    }
    writeAtomic(change.path, change.after);
    written.push(change.path);
  }
  return { written, stale };
}
