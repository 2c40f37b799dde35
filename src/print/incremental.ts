// Writes changed and new objects of a PDF as an incremental update (appended objects, an xref
// section, a trailer pointing at the previous one): the printed bytes are kept as they are, so the
// finishing touches cost what they change, not a rewrite of every font.
import { PDFContext, PDFDict, PDFName, PDFObject, PDFRef } from 'pdf-lib';

function serialize(object: PDFObject): Uint8Array {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return bytes;
}

/** The offset of the last xref section (the number after the last `startxref`). */
export function lastXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 1024))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/u.exec(tail);
  if (!m) throw new Error('PDF 末尾没有 startxref');
  return Number(m[1]);
}

/** Appends `objects` (by reference) to `pdf` as an incremental update with the given trailer entries. */
export function appendUpdate(pdf: Uint8Array, context: PDFContext, objects: PDFRef[], trailer: { Root: PDFRef; Info?: PDFRef }): Uint8Array {
  const chunks: Uint8Array[] = [pdf];
  let offset = pdf.length;
  const push = (text: string | Uint8Array) => {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    chunks.push(bytes);
    offset += bytes.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push('\n');
  const offsets = new Map<number, number>();
  const sorted = [...new Set(objects)].sort((a, b) => a.objectNumber - b.objectNumber);
  for (const ref of sorted) {
    const object = context.lookup(ref);
    if (!object) continue;
    offsets.set(ref.objectNumber, offset);
    push(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    push(serialize(object));
    push('\nendobj\n');
  }
  const xref = offset;
  let table = 'xref\n';
  const numbers = [...offsets.keys()];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    table += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) table += `${String(offsets.get(numbers[k]!)).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  push(table);
  const dict = PDFDict.withContext(context);
  dict.set(PDFName.of('Size'), context.obj(context.largestObjectNumber + 1));
  dict.set(PDFName.of('Root'), trailer.Root);
  if (trailer.Info) dict.set(PDFName.of('Info'), trailer.Info);
  if (context.trailerInfo.ID) dict.set(PDFName.of('ID'), context.trailerInfo.ID);
  dict.set(PDFName.of('Prev'), context.obj(lastXref(pdf)));
  push('trailer\n');
  push(serialize(dict));
  push(`\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
