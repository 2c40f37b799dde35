// The typed data of a block: the YAML tree in its written order, every scalar turned into the
// value its schema says (amount, count, score, text), every node knowing where it was written.
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Decimal } from 'decimal.js';
import type { Position } from 'unist';
import type { Amount } from '../amount/amount.js';
import type { SourceFile, YamlRegion } from '../parse/markdown.js';
import { placeOf } from '../parse/locate.js';
import { escapePointer } from '../parse/yaml-index.js';
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

function build(node: unknown, pointer: string, keyPlace: Position | undefined, file: SourceFile, region: YamlRegion, values: Map<string, TypedValue>, at: number): DataNode {
  const yamlNode = node as YamlNode | null | undefined;
  const range = yamlNode?.range ? { start: yamlNode.range[0], end: yamlNode.range[1] } : { start: at, end: at };
  const where: Where = { file, place: placeOf(file, region, range), pointer, ...(keyPlace ? { keyPlace } : {}) };
  if (isMap(node)) {
    const entries = new Map<string, DataNode>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const kr = keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : range;
      entries.set(key, build(pair.value, `${pointer}/${escapePointer(key)}`, placeOf(file, region, kr), file, region, values, kr.end));
    }
    return { kind: 'map', entries, where };
  }
  if (isSeq(node)) {
    return { kind: 'list', items: node.items.map((item, i) => build(item, `${pointer}/${i}`, undefined, file, region, values, range.end)), where };
  }
  const text = isScalar(node) ? String(node.value ?? '') : '';
  const typed = values.get(pointer);
  if (typed) return { kind: typed.type, value: typed.value, text, where } as DataNode;
  return { kind: 'text', text, where };
}

/** Builds the typed tree of a YAML region from its parsed values. */
export function buildTree(file: SourceFile, region: YamlRegion, values: Map<string, TypedValue>): DataNode {
  return build(region.yaml.doc.contents, '', undefined, file, region, values, 0);
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
