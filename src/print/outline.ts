// The PDF's bookmarks: Chromium's outline read in document order (one entry per heading element,
// with its page and structure element), then rebuilt with the report's own heading texts and
// outline levels — so a heading printed as a table's title keeps its 目录 wording ("二、收入决算表").
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import type { Pdf } from './lazy-pdf.js';

export interface OutlineEntry {
  title: string;
  /** Depth in the outline, from 1. */
  level: number;
  /** 1-based page, 0 when unknown. */
  page: number;
  dest: PDFArray | undefined;
  se: PDFRef | undefined;
}

function titleOf(value: unknown): string {
  if (value instanceof PDFHexString || value instanceof PDFString) return value.decodeText();
  return '';
}

/** Every entry of the outline, depth first (document order for Chromium's). */
export function readOutline(doc: Pdf): OutlineEntry[] {
  const pages = doc.pages.map((p) => p.toString());
  const out: OutlineEntry[] = [];
  const walk = (item: PDFDict | undefined, level: number) => {
    for (let node = item; node; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const dest = node.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const target = dest?.get(0);
      const se = node.get(PDFName.of('SE'));
      out.push({
        title: titleOf(node.lookup(PDFName.of('Title'))),
        level,
        page: target instanceof PDFRef ? pages.indexOf(target.toString()) + 1 : 0,
        dest,
        se: se instanceof PDFRef ? se : undefined,
      });
      walk(node.lookupMaybe(PDFName.of('First'), PDFDict), level + 1);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict), 1);
  return out;
}

export interface Bookmark {
  title: string;
  level: number;
  entry: OutlineEntry;
}

/** Replaces the outline with `bookmarks` (nested by level; levels deeper than `open` start closed); returns the new objects. */
export function writeOutline(doc: Pdf, bookmarks: Bookmark[], open = 2): PDFRef[] {
  const context = doc.context;
  const rootRef = context.nextRef();
  const root = context.obj({ Type: 'Outlines' }) as PDFDict;
  context.assign(rootRef, root);
  const made: PDFRef[] = [rootRef];
  interface Node {
    ref: PDFRef;
    dict: PDFDict;
    level: number;
    kids: Node[];
  }
  const top: Node = { ref: rootRef, dict: root, level: 0, kids: [] };
  const stack: Node[] = [top];
  for (const b of bookmarks) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= b.level) stack.pop();
    const parent = stack[stack.length - 1]!;
    const dict = context.obj({}) as PDFDict;
    dict.set(PDFName.of('Title'), PDFHexString.fromText(b.title));
    dict.set(PDFName.of('Parent'), parent.ref);
    if (b.entry.dest) dict.set(PDFName.of('Dest'), b.entry.dest);
    if (b.entry.se) dict.set(PDFName.of('SE'), b.entry.se);
    const ref = context.register(dict);
    made.push(ref);
    const node: Node = { ref, dict, level: b.level, kids: [] };
    parent.kids.push(node);
    stack.push(node);
  }
  const link = (node: Node): number => {
    const kids = node.kids;
    let visible = 0;
    kids.forEach((kid, i) => {
      if (i > 0) kid.dict.set(PDFName.of('Prev'), kids[i - 1]!.ref);
      if (i < kids.length - 1) kid.dict.set(PDFName.of('Next'), kids[i + 1]!.ref);
      const inner = link(kid);
      if (kid.kids.length) kid.dict.set(PDFName.of('Count'), PDFNumber.of(kid.level < open ? inner : -inner));
      visible += 1 + (kid.level < open ? inner : 0);
    });
    if (kids.length) {
      node.dict.set(PDFName.of('First'), kids[0]!.ref);
      node.dict.set(PDFName.of('Last'), kids[kids.length - 1]!.ref);
    }
    return visible;
  };
  root.set(PDFName.of('Count'), PDFNumber.of(link(top)));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  return made;
}
