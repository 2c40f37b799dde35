// How a YAML region's parse (plain tree, index, issues) is kept in the compile cache: under a hash
// of its text, as JSON with the index as entries (parseYaml asks and offers). An entry that cannot
// be read back as a parse is a miss.
import { hashOf, type CompileCache } from '../cache.js';
import type { Located, ParsedYaml, YamlIssue } from './yaml-index.js';
import type { YNode } from './yaml-tree.js';

const KIND = 'yaml';

/** What is stored: the parse without its text (the key stands for the text); the index as entries. */
interface Entry {
  tree: YNode | null;
  index: [string, Located][];
  errors: YamlIssue[];
}

function isNodeLike(value: unknown): boolean {
  return value === null || (typeof value === 'object' && typeof (value as { t?: unknown }).t === 'string');
}

/** The cache key of a YAML text. */
export function yamlKey(text: string): string {
  return hashOf(KIND, text);
}

/** The parse of `text` the cache holds under `key`, if its entry is one. */
export function storedParse(cache: CompileCache, key: string, text: string): ParsedYaml | undefined {
  const stored = cache.get(KIND, key);
  if (stored === undefined) return undefined;
  try {
    const entry = JSON.parse(stored) as Partial<Entry> | null;
    if (!entry || !isNodeLike(entry.tree) || !Array.isArray(entry.index) || !Array.isArray(entry.errors)) return undefined;
    return { text, tree: entry.tree ?? null, index: new Map(entry.index), errors: entry.errors };
  } catch {
    return undefined;
  }
}

/** Offers a parse to the cache. */
export function offerParse(cache: CompileCache, key: string, parsed: ParsedYaml): void {
  const entry: Entry = { tree: parsed.tree, index: [...parsed.index], errors: parsed.errors };
  cache.set(KIND, key, JSON.stringify(entry));
}
