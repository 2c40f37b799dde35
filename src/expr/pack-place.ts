// Places in a template pack's YAML files (rules.yaml, derived.yaml): a JSON pointer, and an offset
// into the expression written there, to line:column — so a malformed expression is reported at
// its character in the pack file.
import type { Point, Position } from 'unist';
import { parseYaml, type ParsedYaml } from '../parse/yaml-index.js';

const cache = new Map<string, ParsedYaml>();

function pointOf(text: string, offset: number): Point {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last, offset };
}

/** The place of the value at `pointer` in a pack file's text, `offset` characters into the value's text. */
export function packPlace(text: string, pointer: string, offset = 0, length = 0): Position {
  let parsed = cache.get(text);
  if (!parsed) {
    parsed = parseYaml(text);
    if (cache.size > 16) cache.clear();
    cache.set(text, parsed);
  }
  let p = pointer;
  while (!parsed.index.has(p) && p !== '') p = p.slice(0, p.lastIndexOf('/'));
  const range = parsed.index.get(p)?.value ?? { start: 0, end: 0 };
  // A quoted scalar's text starts after its quote.
  const quoted = text[range.start] === '"' || text[range.start] === "'" ? 1 : 0;
  const start = p === pointer ? Math.min(range.start + quoted + offset, range.end) : range.start;
  return { start: pointOf(text, start), end: pointOf(text, p === pointer ? Math.min(start + Math.max(length, 1), range.end) : range.end) };
}
