// The typed data of a block: the YAML tree in its written order, every scalar turned into the
// value its schema says (amount, count, score, text), every node knowing where it was written.
import type { Decimal } from 'decimal.js';
import type { Position } from 'unist';
import type { Amount } from '../amount/amount.js';
import type { SourceFile, YamlRegion } from '../parse/markdown.js';
import { placeOf } from '../parse/locate.js';
import { escapePointer } from '../parse/yaml-index.js';
import type { YNode } from '../parse/yaml-tree.js';
import type { TypedValue } from '../schema/registry.js';

export interface Where {
  file: SourceFile;
  place: Position;
  /** Where the key was written (for map entries). */
  keyPlace?: Position;
  pointer: string;
}

export type DataNode =
  | { kind: 'map'; entries: Map<string, DataNode>; where: Where }
  | { kind: 'list'; items: DataNode[]; where: Where }
  | { kind: 'text'; text: string; where: Where }
  | { kind: 'amount'; value: Amount | null; text: string; where: Where }
  | { kind: 'count' | 'score'; value: Decimal | null; text: string; where: Where }
  | { kind: 'invalid'; value: null; text: string; where: Where };

function build(node: YNode | null, pointer: string, keyPlace: Position | undefined, file: SourceFile, region: YamlRegion, values: Map<string, TypedValue>, at: number): DataNode {
  const range = node?.range ? { start: node.range[0], end: node.range[1] } : { start: at, end: at };
  const where: Where = { file, place: placeOf(file, region, range), pointer, ...(keyPlace ? { keyPlace } : {}) };
  if (node?.t === 'map') {
    const entries = new Map<string, DataNode>();
    for (const pair of node.items) {
      const kr = pair.keyRange ? { start: pair.keyRange[0], end: pair.keyRange[1] } : range;
      entries.set(pair.key, build(pair.value, `${pointer}/${escapePointer(pair.key)}`, placeOf(file, region, kr), file, region, values, kr.end));
    }
    return { kind: 'map', entries, where };
  }
  if (node?.t === 'seq') {
    return { kind: 'list', items: node.items.map((item, i) => build(item, `${pointer}/${i}`, undefined, file, region, values, range.end)), where };
  }
  const text = node?.t === 'scalar' ? node.value : '';
  const typed = values.get(pointer);
  if (typed) return { kind: typed.type, value: typed.value, text, where } as DataNode;
  return { kind: 'text', text, where };
}

/** Builds the typed tree of a YAML region from its parsed values. */
export function buildTree(file: SourceFile, region: YamlRegion, values: Map<string, TypedValue>): DataNode {
  return build(region.yaml.tree, '', undefined, file, region, values, 0);
}

/** The child of a map node, if any. */
export function child(node: DataNode | undefined, key: string): DataNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** The text of a text (or any scalar) node. */
export function textOf(node: DataNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'text') return node.text;
  if (node.kind === 'amount' || node.kind === 'count' || node.kind === 'score' || node.kind === 'invalid') return node.text;
  return undefined;
}
