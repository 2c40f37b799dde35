// Parses the YAML of a data block or front matter with the failsafe schema (every scalar stays
// the string it was written as) and indexes every node by JSON pointer, with its source range.
import { parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node as YamlNode } from 'yaml';

export interface Range {
  /** Offsets into the YAML text. */
  start: number;
  end: number;
}

export interface Located {
  key?: Range;
  value: Range;
}

export interface YamlIssue {
  code: string;
  message: string;
  range: Range;
}

export interface ParsedYaml {
  doc: Document;
  /** JSON pointer → where the key and value were written. */
  index: Map<string, Located>;
  errors: YamlIssue[];
}

/** Escapes one JSON-pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/gu, '~0').replace(/\//gu, '~1');
}

/** Splits a JSON pointer into its segments. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}

function rangeOf(node: YamlNode | null | undefined, fallback: number): Range {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: fallback, end: fallback };
}

function walk(node: unknown, pointer: string, index: Map<string, Located>, at: number, duplicates: YamlIssue[]): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keyText = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyRange = rangeOf(keyNode, at);
      if (seen.has(keyText)) {
        duplicates.push({ code: 'DUPLICATE_KEY', message: `duplicate key ${keyText}`, range: keyRange });
        continue;
      }
      seen.add(keyText);
      const child = `${pointer}/${escapePointer(keyText)}`;
      const valueNode = pair.value as YamlNode | null;
      const value = valueNode?.range ? rangeOf(valueNode, keyRange.end) : { start: keyRange.start, end: keyRange.end };
      index.set(child, { key: keyRange, value });
      walk(valueNode, child, index, keyRange.end, duplicates);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = `${pointer}/${i}`;
      const value = rangeOf(item as YamlNode, at);
      index.set(child, { value });
      walk(item, child, index, value.end, duplicates);
    });
  }
}

/** Parses YAML text; syntax errors and duplicate keys come back as issues, never as exceptions. */
export function parseYaml(text: string): ParsedYaml {
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  const index = new Map<string, Located>();
  index.set('', { value: rangeOf(doc.contents as YamlNode | null, 0) });
  const duplicates: YamlIssue[] = [];
  walk(doc.contents, '', index, 0, duplicates);
  // Duplicate keys are found by the walk above, which points at the second key; yaml's own
  // DUPLICATE_KEY error points elsewhere.
  const errors: YamlIssue[] = [...doc.errors, ...doc.warnings].filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => ({
    code: e.code,
    message: e.message.split('\n')[0] ?? e.message,
    range: { start: e.pos[0], end: e.pos[1] },
  }));
  return { doc, index, errors: [...errors, ...duplicates].sort((a, b) => a.range.start - b.range.start) };
}
