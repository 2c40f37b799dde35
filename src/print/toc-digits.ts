// Fills in the 目录's page numbers in a PDF printed once: the 目录 was laid out with placeholder
// digits in fixed-width boxes, set in a font of their own (juesuan-toc-digits), so the real numbers
// take the same place. Each placeholder glyph is swapped for the digit of the page number (kept
// centred in its box by the glyph widths), a leading blank box is emptied.
import { deflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import type { Pdf } from './lazy-pdf.js';

interface DigitFont {
  ref: PDFRef;
  /** CID → digit, digit → CID. */
  digitOf: Map<number, string>;
  cidOf: Map<string, number>;
  /** Glyph widths (1/1000 em) by CID. */
  width(cid: number): number;
}

function streamText(stream: PDFStream | undefined): string {
  if (!(stream instanceof PDFRawStream)) return '';
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

/** CID → Unicode text from a ToUnicode CMap (bfchar and bfrange). */
function toUnicode(cmap: string): Map<number, string> {
  const out = new Map<number, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/gu) ?? []).map((x) => Number.parseInt(x, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/gu)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/gu)) out.set(Number.parseInt(m[1]!, 16), hex(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/gu)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/gu)) {
      const lo = Number.parseInt(m[1]!, 16);
      const hi = Number.parseInt(m[2]!, 16);
      const start = hex(m[3]!).codePointAt(0)!;
      for (let c = lo; c <= hi; c++) out.set(c, String.fromCodePoint(start + c - lo));
    }
  }
  return out;
}

function widths(font: PDFDict): (cid: number) => number {
  const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
  const dw = descendant?.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000;
  const table = new Map<number, number>();
  const w = descendant?.lookupMaybe(PDFName.of('W'), PDFArray);
  if (w) {
    for (let i = 0; i < w.size(); ) {
      const first = (w.lookup(i) as PDFNumber).asNumber();
      const next = w.lookup(i + 1);
      if (next instanceof PDFArray) {
        for (let k = 0; k < next.size(); k++) table.set(first + k, (next.lookup(k) as PDFNumber).asNumber());
        i += 2;
      } else {
        const last = (next as PDFNumber).asNumber();
        const value = (w.lookup(i + 2) as PDFNumber).asNumber();
        for (let c = first; c <= last; c++) table.set(c, value);
        i += 3;
      }
    }
  }
  return (cid) => table.get(cid) ?? dw;
}

function fontsOf(doc: Pdf, page: PDFRef): PDFDict | undefined {
  const node = doc.context.lookup(page, PDFDict);
  return node.lookupMaybe(PDFName.of('Resources'), PDFDict)?.lookupMaybe(PDFName.of('Font'), PDFDict);
}

/** The font that holds nothing but the ten digits (the 目录's page-number font), on the first pages that have it. */
function digitFont(doc: Pdf): DigitFont | undefined {
  for (const page of doc.pages.slice(0, 12)) {
    const fonts = fontsOf(doc, page);
    if (!fonts) continue;
    for (const [, value] of fonts.entries()) {
      if (!(value instanceof PDFRef)) continue;
      const font = doc.context.lookup(value, PDFDict);
      const map = toUnicode(streamText(font.lookupMaybe(PDFName.of('ToUnicode'), PDFStream)));
      const texts = [...map.values()];
      if (texts.length === 10 && texts.every((t) => /^[0-9]$/u.test(t)) && new Set(texts).size === 10) {
        return { ref: value, digitOf: new Map([...map].map(([c, t]) => [c, t])), cidOf: new Map([...map].map(([c, t]) => [t, c])), width: widths(font) };
      }
    }
  }
  return undefined;
}

function num(x: number): string {
  return String(Math.round(x * 10000) / 10000);
}

/**
 * Replaces the placeholder digits (in order, `expected`) by `digits` (one character per box, ' '
 * for an empty box); returns the objects changed, or undefined when the PDF does not hold the
 * placeholders as laid out (then the caller prints again).
 */
export function fillTocDigits(doc: Pdf, expected: number[], digits: string[]): PDFRef[] | undefined {
  const font = digitFont(doc);
  if (!font) return undefined;
  const changed: PDFRef[] = [];
  let at = 0;
  for (const pageRef of doc.pages) {
    if (at === expected.length) break;
    const fonts = fontsOf(doc, pageRef);
    const name = fonts && [...fonts.entries()].find(([, v]) => v instanceof PDFRef && v === font.ref)?.[0];
    if (!name) continue;
    const page = doc.context.lookup(pageRef, PDFDict);
    const contents = page.lookup(PDFName.of('Contents'));
    const streams: PDFStream[] = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r) as PDFStream) : contents instanceof PDFStream ? [contents] : [];
    const text = streams.map(streamText).join('\n');
    const pattern = new RegExp(`BT\\s+${name.toString().replace('/', '\\/')}\\s+([\\d.]+)\\s+Tf\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+Tm\\s+<([0-9A-Fa-f]{4})>\\s*Tj\\s+ET`, 'gu');
    let failed = false;
    const patched = text.replace(pattern, (match, size: string, a: string, b: string, c: string, d: string, x: string, y: string, hex: string) => {
      const cid = Number.parseInt(hex, 16);
      const was = font.digitOf.get(cid);
      if (was === undefined || at >= expected.length || Number(was) !== expected[at]) {
        failed = true;
        return match;
      }
      const digit = digits[at++]!;
      if (digit === ' ') return '';
      const next = font.cidOf.get(digit);
      if (next === undefined) {
        failed = true;
        return match;
      }
      const shift = ((font.width(cid) - font.width(next)) / 2 / 1000) * Number(size) * Number(a);
      return `BT\n${name.toString()} ${size} Tf\n${a} ${b} ${c} ${d} ${num(Number(x) + shift)} ${y} Tm\n<${next.toString(16).toUpperCase().padStart(4, '0')}> Tj\nET`;
    });
    if (failed) return undefined;
    const ref = doc.context.register(doc.context.stream(deflateSync(Buffer.from(patched, 'latin1')), { Filter: 'FlateDecode' }));
    page.set(PDFName.of('Contents'), ref);
    changed.push(ref, pageRef);
  }
  return at === expected.length ? changed : undefined;
}
