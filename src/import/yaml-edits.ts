// Writes values into a data block's YAML as text edits: the block's parsed Document (the `yaml`
// library's nodes and their source ranges) says where each key and value is, and only the values
// that change are rewritten — prose, comments, alignment and key order stay as they were. New keys
// go after their preceding sibling; keys the import owns and the workbook lacks are removed.
import { isMap, isPair, isScalar, isSeq, stringify, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../edit/edits.js';

/** What a block should hold: a map of entries (in order), or a value's text (null: empty). */
export type Desired =
  | { kind: 'map'; entries: [string, Desired][]; prune?: boolean }
  | { kind: 'leaf'; text: string | null }
  /** A list of maps whose items are matched by one field (an indicator by its 三级指标); none added or removed. */
  | { kind: 'list'; key: string; items: [string, Desired & { kind: 'map' }][] };

export interface YamlTarget {
  /** The Markdown file's path and text. */
  path: string;
  text: string;
  /** Offset of the YAML text in the file. */
  offset: number;
  contents: unknown;
}

export interface Conflict {
  /** The key path whose written shape differs from what the import would write. */
  path: string[];
  offset: number;
}

type Same = (existing: string, wanted: string) => boolean;

function keyText(key: string): string {
  return stringify(key).trimEnd();
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function hasValues(d: Desired): boolean {
  if (d.kind === 'leaf') return d.text !== null;
  if (d.kind === 'list') return d.items.some(([, v]) => hasValues(v));
  return d.entries.some(([, v]) => hasValues(v));
}

/** The lines of a new entry (values only: empty cells are not written). */
function lines(key: string, d: Desired, indent: number): string {
  const pad = ' '.repeat(indent);
  if (d.kind === 'leaf') return `${pad}${keyText(key)}:${d.text === null ? '' : ` ${d.text}`}\n`;
  if (d.kind === 'list') return '';
  return `${pad}${keyText(key)}:\n` + d.entries.filter(([, v]) => hasValues(v)).map(([k, v]) => lines(k, v, indent + 2)).join('');
}

class Editor {
  readonly edits: TextEdit[] = [];
  readonly conflicts: Conflict[] = [];

  constructor(
    private readonly t: YamlTarget,
    private readonly same: Same,
  ) {}

  private abs(offset: number): number {
    return this.t.offset + offset;
  }

  private lineStart(abs: number): number {
    return this.t.text.lastIndexOf('\n', abs - 1) + 1;
  }

  /** The offset after the line break of the line holding `abs` (or just before it, if `abs` starts a line). */
  private lineEnd(abs: number): number {
    if (abs > 0 && this.t.text[abs - 1] === '\n') return abs;
    const nl = this.t.text.indexOf('\n', abs);
    return nl === -1 ? this.t.text.length : nl + 1;
  }

  private column(abs: number): number {
    return abs - this.lineStart(abs);
  }

  /** The last offset of a pair's text (its value, or its last descendant). */
  private lastOf(node: unknown, fallback: number): number {
    if ((isMap(node) || isSeq(node)) && node.items.length) {
      const last = node.items[node.items.length - 1];
      if (isPair(last)) return this.lastOf(last.value, (last.key as YamlNode | null)?.range?.[1] ?? fallback);
      return this.lastOf(last, fallback);
    }
    const range = (node as YamlNode | null)?.range;
    return range ? Math.max(range[1], fallback) : fallback;
  }

  private insert(abs: number, text: string): void {
    this.edits.push({ path: this.t.path, start: abs, end: abs, text });
  }

  private replace(start: number, end: number, text: string): void {
    this.edits.push({ path: this.t.path, start, end, text });
  }

  /** Sets a scalar pair's value: the text after the colon up to a comment or the line's end. */
  private setScalar(pair: Pair, wanted: string | null): void {
    const value = pair.value as YamlNode | null;
    const existing = isScalar(value) ? String(value.value ?? '') : '';
    const keyEnd = this.abs((pair.key as YamlNode).range![1]);
    const colon = this.t.text.indexOf(':', keyEnd);
    if (existing === '' && wanted === null) return;
    if (existing !== '' && wanted !== null && this.same(existing, wanted)) return;
    const from = colon + 1;
    let to: number;
    if (existing !== '' && value?.range) to = this.abs(value.range[1]);
    else {
      to = from;
      while (to < this.t.text.length && (this.t.text[to] === ' ' || this.t.text[to] === '\t')) to++;
    }
    // Before a comment, the spaces stay (the comment keeps its column when the value was blanked).
    const comment = this.t.text[to] === '#';
    if (wanted === null) this.replace(from, to, '');
    else if (existing === '' && comment) this.replace(from, from, ` ${wanted}`);
    else this.replace(from, to, ` ${wanted}`);
  }

  /** Brings a map to the desired entries. */
  map(node: YAMLMap, d: Desired & { kind: 'map' }, path: string[]): void {
    const pairs = node.items.filter(isPair);
    const byKey = new Map(pairs.map((p) => [keyOf(p), p]));
    const indent = pairs.length ? this.column(this.abs((pairs[0]!.key as YamlNode).range![0])) : 0;
    let previous: Pair | undefined;
    const wanted = new Set(d.entries.map(([k]) => k));
    for (const [key, child] of d.entries) {
      const pair = byKey.get(key);
      if (!pair) {
        if (!hasValues(child)) continue;
        if (child.kind === 'list') {
          this.conflicts.push({ path: [...path, key], offset: this.abs(node.range?.[0] ?? 0) });
          continue;
        }
        const at = previous ? this.lineEnd(this.abs(this.lastOf(previous.value, (previous.key as YamlNode).range![1]))) : pairs.length ? this.lineStart(this.abs((pairs[0]!.key as YamlNode).range![0])) : this.abs(node.range?.[0] ?? 0);
        this.insert(at, lines(key, child, indent));
        continue;
      }
      previous = pair;
      this.entry(pair, child, [...path, key]);
    }
    if (!d.prune) return;
    for (const pair of pairs) {
      if (wanted.has(keyOf(pair))) continue;
      const start = this.lineStart(this.abs((pair.key as YamlNode).range![0]));
      const end = this.lineEnd(this.abs(this.lastOf(pair.value, (pair.key as YamlNode).range![1])));
      this.replace(start, end, '');
    }
  }

  private entry(pair: Pair, d: Desired, path: string[]): void {
    const value = pair.value as YamlNode | null;
    if (d.kind === 'list') {
      if (!isSeq(value)) {
        if (hasValues(d)) this.conflicts.push({ path, offset: this.abs(value?.range?.[0] ?? 0) });
        return;
      }
      const found = new Set<string>();
      for (const item of value.items) {
        if (!isMap(item)) continue;
        const named = item.items.find((p) => isPair(p) && keyOf(p) === d.key);
        const name = named && isScalar(named.value) ? String(named.value.value ?? '').trim() : '';
        const wanted = d.items.find(([n]) => n === name);
        if (!wanted) continue;
        found.add(name);
        this.map(item, wanted[1], [...path, name]);
      }
      for (const [name, item] of d.items) if (!found.has(name) && hasValues(item)) this.conflicts.push({ path: [...path, name], offset: this.abs(value.range?.[0] ?? 0) });
      return;
    }
    const empty = !value || (isScalar(value) && String(value.value ?? '') === '');
    if (d.kind === 'leaf') {
      if (empty || isScalar(value)) this.setScalar(pair, d.text);
      else this.conflicts.push({ path, offset: this.abs(value.range?.[0] ?? 0) });
      return;
    }
    if (isMap(value) && value.items.length && !value.flow) {
      this.map(value, d, path);
      return;
    }
    if (empty) {
      if (!hasValues(d)) return;
      const keyStart = this.abs((pair.key as YamlNode).range![0]);
      const at = this.lineEnd(this.abs((pair.key as YamlNode).range![1]));
      const body = d.entries.filter(([, v]) => hasValues(v)).map(([k, v]) => lines(k, v, this.column(keyStart) + 2)).join('');
      // An empty flow map `{}` or a trailing space is dropped with the empty value.
      const keyEnd = this.abs((pair.key as YamlNode).range![1]);
      const colon = this.t.text.indexOf(':', keyEnd);
      const rest = this.t.text.slice(colon + 1, at).replace(/\n$/u, '');
      if (/^\s*(\{\s*\})?\s*$/u.test(rest) && rest !== '') this.replace(colon + 1, colon + 1 + rest.length, '');
      this.insert(at, body);
      return;
    }
    this.conflicts.push({ path, offset: this.abs(value?.range?.[0] ?? 0) });
  }
}

/** The edits that bring a block's YAML to what the workbook says. */
export function reconcile(target: YamlTarget, desired: Desired & { kind: 'map' }, same: Same): { edits: TextEdit[]; conflicts: Conflict[] } {
  const editor = new Editor(target, same);
  const root = target.contents;
  if (isMap(root) && root.items.length && !root.flow) editor.map(root, desired, []);
  else if (root === null || root === undefined || (isScalar(root) && String(root.value ?? '') === '')) {
    const body = desired.entries.filter(([, v]) => hasValues(v)).map(([k, v]) => lines(k, v, 0)).join('');
    if (body) editor.edits.push({ path: target.path, start: target.offset, end: target.offset, text: body });
  } else editor.conflicts.push({ path: [], offset: target.offset });
  return { edits: editor.edits, conflicts: editor.conflicts };
}
