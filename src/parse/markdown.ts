// Parses one Markdown file of a report: GFM, front matter, and the fenced `yaml data=<kind>`
// blocks, each with its YAML parsed and every position mapped back to the .md file. The syntax
// tree of a file is kept in the compile cache under a hash of its text, and an edit inside a data
// block reuses the file's previous tree: the Markdown parser (remark, micromark) is loaded only
// when a file is new or its structure changed.
import { createRequire } from 'node:module';
import type { Root, Code, Yaml } from 'mdast';
import type { Node, Parent } from 'unist';
import { hashOf, type CompileCache } from '../cache.js';
import { parseYaml, type ParsedYaml } from './yaml-index.js';
import { reuseTree } from './reuse-tree.js';

export interface SourceFile {
  /** Path relative to the working directory, as printed in diagnostics. */
  path: string;
  /** Path relative to the report folder (`index.md`, `tables.md`…). */
  name: string;
  text: string;
  /** Set by the loader when the file cannot be read as text (not UTF-8, a symlink, too large): why, and where. */
  unreadable?: { rule: string; reason: string; offset: number };
  /** The file started with a UTF-8 byte-order mark (not part of `text`). */
  bom?: boolean;
}

export interface YamlRegion {
  yaml: ParsedYaml;
  /** Offset of the YAML text in the .md file. */
  offset: number;
}

export interface DataBlock extends YamlRegion {
  kind: string;
  /** Further `key=value` attributes of the info string. */
  attributes: Record<string, string>;
  file: SourceFile;
  node: Code;
}

export interface ParsedFile {
  file: SourceFile;
  tree: Root;
  frontMatter?: YamlRegion;
  blocks: DataBlock[];
  /** `yaml` blocks whose info string has a malformed `data=`. */
  badInfo: Code[];
}

const require = createRequire(import.meta.url);
let processor: { parse(text: string): Root } | undefined;

/** remark with GFM and front matter, loaded the first time a file must be parsed. */
function markdownParser(): { parse(text: string): Root } {
  if (!processor) {
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
    const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
    processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
  }
  return processor;
}

/** A tree kept in the cache, if the entry is one. */
function storedTree(cache: CompileCache, text: string): Root | undefined {
  const stored = cache.get('mdast', hashOf('mdast', text));
  if (stored === undefined) return undefined;
  try {
    const tree = JSON.parse(stored) as Root;
    return tree?.type === 'root' && Array.isArray(tree.children) ? tree : undefined;
  } catch {
    return undefined; // A broken entry is a miss.
  }
}

/**
 * The syntax tree of a file: from the cache (the same text gives the same tree); else, when the
 * file's text an earlier run parsed differs only inside one data block, that tree with the block's
 * text replaced (see reuse-tree.ts); else parsed. A new tree is offered to the cache, and the
 * file's text kept as the one to compare the next edit with.
 */
function treeOf(file: SourceFile, cache: CompileCache | undefined): Root {
  const { text } = file;
  if (!cache) return markdownParser().parse(text);
  const found = storedTree(cache, text);
  if (found) return found;
  const lastKey = hashOf('mdast-last', file.path);
  const last = cache.get('mdast-last', lastKey);
  const lastTree = last === undefined ? undefined : storedTree(cache, last);
  const tree = (last !== undefined && lastTree ? reuseTree(last, lastTree, text) : undefined) ?? markdownParser().parse(text);
  cache.set('mdast', hashOf('mdast', text), JSON.stringify(tree));
  cache.set('mdast-last', lastKey, text);
  return tree;
}

/** The offset of the first character after the line that starts at `from`. */
function afterLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl + 1;
}

/** Reads `data=公开01 id=x` from a code block's meta string. */
export function parseInfo(meta: string | null | undefined): Record<string, string> | null {
  if (!meta) return null;
  const attributes: Record<string, string> = {};
  for (const part of meta.trim().split(/\s+/u)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    attributes[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return attributes;
}

/** Calls `fn` on every node of a tree, in document order (a plain walk: this runs on every file of every check). */
function eachNode(node: Node, fn: (node: Node) => void): void {
  fn(node);
  for (const child of (node as Parent).children ?? []) eachNode(child, fn);
}

/** Parses one Markdown file (its tree kept in `cache`, when given). Never throws on bad input: problems are returned as data. */
export function parseMarkdown(file: SourceFile, cache?: CompileCache): ParsedFile {
  const tree = treeOf(file, cache);
  const parsed: ParsedFile = { file, tree, blocks: [], badInfo: [] };
  eachNode(tree, (node) => {
    if (node.type === 'yaml' && node.position) {
      const yamlNode = node as Yaml;
      const offset = afterLine(file.text, node.position.start.offset ?? 0);
      parsed.frontMatter = { yaml: parseYaml(yamlNode.value, cache), offset };
      return;
    }
    if (node.type !== 'code') return;
    const code = node as Code;
    if (code.lang !== 'yaml' && code.lang !== 'yml') return;
    const info = parseInfo(code.meta);
    if (!info || !('data' in info)) {
      if (code.meta && /\bdata\b/u.test(code.meta)) parsed.badInfo.push(code);
      return;
    }
    const kind = info.data ?? '';
    if (kind === '' || !code.position) {
      parsed.badInfo.push(code);
      return;
    }
    const { data: _kind, ...attributes } = info;
    const offset = afterLine(file.text, code.position.start.offset ?? 0);
    parsed.blocks.push({ kind, attributes, file, node: code, yaml: parseYaml(code.value, cache), offset });
  });
  return parsed;
}
