// A PDF opened lazily: its cross-reference table is read, and an object is parsed only when it is
// looked up (pdf-lib parses every object on load, every font included, which costs more than the
// finishing it serves). Enough for Chromium's PDFs: a classic xref table and trailer.
import { PDFArray, PDFContext, PDFDict, PDFName, PDFObject, PDFObjectParser, PDFRef } from 'pdf-lib';
import { lastXref } from './incremental.js';

export interface Pdf {
  bytes: Uint8Array;
  context: PDFContext;
  root: PDFRef;
  catalog: PDFDict;
  info: PDFRef | undefined;
  /** The pages in order. */
  pages: PDFRef[];
}

const text = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, Math.min(to, bytes.length))).toString('latin1');

/** One xref section and its trailer. */
function readSection(bytes: Uint8Array, at: number, context: PDFContext): { offsets: Map<number, number>; trailer: PDFDict } {
  if (text(bytes, at, at + 4) !== 'xref') throw new Error('PDF 没有 xref 表');
  const offsets = new Map<number, number>();
  // Subsections "first count", then count entries of 20 bytes: "offset(10) generation(5) n|f" and EOL.
  const header = /\s*(\d+)\s+(\d+)[ \t]*\r?\n/uy;
  let base = at + 4;
  for (;;) {
    const window = text(bytes, base, base + 64);
    header.lastIndex = 0;
    const m = header.exec(window);
    if (!m) break;
    const first = Number(m[1]);
    const count = Number(m[2]);
    const start = base + header.lastIndex;
    const entries = text(bytes, start, start + count * 20);
    for (let i = 0; i < count; i++) {
      if (entries.charCodeAt(i * 20 + 17) === 0x6e /* n */) offsets.set(first + i, Number(entries.slice(i * 20, i * 20 + 10)));
    }
    base = start + count * 20;
  }
  const pos = base;
  const trailerAt = text(bytes, pos, pos + 64).indexOf('trailer');
  if (trailerAt < 0) throw new Error('PDF 没有 trailer');
  const trailer = PDFObjectParser.forBytes(bytes.subarray(pos + trailerAt + 'trailer'.length), context).parseObject() as PDFDict;
  return { offsets, trailer };
}

/** Opens `bytes`; throws when the PDF has no classic xref table. */
export function openPdf(bytes: Uint8Array): Pdf {
  const context = PDFContext.create();
  const offsets = new Map<number, number>();
  // The newest xref section first; an incremental update's /Prev leads to the older ones.
  let trailer: PDFDict | undefined;
  for (let at: number | undefined = lastXref(bytes); at !== undefined; ) {
    const section = readSection(bytes, at, context);
    for (const [n, offset] of section.offsets) if (!offsets.has(n)) offsets.set(n, offset);
    trailer ??= section.trailer;
    const prev = section.trailer.get(PDFName.of('Prev'));
    at = prev ? Number(prev.toString()) : undefined;
  }
  const loaded = new Set<number>();
  const load = (ref: unknown) => {
    if (!(ref instanceof PDFRef) || loaded.has(ref.objectNumber)) return;
    loaded.add(ref.objectNumber);
    const offset = offsets.get(ref.objectNumber);
    if (offset === undefined) return;
    const start = text(bytes, offset, offset + 40).indexOf('obj') + 3;
    const object = PDFObjectParser.forBytes(bytes.subarray(offset + start), context).parseObject();
    context.assign(ref, object);
  };
  const lookup = context.lookup.bind(context) as (ref: unknown, ...types: unknown[]) => PDFObject;
  const lookupMaybe = context.lookupMaybe.bind(context) as (ref: unknown, ...types: unknown[]) => PDFObject | undefined;
  Object.assign(context, {
    lookup: (ref: unknown, ...types: unknown[]) => (load(ref), lookup(ref, ...types)),
    lookupMaybe: (ref: unknown, ...types: unknown[]) => (load(ref), lookupMaybe(ref, ...types)),
  });
  if (!trailer) throw new Error('PDF 没有 trailer');
  const size = trailer.lookup(PDFName.of('Size'));
  context.largestObjectNumber = Math.max(0, Number(size?.toString() ?? offsets.size) - 1);
  const root = trailer.get(PDFName.of('Root')) as PDFRef;
  const info = trailer.get(PDFName.of('Info'));
  const id = trailer.get(PDFName.of('ID'));
  context.trailerInfo = { Root: root, ...(info ? { Info: info } : {}), ...(id ? { ID: id } : {}) };
  const catalog = context.lookup(root, PDFDict);
  const pages: PDFRef[] = [];
  const walk = (ref: PDFRef) => {
    const node = context.lookup(ref, PDFDict);
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (!kids) pages.push(ref);
    else for (const kid of kids.asArray()) if (kid instanceof PDFRef) walk(kid);
  };
  walk(catalog.get(PDFName.of('Pages')) as PDFRef);
  return { bytes, context, root, catalog, info: info instanceof PDFRef ? info : undefined, pages };
}
