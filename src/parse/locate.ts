// Turns offsets in a YAML region (a data block, the front matter) into line:column places in
// the Markdown file that holds it.
import { location } from 'vfile-location';
import type { Point, Position } from 'unist';
import type { SourceFile, YamlRegion } from './markdown.js';
import type { Range } from './yaml-index.js';

const cache = new WeakMap<SourceFile, ReturnType<typeof location>>();

function locator(file: SourceFile): ReturnType<typeof location> {
  let found = cache.get(file);
  if (!found) {
    found = location(file.text);
    cache.set(file, found);
  }
  return found;
}

/** The point at an offset of a file. */
export function pointAt(file: SourceFile, offset: number): Point {
  return locator(file).toPoint(offset) ?? { line: 1, column: 1, offset };
}

/** The place in the .md file of a range of a YAML region. */
export function placeOf(file: SourceFile, region: YamlRegion, range: Range): Position {
  return { start: pointAt(file, region.offset + range.start), end: pointAt(file, region.offset + range.end) };
}

/** Where a JSON pointer's key (or, failing that, its value) was written. */
export function placeOfPointer(file: SourceFile, region: YamlRegion, pointer: string, part: 'key' | 'value' = 'value'): Position {
  let p = pointer;
  // Walk up until a pointer we know (a missing property points at its parent).
  while (!region.yaml.index.has(p) && p !== '') p = p.slice(0, p.lastIndexOf('/'));
  const located = region.yaml.index.get(p);
  if (!located) return placeOf(file, region, { start: 0, end: 0 });
  const range = part === 'key' && located.key ? located.key : located.value;
  return placeOf(file, region, range);
}
