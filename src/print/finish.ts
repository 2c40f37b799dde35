// Finishes a PDF that Chromium printed: reads each heading's page from its outline, fills the
// 目录's page numbers in (one print is enough), rebuilds the bookmarks with the report's headings,
// sets the metadata, appends all of it as an incremental update, and makes the bytes depend on the
// inputs only.
import type { PDFRef } from 'pdf-lib';
import { openPdf } from './lazy-pdf.js';
import type { Heading } from '../render/document.js';
import { PAGE_DIGITS } from '../render/document.js';
import { appendUpdate } from './incremental.js';
import { writeMetadata, type Metadata } from './metadata.js';
import { readOutline, writeOutline, type OutlineEntry } from './outline.js';
import { normalizePdf } from './pdf.js';
import { fillTocDigits } from './toc-digits.js';

export interface Finished {
  pdf: Uint8Array;
  /** The page of each heading, by id. */
  pages: Map<string, number>;
  pageCount: number;
  /** False when the 目录 placeholders could not be filled in: print again with `pages`. */
  filled: boolean;
}

const squash = (t: string) => t.replace(/\s+/gu, '');

/** The outline entry of each heading: by position when Chromium listed every heading, else by title. */
function match(headings: Heading[], entries: OutlineEntry[], titles: string[]): (OutlineEntry | undefined)[] {
  if (entries.length === headings.length) return entries;
  const left = [...entries];
  return headings.map((_h, i) => {
    const k = left.findIndex((e) => squash(e.title) === squash(titles[i]!));
    return k < 0 ? undefined : left.splice(k, 1)[0];
  });
}

/**
 * Finishes `printed`. `titles` are the texts the heading elements show (a table's title for a
 * heading printed as one); `placeholders` the 目录's placeholder digits (none after a second print).
 */
export function finishPdf(printed: Uint8Array, headings: Heading[], titles: string[], placeholders: number[], meta: Metadata): Finished {
  const doc = openPdf(printed);
  const entries = match(headings, readOutline(doc), titles);
  const pages = new Map<string, number>();
  headings.forEach((h, i) => {
    const page = entries[i]?.page ?? 0;
    if (page > 0) pages.set(h.id, page);
  });
  const changed: PDFRef[] = [];
  let filled = true;
  if (placeholders.length) {
    const digits = headings.filter((h) => h.toc).flatMap((h) => String(pages.get(h.id) ?? '').padStart(PAGE_DIGITS, ' ').split(''));
    const patched = digits.length === placeholders.length && digits.length <= placeholders.length ? fillTocDigits(doc, placeholders, digits) : undefined;
    if (patched) changed.push(...patched);
    else filled = false;
  }
  const bookmarks = headings.flatMap((h, i) => (entries[i] ? [{ title: h.text, level: h.level, entry: entries[i]! }] : []));
  changed.push(...writeOutline(doc, bookmarks));
  const { info, objects } = writeMetadata(doc, meta);
  changed.push(...objects);
  const root = doc.root;
  changed.push(root);
  const pdf = normalizePdf(appendUpdate(printed, doc.context, changed, { Root: root, Info: info }), meta.date);
  return { pdf, pages, pageCount: doc.pages.length, filled };
}
