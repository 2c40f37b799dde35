// `juesuan template check`: validates a template pack by itself, before any report uses it — its
// rules and narrative partials name rows, columns and codes its tables have, its partials compile and
// call helpers and partials that exist, and every printed character is in the print fonts.
import Handlebars from 'handlebars';
import { parse as parseYamlValue } from 'yaml';
import type { VFile } from 'vfile';
import type { Point } from 'unist';
import { diagnose } from '../diagnostics/message.js';
import { parseExpr, refsOf, segments } from '../expr/index.js';
import { rowKey, type SectionDef, type TableDef, type Template } from './types.js';
import type { TemplateSource } from './load.js';

/** What the pack check needs from outside the core: which code points the print fonts cover, the helper names. */
export interface LintEnv {
  covers(codePoint: number): boolean;
  helpers: string[];
}

const VARIABLE = /^\{[^}]+\}$|^\*$/u;

/** Where a text first occurs in a file (1-based), or the start of the file. */
function placeOf(text: string, needle: string, from = 0): Point {
  const at = text.indexOf(needle, from);
  if (at < 0) return { line: 1, column: 1 };
  const line = text.slice(0, at).split('\n').length;
  return { line, column: at - text.lastIndexOf('\n', at - 1) };
}

/** The fact references of a rule, condition or binding path (the arguments of its calls), as written. */
export function referencesOf(path: string): string[] {
  const parsed = parseExpr(path);
  return parsed.ok ? refsOf(parsed.parsed.expr).map((r) => r.text) : [];
}

function rowExists(section: SectionDef, template: Template, key: string, narrative: boolean): boolean {
  if (VARIABLE.test(key) || key.includes('{')) return true;
  // The narrative sees each section's rows as a list too (表五.行: 编码, 名称, 值).
  if (narrative && key === '行') return true;
  const classification = section.classification ? template.classifications.get(section.classification) : undefined;
  if (section.rows) return section.rows.some((r) => r.key === key || r.code === key || r.label === key || rowKey(r, classification) === key);
  if (section.total?.key === key) return true;
  if (!classification) return false;
  const code = /^(\d+)(?:\s+(.+))?$/u.exec(key);
  if (code) return classification.codes.has(code[1]!) && (code[2] === undefined || classification.codes.get(code[1]!) === code[2]);
  return [...classification.codes.values()].includes(key);
}

/** Why a reference names nothing in the pack's tables (undefined when it is fine or not a table's). */
export function tableReferenceProblem(template: Template, ref: string, narrative = false): string | undefined {
  const [kind, ...rest] = segments(ref);
  const table: TableDef | undefined = template.tables.get(kind ?? '');
  if (!table) return undefined;
  let section: SectionDef | undefined = table.sections[0];
  if (table.sections.length > 1) {
    const key = rest.shift();
    if (key === undefined) return `「${ref}」缺少表的部分(${table.sections.map((s) => s.key).join('、')})`;
    if (VARIABLE.test(key)) return undefined;
    section = table.sections.find((s) => s.key === key);
    if (!section) return `${table.id} 没有「${key}」部分;有: ${table.sections.map((s) => s.key).join('、')}`;
  }
  const row = rest.shift();
  if (row === undefined || !section) return undefined;
  if (!rowExists(section, template, row, narrative)) return `${table.id}${table.sections.length > 1 ? ` ${section.key}` : ''} 没有「${row}」行`;
  const column = rest.shift();
  if (column === undefined || VARIABLE.test(column) || column.includes('{') || (narrative && row === '行')) return undefined;
  if (!section.columns.some((c) => c.key === column)) return `${table.id} 没有「${column}」栏;有: ${section.columns.map((c) => c.key).join('、')}`;
  return undefined;
}

/** The block kinds a reference may start with: tables, declared blocks, and the narrative's own names. */
function knownKinds(template: Template): Set<string> {
  const blocks = template.manifest.blocks;
  return new Set([...template.tables.keys(), ...blocks.required, ...(blocks.optional ?? [])]);
}

function checkReference(vfile: VFile, template: Template, source: TemplateSource, file: string, ref: string, from: number): void {
  const kind = segments(ref)[0] ?? '';
  const text = source.files.get(file) ?? '';
  const place = placeOf(text, ref, from);
  const problem = knownKinds(template).has(kind) ? tableReferenceProblem(template, ref) : `「${kind}」既不是模板的表,也不是模板声明的数据块`;
  if (problem) diagnose(vfile, { rule: 'template/invalid-reference', reason: `模板引用「${ref}」: ${problem}`, file: `${source.dir}/${file}`, place });
}

/** Every reference of rules.yaml against the tables. */
function checkRules(vfile: VFile, template: Template, source: TemplateSource): void {
  const text = source.files.get('rules.yaml') ?? '';
  for (const rule of template.rules) {
    const own = rule.kind === 'equal' ? [rule.left, rule.right] : rule.kind === 'empty-iff' ? [...rule['when-zero'], rule.table] : rule.kind === 'condition' ? [rule.test, ...(rule.at ? [rule.at] : [])] : [...rule.left, ...rule.right];
    const refs = [...own, ...(rule.when ? [rule.when] : [])];
    const from = Math.max(0, text.indexOf(`id: ${rule.id}`));
    for (const path of refs) for (const ref of referencesOf(path)) checkReference(vfile, template, source, 'rules.yaml', ref, from);
  }
}

/** References of prose.yaml's terms and lists (up to a {placeholder} segment), each reported on its own line. */
function checkProse(vfile: VFile, template: Template, source: TemplateSource): void {
  const text = source.files.get('prose.yaml') ?? '';
  let from = 0;
  const entries = [...(template.prose?.terms ?? []), ...(template.prose?.lists ?? [])];
  for (const entry of entries) {
    for (const [key, value] of Object.entries(entry)) {
      if (key === 'name' || key === 'after' || key === 'each' || typeof value !== 'string') continue;
      const at = text.indexOf(value, from);
      if (at >= 0) from = at;
      for (const ref of referencesOf(value)) {
        const parts = segments(ref);
        const cut = parts.findIndex((s) => /\{[^{}]+\}/u.test(s));
        const fixed = cut < 0 ? ref : parts.slice(0, cut).map((p) => (/[.[\]]/u.test(p) ? `[${p}]` : p)).join('.');
        if (fixed) checkReference(vfile, template, source, 'prose.yaml', fixed, from);
      }
    }
  }
}

interface HbsNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

/** Walks a Handlebars AST. */
function walk(node: unknown, visit: (n: HbsNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  const n = node as HbsNode;
  if (typeof n.type === 'string') visit(n);
  for (const [key, value] of Object.entries(n)) if (key !== 'loc' && value && typeof value === 'object') walk(value, visit);
}

/** Each partial compiles, names partials and helpers that exist, and table facts the tables have. */
function checkPartials(vfile: VFile, template: Template, source: TemplateSource, env: LintEnv): void {
  const partials = [...source.files.keys()].filter((f) => f.startsWith('narrative/') && f.endsWith('.hbs'));
  const names = new Set(partials.map((f) => f.slice('narrative/'.length, -'.hbs'.length)));
  const helpers = new Set(env.helpers);
  for (const path of partials) {
    const file = `${source.dir}/${path}`;
    let ast: unknown;
    try {
      ast = Handlebars.parse(source.files.get(path) ?? '');
    } catch (error) {
      const e = error as Error & { hash?: { loc?: { first_line: number; first_column: number } } };
      const loc = e.hash?.loc;
      const line = loc?.first_line ?? Number(/on line (\d+)/u.exec(e.message)?.[1] ?? 1);
      const detail = e.message.split('\n').slice(-1)[0] ?? '';
      diagnose(vfile, { rule: 'narrate/syntax', reason: `说明片段无法解析(${detail})`, file, place: { line, column: (loc?.first_column ?? 0) + 1 } });
      continue;
    }
    walk(ast, (node) => {
      const at = node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : undefined;
      if (node.type === 'PartialStatement') {
        const name = (node['name'] as { original?: unknown } | undefined)?.original;
        if (typeof name === 'string' && !names.has(name)) diagnose(vfile, { rule: 'narrate/unknown-partial', reason: `说明片段引用了不存在的片段「${name}」`, file, place: at });
      }
      if ((node.type === 'MustacheStatement' || node.type === 'SubExpression' || node.type === 'BlockStatement') && (node['params'] as unknown[]).length > 0) {
        const name = (node['path'] as { original?: unknown } | undefined)?.original;
        const builtIn = ['if', 'unless', 'each', 'with', 'lookup', 'log'];
        if (typeof name === 'string' && !helpers.has(name) && !builtIn.includes(name)) diagnose(vfile, { rule: 'template/unknown-helper', reason: `说明片段调用了不存在的辅助函数「${name}」`, file, place: at });
      }
      if (node.type === 'PathExpression') {
        const parts = node['parts'] as string[];
        if (parts.length > 1 && template.tables.has(parts[0]!)) {
          const problem = tableReferenceProblem(template, parts.map((p) => (/[.[\]]/u.test(p) ? `[${p}]` : p)).join('.'), true);
          if (problem) diagnose(vfile, { rule: 'template/invalid-reference', reason: `说明片段引用「${String(node['original'])}」: ${problem}`, file, place: at });
        }
      }
    });
  }
}

/** The printed strings of a pack: every string value of its table definitions and classifications, and the text of its partials. */
function printedTexts(template: Template, source: TemplateSource): { file: string; texts: string[] }[] {
  const out: { file: string; texts: string[] }[] = [];
  const strings = (value: unknown, into: string[]): void => {
    if (typeof value === 'string') into.push(value);
    else if (Array.isArray(value)) value.forEach((v) => strings(v, into));
    else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, into));
  };
  const yamlFiles = [...template.manifest.tables, ...Object.values(template.manifest.classifications)];
  for (const file of yamlFiles) {
    const texts: string[] = [];
    try {
      strings(parseYamlValue(source.files.get(file) ?? ''), texts);
    } catch {
      continue; // reported by the loader
    }
    out.push({ file, texts });
  }
  for (const file of [...source.files.keys()].filter((f) => f.startsWith('narrative/') && f.endsWith('.hbs'))) {
    const texts: string[] = [];
    try {
      walk(Handlebars.parse(source.files.get(file) ?? ''), (node) => {
        if (node.type === 'ContentStatement') texts.push(String(node['value']));
        if (node.type === 'StringLiteral') texts.push(String(node['value']));
      });
    } catch {
      continue; // reported by checkPartials
    }
    out.push({ file, texts });
  }
  return out;
}

/** Every printed character of the pack is in the print fonts. */
function checkGlyphs(vfile: VFile, template: Template, source: TemplateSource, env: LintEnv): void {
  for (const { file, texts } of printedTexts(template, source)) {
    const seen = new Set<string>();
    for (const text of texts) {
      for (const ch of text) {
        if (seen.has(ch) || /\s/u.test(ch) || env.covers(ch.codePointAt(0)!)) continue;
        seen.add(ch);
        diagnose(vfile, {
          rule: 'print/missing-glyph',
          reason: `字体中没有字符「${ch}」(U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}),印出时会显示为方框`,
          file: `${source.dir}/${file}`,
          place: placeOf(source.files.get(file) ?? '', ch),
        });
      }
    }
  }
}

/** The 上年 map of template.yaml names figures of the tables; code rows name codes of their classification. */
function checkManifest(vfile: VFile, template: Template, source: TemplateSource): void {
  const text = source.files.get('template.yaml') ?? '';
  for (const [target, ref] of Object.entries(template.manifest.narrative?.prior ?? {})) {
    checkReference(vfile, template, source, 'template.yaml', ref, Math.max(0, text.indexOf(`${target}:`)));
  }
  template.manifest.tables.forEach((path) => {
    const table = [...template.tables.values()].find((t) => (source.files.get(path) ?? '').includes(`id: ${t.id}`));
    for (const section of table?.sections ?? []) {
      const classification = section.classification ? template.classifications.get(section.classification) : undefined;
      if (!classification) continue;
      for (const row of section.rows ?? []) {
        if (row.code && !classification.codes.has(row.code)) {
          diagnose(vfile, {
            rule: 'template/invalid-reference',
            reason: `${table!.id} 的行「${row.code}」不在${classification.name}中`,
            file: `${source.dir}/${path}`,
            place: placeOf(source.files.get(path) ?? '', `"${row.code}"`),
          });
        }
      }
    }
  });
}

/** Runs every check of a loaded pack. */
export function lintTemplate(vfile: VFile, template: Template, source: TemplateSource, env: LintEnv): void {
  checkManifest(vfile, template, source);
  checkRules(vfile, template, source);
  checkProse(vfile, template, source);
  checkPartials(vfile, template, source, env);
  checkGlyphs(vfile, template, source, env);
}
