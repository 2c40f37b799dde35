// The PDF's document information and XMP metadata: Title, Author (the department), Subject,
// Keywords, Creator "juesuan <version>", the dates of the build (so the bytes stay the same).
import { createRequire } from 'node:module';
import { PDFDict, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { Pdf } from './lazy-pdf.js';

const require = createRequire(import.meta.url);

/** juesuan's version, from its package.json. */
export const VERSION: string = (require('../../package.json') as { version: string }).version;

export interface Metadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  lang: string;
  date: Date;
}

function pdfDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
}

function xml(text: string): string {
  return text.replace(/[&<>"]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function xmp(meta: Metadata, producer: string): string {
  const iso = meta.date.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const alt = (t: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(t)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(meta.subject)}</dc:description>`,
    `<dc:subject><rdf:Bag>${meta.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${xml(meta.keywords.join('; '))}</pdf:Keywords>`,
    `<pdf:Producer>${xml(producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>juesuan ${VERSION}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${iso}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${iso}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${iso}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Sets the document information dictionary and the XMP stream; returns the new objects. */
export function writeMetadata(doc: Pdf, meta: Metadata): { info: PDFRef; objects: PDFRef[] } {
  const context = doc.context;
  const old = doc.info ? context.lookupMaybe(doc.info, PDFDict) : undefined;
  const producerValue = old?.lookup(PDFName.of('Producer'));
  const producer = producerValue instanceof PDFString || producerValue instanceof PDFHexString ? producerValue.decodeText() : '';
  const info = context.obj({}) as PDFDict;
  info.set(PDFName.of('Title'), PDFHexString.fromText(meta.title));
  info.set(PDFName.of('Author'), PDFHexString.fromText(meta.author));
  info.set(PDFName.of('Subject'), PDFHexString.fromText(meta.subject));
  info.set(PDFName.of('Keywords'), PDFHexString.fromText(meta.keywords.join('; ')));
  info.set(PDFName.of('Creator'), PDFString.of(`juesuan ${VERSION}`));
  if (producer) info.set(PDFName.of('Producer'), PDFHexString.fromText(producer));
  info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(meta.date)));
  info.set(PDFName.of('ModDate'), PDFString.of(pdfDate(meta.date)));
  const infoRef = context.register(info);
  const stream = context.stream(Buffer.from(xmp(meta, producer), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  const xmpRef = context.register(stream);
  doc.catalog.set(PDFName.of('Metadata'), xmpRef);
  return { info: infoRef, objects: [infoRef, xmpRef] };
}
