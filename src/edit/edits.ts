// Source edits as data: a command that changes a report (import, check --fix, fix) computes a list
// of text replacements first; they are shown as a unified diff, and written only by cli/ when the
// command is told to (never a half-applied file: all edits of a file are applied at once).

/** One replacement in one file: the text between two offsets becomes `text`. */
export interface TextEdit {
  /** The file's path, as diagnostics print it. */
  path: string;
  start: number;
  end: number;
  text: string;
}

/** A file before and after its edits. */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/** Applies the edits of one file; overlapping edits are a programming error. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) {
      throw new RangeError(`overlapping or out-of-range edit at ${edit.start}–${edit.end} in ${edit.path}`);
    }
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Groups edits by file and applies them to the files' texts; files whose text is unchanged are left out. */
export function changesOf(edits: readonly TextEdit[], textOf: (path: string) => string): FileChange[] {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.path, [...(byFile.get(edit.path) ?? []), edit]);
  const out: FileChange[] = [];
  for (const [path, list] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = textOf(path);
    const after = applyEdits(before, list);
    if (after !== before) out.push({ path, before, after });
  }
  return out;
}
