// Parses the YAML of a data block or front matter with the failsafe schema (every scalar stays
// the string it was written as) into a plain tree (yaml-tree.ts), and indexes every node by JSON
// pointer, with its source range. With a compile cache, a text parsed by an earlier run is not
// parsed again (yaml-cache.ts); the yaml Document itself is made again only on demand (import).
import { parseDocument, isAlias, isMap, isSeq, isScalar, isPair, isCollection, type Document, type Node as YamlNode } from 'yaml';
import type { CompileCache } from '../cache.js';
import { LIMITS } from './limits.js';
import { offerParse, storedParse, yamlKey } from './yaml-cache.js';
import { plainOf, type YNode } from './yaml-tree.js';

export interface Range {
  /** Offsets into the YAML text. */
  start: number;
  end: number;
}

export interface Located {
  key?: Range;
  value: Range;
}

export interface YamlIssue {
  code: string;
  /** A rule of juesuan's own (aliases, tags, limits…), with a Chinese message; else a YAML syntax error. */
  rule?: string;
  message: string;
  range: Range;
}

/** The YAML library's error codes, in Chinese. */
const SYNTAX: Record<string, string> = {
  TAB_AS_INDENT: '用了制表符(Tab)缩进;YAML 只能用空格缩进',
  BAD_INDENT: '缩进不对;同一层的键应对齐',
  MISSING_CHAR: '缺少引号、括号或冒号',
  MULTIPLE_DOCS: '一个数据块中只能有一个 YAML 文档(不要写 --- 分隔)',
  BLOCK_AS_IMPLICIT_KEY: '键的位置写了多行内容',
  MULTILINE_IMPLICIT_KEY: '键不能跨行',
  UNEXPECTED_TOKEN: '此处有多余的字符',
  BAD_SCALAR_START: '值不能以这个字符开头;请给值加上引号',
  BAD_DQ_ESCAPE: '双引号中的转义写法不对',
  BLOCK_IN_FLOW: '方括号或花括号中不能换行写列表或映射',
  KEY_OVER_1024_CHARS: '键超过 1024 个字符',
  BAD_DIRECTIVE: 'YAML 指令写法不对',
  MULTIPLE_ANCHORS: '一个值有多个锚点',
  MULTIPLE_TAGS: '一个值有多个标签',
  BAD_PROP_ORDER: '锚点或标签的位置不对',
  ALIAS_PROPS: '别名不能带锚点或标签',
  BAD_ALIAS: '别名写法不对',
};

export interface ParsedYaml {
  /** The YAML text parsed (the source of `documentOf`). */
  text: string;
  /** The region as plain data (null: an empty document). */
  tree: YNode | null;
  /** JSON pointer → where the key and value were written. */
  index: Map<string, Located>;
  errors: YamlIssue[];
}

/** Escapes one JSON-pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/gu, '~0').replace(/\//gu, '~1');
}

/** Splits a JSON pointer into its segments. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}

function rangeOf(node: YamlNode | null | undefined, fallback: number): Range {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: fallback, end: fallback };
}

/** Aliases, anchors, tags, merge keys, too deep or too long collections: refused in data, each with its place. */
function shapeIssues(node: unknown, at: number, depth: number, out: YamlIssue[]): void {
  if (out.length >= 20 || node === null || typeof node !== 'object') return;
  const n = node as YamlNode;
  const range = rangeOf(n, at);
  if (isAlias(node)) {
    out.push({ code: 'ALIAS', rule: 'yaml/alias', message: `不接受 YAML 别名「*${node.source}」;请直接写出它代表的值`, range });
    return;
  }
  if ((n as { anchor?: string }).anchor) out.push({ code: 'ANCHOR', rule: 'yaml/alias', message: `不接受 YAML 锚点「&${(n as { anchor?: string }).anchor}」;请直接写出每个值`, range });
  const tag = (n as { tag?: string }).tag;
  if (tag) out.push({ code: 'TAG', rule: 'yaml/tag', message: `不接受 YAML 标签「${tag.replace(/^tag:yaml\.org,2002:/u, '!!')}」;值按数据块的模式读取,请删除标签`, range });
  if (!isCollection(node)) return;
  if (depth > LIMITS.yamlDepth) {
    out.push({ code: 'DEPTH', rule: 'limit/yaml-depth', message: `嵌套超过 ${LIMITS.yamlDepth} 层;数据块不需要这么深的结构`, range });
    return;
  }
  if (node.items.length > LIMITS.yamlItems) {
    out.push({ code: 'ITEMS', rule: 'limit/rows', message: `一个列表或映射中有 ${node.items.length} 项,超过上限 ${LIMITS.yamlItems}`, range });
    return;
  }
  for (const item of node.items) {
    if (isPair(item)) {
      const key = item.key as YamlNode | null;
      if (isScalar(key) && key.value === '<<' && !(key as { type?: string }).type?.startsWith('QUOTE')) {
        out.push({ code: 'MERGE', rule: 'yaml/alias', message: '不接受 YAML 合并键「<<」;请直接写出每个键', range: rangeOf(key, range.start) });
      }
      if (key && !isScalar(key) && !isAlias(key)) out.push({ code: 'COMPLEX_KEY', rule: 'yaml/syntax', message: '键只能是一段文字,不能是列表或映射', range: rangeOf(key, range.start) });
      else if (key) shapeIssues(key, range.start, depth, out);
      shapeIssues(item.value, range.start, depth + 1, out);
    } else shapeIssues(item, range.start, depth + 1, out);
  }
}

/** The deepest nesting of flow brackets ([ { ) outside quotes, found before parsing (the parser recurses). */
function flowDepth(text: string): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      // A quote left open at the end of a line (an apostrophe in plain text) does not hide the next lines.
      if (c === quote || c === '\n') quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/u.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, at };
}

function walk(node: unknown, pointer: string, index: Map<string, Located>, at: number, duplicates: YamlIssue[]): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keyText = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyRange = rangeOf(keyNode, at);
      if (seen.has(keyText)) {
        duplicates.push({ code: 'DUPLICATE_KEY', message: `duplicate key ${keyText}`, range: keyRange });
        continue;
      }
      seen.add(keyText);
      const child = `${pointer}/${escapePointer(keyText)}`;
      const valueNode = pair.value as YamlNode | null;
      const value = valueNode?.range ? rangeOf(valueNode, keyRange.end) : { start: keyRange.start, end: keyRange.end };
      index.set(child, { key: keyRange, value });
      walk(valueNode, child, index, keyRange.end, duplicates);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const child = `${pointer}/${i}`;
      const value = rangeOf(item as YamlNode, at);
      index.set(child, { value });
      walk(item, child, index, value.end, duplicates);
    });
  }
}

/** A refusal found before parsing (brackets nested too deep, a directive): the text is then read as an empty document. */
function refusal(text: string): YamlIssue | undefined {
  const flow = flowDepth(text);
  if (flow.depth > LIMITS.yamlDepth) {
    return { code: 'DEPTH', rule: 'limit/yaml-depth', message: `方括号或花括号嵌套超过 ${LIMITS.yamlDepth} 层;数据块不需要这么深的结构`, range: { start: flow.at, end: flow.at + 1 } };
  }
  const directive = /^%\S*/mu.exec(text);
  if (directive) {
    return { code: 'DIRECTIVE', rule: 'yaml/directive', message: `不接受 YAML 指令「${directive[0]}」;数据块只写数据`, range: { start: directive.index, end: directive.index + directive[0].length } };
  }
  return undefined;
}

function documentFor(text: string, refused: boolean): Document {
  return refused ? parseDocument('', { schema: 'failsafe' }) : parseDocument(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
}

const documents = new WeakMap<ParsedYaml, Document>();

/** The yaml Document of a parsed region (for edits that keep the source's layout: import), parsed again on first use. */
export function documentOf(parsed: ParsedYaml): Document {
  let doc = documents.get(parsed);
  if (!doc) {
    doc = documentFor(parsed.text, refusal(parsed.text) !== undefined);
    documents.set(parsed, doc);
  }
  return doc;
}

/**
 * Parses YAML text; syntax errors and duplicate keys come back as issues, never as exceptions. With a
 * cache, the parse is taken from it (the same text gives the same parse), else made and offered to it.
 */
export function parseYaml(text: string, cache?: CompileCache): ParsedYaml {
  if (!cache) return parseFresh(text);
  const key = yamlKey(text);
  const found = storedParse(cache, key, text);
  if (found) return found;
  const parsed = parseFresh(text);
  offerParse(cache, key, parsed);
  return parsed;
}

function parseFresh(text: string): ParsedYaml {
  const refused = refusal(text);
  if (refused) return { text, tree: null, index: new Map([['', { value: { start: 0, end: 0 } }]]), errors: [refused] };
  const doc = documentFor(text, false);
  const index = new Map<string, Located>();
  index.set('', { value: rangeOf(doc.contents as YamlNode | null, 0) });
  const duplicates: YamlIssue[] = [];
  walk(doc.contents, '', index, 0, duplicates);
  // Duplicate keys are found by the walk above, which points at the second key; yaml's own
  // DUPLICATE_KEY error points elsewhere.
  const errors: YamlIssue[] = [...doc.errors, ...doc.warnings].filter((e) => e.code !== 'DUPLICATE_KEY').map((e) => ({
    code: e.code,
    message: SYNTAX[e.code] ?? e.message.split('\n')[0] ?? e.message,
    range: { start: e.pos[0], end: e.pos[1] },
  }));
  const shapes: YamlIssue[] = [];
  shapeIssues(doc.contents, 0, 1, shapes);
  // The Document is not kept: check needs only the plain tree, and import parses again (documentOf).
  return { text, tree: plainOf(doc.contents), index, errors: [...errors, ...duplicates, ...shapes].sort((a, b) => a.range.start - b.range.start) };
}
