// The bad-input corpus's case format (test/fixtures/bad-input/*.yaml and generated/*.yaml) and how a
// case is applied to a fresh copy of the seed report. Texts may be given compactly: a string, a
// `{repeat, times, join?, indent?, cap?}` object, or a list of such pieces.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import type { Workspace } from '../../src/workspace.js';
import { createWorkspace } from '../../src/workspace.js';
import { loadSchemas, loadTemplates, templatesFor } from '../../src/cli/load.js';

export type Text = string | { repeat: Text; times: number; join?: string; indent?: number; cap?: number } | Text[];

export interface BadCase {
  category?: string;
  edits?: { file: string; from: Text; to: Text }[];
  templateEdits?: { file: string; from: Text; to: Text }[];
  templateWrite?: Record<string, Text>;
  delete?: string[];
  /** Folders removed (relative to the report folder: ../2022 is the prior year's). */
  deleteDir?: string[];
  write?: Record<string, Text>;
  append?: Record<string, Text>;
  copy?: Record<string, string>;
  symlink?: Record<string, string>;
  gbk?: string[];
  utf16?: string[];
  bom?: string[];
  crlf?: string[];
  cr?: string[];
  bytesAfter?: { file: string; after: string; hex: string };
  templateSymlink?: boolean;
  templateFileSymlink?: string;
  /** The rule that must be reported, with a place. */
  rule?: string;
  /** The exit code of `check` (1 by default). */
  exit?: number;
  /** `check --strict` (warnings fail). */
  strict?: boolean;
  /** Seconds the case may take (10 by default). */
  bound?: number;
  /** The rule must be reported at this file:line. */
  at?: string;
  /** Exactly these diagnostics (`rule file:line:column`), infos aside. */
  expected?: string[];
  message?: string;
  /** Also render the HTML (render-stage cases). */
  render?: boolean;
}

/** Expands a compact text. */
export function expand(t: Text): string {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.map(expand).join('');
  const piece = expand(t.repeat);
  return Array.from({ length: t.times }, (_, i) => ' '.repeat(Math.min((t.indent ?? 0) * i, t.cap ?? Infinity)) + piece).join(t.join ?? '');
}

let gbkTable: Map<string, number[]> | undefined;
/** Encodes text as GBK (Node has a GBK decoder only: the table is built from it). */
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) {
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(gbkTable.get(ch) ?? [0x3f]));
  }
  return Buffer.from(bytes);
}

/** The template folder of a copy made by copyReport. */
export function templateDir(report: string): string {
  return join(report, '..', '..', '..', 'templates', 'jiangxi-county-2023');
}

function editText(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one「${from.slice(0, 60)}」in ${path}, found ${count}`);
  writeFileSync(path, text.replace(from, () => to));
}

/** Applies a case to a copy of the seed (made by copyReport). */
export function applyCase(report: string, c: BadCase): void {
  const at = (f: string) => join(report, f);
  const tpl = templateDir(report);
  for (const f of c.crlf ?? []) writeFileSync(at(f), readFileSync(at(f), 'utf8').replace(/\n/gu, '\r\n'));
  for (const f of c.cr ?? []) writeFileSync(at(f), readFileSync(at(f), 'utf8').replace(/\n/gu, '\r'));
  for (const e of c.edits ?? []) editText(at(e.file), expand(e.from), expand(e.to));
  for (const e of c.templateEdits ?? []) editText(join(tpl, e.file), expand(e.from), expand(e.to));
  for (const [f, t] of Object.entries(c.templateWrite ?? {})) {
    mkdirSync(dirname(join(tpl, f)), { recursive: true });
    writeFileSync(join(tpl, f), expand(t));
  }
  for (const [f, t] of Object.entries(c.write ?? {})) writeFileSync(at(f), expand(t));
  for (const [f, t] of Object.entries(c.append ?? {})) writeFileSync(at(f), readFileSync(at(f), 'utf8') + expand(t));
  for (const [from, to] of Object.entries(c.copy ?? {})) cpSync(at(from), at(to));
  for (const f of c.delete ?? []) rmSync(at(f));
  for (const d of c.deleteDir ?? []) rmSync(at(d), { recursive: true });
  for (const [f, target] of Object.entries(c.symlink ?? {})) symlinkSync(target.startsWith('/') ? target : resolve(report, target), at(f));
  if (c.templateSymlink) {
    const elsewhere = join(report, '..', '..', '..', 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    renameSync(tpl, join(elsewhere, 'jiangxi-county-2023'));
    symlinkSync(join(elsewhere, 'jiangxi-county-2023'), tpl);
  }
  if (c.templateFileSymlink) {
    const real = join(report, '..', '..', '..', 'outside.txt');
    cpSync(join(tpl, c.templateFileSymlink), real);
    rmSync(join(tpl, c.templateFileSymlink));
    symlinkSync(real, join(tpl, c.templateFileSymlink));
  }
  for (const f of c.gbk ?? []) writeFileSync(at(f), gbk(readFileSync(at(f), 'utf8')));
  for (const f of c.utf16 ?? []) writeFileSync(at(f), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(at(f), 'utf8'), 'utf16le')]));
  for (const f of c.bom ?? []) writeFileSync(at(f), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(at(f))]));
  if (c.bytesAfter) {
    const bytes = readFileSync(at(c.bytesAfter.file));
    const i = bytes.indexOf(Buffer.from(c.bytesAfter.after, 'utf8')) + Buffer.byteLength(c.bytesAfter.after);
    writeFileSync(at(c.bytesAfter.file), Buffer.concat([bytes.subarray(0, i), Buffer.from(c.bytesAfter.hex, 'hex'), bytes.subarray(i)]));
  }
}

const workspaces = new Map<string, Workspace>();
/** A workspace for a report, shared by copies whose templates are the same (building one compiles every schema). */
export function sharedWorkspace(report: string): Workspace {
  const dir = templatesFor(report);
  const templates = loadTemplates(dir, 'templates');
  const h = createHash('sha256');
  for (const t of templates) for (const [f, text] of [...t.files].sort()) h.update(`${t.name}/${f}\0${text}\0`);
  const key = h.digest('hex');
  let ws = workspaces.get(key);
  if (!ws) {
    ws = createWorkspace(loadSchemas(), templates);
    workspaces.set(key, ws);
  }
  return ws;
}
