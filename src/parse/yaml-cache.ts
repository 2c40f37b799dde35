// A YAML region's parse (plain tree, index, issues) kept in the compile cache under a hash of its
// text, so a run parses again only the blocks whose text changed. An entry that cannot be read
// back as a parse is a miss; with no cache every region is parsed.
import { hashOf, type CompileCache } from '../cache.js';
import { parseYaml, type Located, type ParsedYaml, type YamlIssue } from './yaml-index.js';
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

/** The parse an entry holds, if it is one. */
function fromEntry(text: string, stored: string): ParsedYaml | undefined {
  try {
    const entry = JSON.parse(stored) as Partial<Entry> | null;
    if (!entry || !isNodeLike(entry.tree) || !Array.isArray(entry.index) || !Array.isArray(entry.errors)) return undefined;
    return { text, tree: entry.tree ?? null, index: new Map(entry.index), errors: entry.errors };
  } catch {
    return undefined;
  }
}

/** The parse of a YAML text: from the cache (the same text gives the same parse), else parsed and offered to it. */
export function yamlOf(text: string, cache: CompileCache | undefined): ParsedYaml {
  if (!cache) return parseYaml(text);
  const key = hashOf(KIND, text);
  const stored = cache.get(KIND, key);
  const found = stored === undefined ? undefined : fromEntry(text, stored);
  if (found) return found;
  const parsed = parseYaml(text);
  const entry: Entry = { tree: parsed.tree, index: [...parsed.index], errors: parsed.errors };
  cache.set(KIND, key, JSON.stringify(entry));
  return parsed;
}
