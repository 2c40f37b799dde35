// A YAML region as plain data: maps, lists and scalars with their source ranges, read once from the
// `yaml` Document. It is JSON (the compile cache keeps it), and `plainToJS` gives what the failsafe
// Document's toJS() gives, so check, narrate and build never need the Document itself.
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';

/** Offsets into the YAML text: [start, end] (yaml's range without its third entry). */
export type Span = [number, number];

export interface YPair {
  /** The key's text as the walk of the tree reads it (a scalar's value; else the key node stringified). */
  key: string;
  /** Where the key was written; absent when the key node has no range (or no node at all). */
  keyRange?: Span;
  /** The key was not a scalar (an alias, a collection; yaml always makes a key node): the region has an error. */
  oddKey?: true;
  /** Null when the pair has no value node at all (`? a`); an empty value (`a:`) is the scalar ''. */
  value: YNode | null;
}

export type YNode =
  | { t: 'map'; range?: Span; items: YPair[] }
  | { t: 'seq'; range?: Span; items: (YNode | null)[] }
  /** `quoted`: a quoted or block scalar (not PLAIN); read as text even where a number would be read. */
  | { t: 'scalar'; range?: Span; value: string; quoted?: true }
  /** An alias (always an error in data: `yaml/alias`); it has no value of its own here. */
  | { t: 'alias'; range?: Span };

function spanOf(node: YamlNode | null | undefined): { range?: Span } {
  const r = node?.range;
  return r ? { range: [r[0], r[1]] } : {};
}

/** The plain tree of a Document's contents (null for an empty document). */
export function plainOf(node: unknown): YNode | null {
  if (node === null || node === undefined) return null;
  const n = node as YamlNode;
  if (isMap(n)) {
    const items: YPair[] = [];
    for (const pair of n.items) {
      const keyNode = pair.key as YamlNode | null;
      const keyRange = keyNode?.range ? { keyRange: [keyNode.range[0], keyNode.range[1]] as Span } : {};
      items.push({
        key: isScalar(keyNode) ? String(keyNode.value) : String(keyNode),
        ...keyRange,
        ...(isScalar(keyNode) ? {} : { oddKey: true as const }),
        value: plainOf(pair.value),
      });
    }
    return { t: 'map', ...spanOf(n), items };
  }
  if (isSeq(n)) return { t: 'seq', ...spanOf(n), items: n.items.map((item) => plainOf(item)) };
  if (isScalar(n)) return { t: 'scalar', ...spanOf(n), value: String(n.value ?? ''), ...(n.type !== 'PLAIN' ? { quoted: true as const } : {}) };
  // An alias (or a node of a kind data never holds): a leaf without a value.
  return { t: 'alias', ...spanOf(n) };
}

/** Sets a property as yaml's toJS does (an own property even for a name like `__proto__`). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The value of a plain tree as the failsafe Document's toJS() gives it: strings, arrays, plain
 * objects (a repeated key: the last value), null for a missing value. For a region without errors
 * it is exactly yaml's (an alias, refused in data, gives null; a non-scalar key, refused too, its text).
 */
export function plainToJS(node: YNode | null): unknown {
  if (node === null) return null;
  switch (node.t) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainToJS);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) setOwn(out, pair.key, plainToJS(pair.value));
      return out;
    }
    default:
      return null;
  }
}

/** The value node of a map's first pair with this scalar key (undefined when absent or valueless), as YAMLMap.get(key, true). */
export function entryOf(node: YNode | null, key: string): YNode | undefined {
  if (node?.t !== 'map') return undefined;
  return node.items.find((pair) => !pair.oddKey && pair.key === key)?.value ?? undefined;
}
