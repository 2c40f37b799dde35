// A minimal ZIP writer (deflate, no timestamps: 1980-01-01), enough for an .xlsx package: the same
// files give the same bytes, so an exported workbook is reproducible.
import { crc32, deflateRawSync } from 'node:zlib';

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** A ZIP archive of these files (name → content), in the given order. */
export function zip(files: [string, string | Uint8Array][]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const [name, content] of files) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    // version 20, flags: bit 11 (UTF-8 names), method 8 (deflate), time 0, date 1980-01-01
    const common = Buffer.concat([u16(20), u16(0x0800), u16(8), u16(0), u16(DOS_DATE), u32(crc), u32(packed.length), u32(data.length), u16(nameBytes.length), u16(0)]);
    const local = Buffer.concat([u32(0x04034b50), common, nameBytes, packed]);
    central.push(Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(offset), nameBytes]));
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(files.length), u16(files.length), u32(dir.length), u32(offset), u16(0)]);
  return new Uint8Array(Buffer.concat([...locals, dir, end]));
}
