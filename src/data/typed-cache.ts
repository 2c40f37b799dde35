// The typed values of a data block kept between runs: a block whose YAML text, schema and unit are
// what an earlier run validated (with no error) has the same values, so its amounts, counts and
// scores are read back from the compile cache instead of validated and parsed again. Decimals are
// kept as their exact text; an entry that does not read back whole is a miss.
import { Decimal } from 'decimal.js';
import { hashOf, type CompileCache } from '../cache.js';
import type { Amount, Unit } from '../amount/amount.js';
import type { TypedValue } from '../schema/registry.js';

const KIND = 'typed';

/** Where a run keeps typed values: the cache, and the key of the template whose schemas validate them. */
export interface TypedStore {
  cache: CompileCache;
  templateKey: string;
}

type Entry = [pointer: string, type: TypedValue['type'], value: null | string | [yuan: string, unit: Unit, decimals: number, halfWidth: string, text: string]];

function keyOf(store: TypedStore, schemaId: string, unit: Unit, yaml: string): string {
  return hashOf(KIND, store.templateKey, schemaId, unit, yaml);
}

function encode([pointer, typed]: [string, TypedValue]): Entry {
  if (typed.value === null) return [pointer, typed.type, null];
  if (typed.type === 'amount') {
    const a = typed.value;
    return [pointer, 'amount', [a.yuan.toString(), a.unit, a.decimals, a.halfWidth.toString(), a.text]];
  }
  return [pointer, typed.type, typed.value.toString()];
}

function decode(entry: unknown): [string, TypedValue] {
  if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== 'string') throw new Error('not a typed entry');
  const [pointer, type, value] = entry as [string, unknown, unknown];
  if ((type === 'amount' || type === 'count' || type === 'score' || type === 'invalid') && value === null) return [pointer, { type, value: null }];
  if (type === 'amount' && Array.isArray(value) && value.length === 5) {
    const [yuan, unit, decimals, halfWidth, text] = value as unknown[];
    if (typeof yuan !== 'string' || (unit !== '元' && unit !== '万元') || !Number.isInteger(decimals) || typeof halfWidth !== 'string' || typeof text !== 'string') throw new Error('not an amount');
    const amount: Amount = { yuan: new Decimal(yuan), unit, decimals: decimals as number, halfWidth: new Decimal(halfWidth), text };
    return [pointer, { type, value: amount }];
  }
  if ((type === 'count' || type === 'score') && typeof value === 'string') return [pointer, { type, value: new Decimal(value) }];
  throw new Error('not a typed entry');
}

/** The values an earlier run read from this block, if it kept them. */
export function recallTyped(store: TypedStore, schemaId: string, unit: Unit, yaml: string): Map<string, TypedValue> | undefined {
  const text = store.cache.get(KIND, keyOf(store, schemaId, unit, yaml));
  if (text === undefined) return undefined;
  try {
    const entries = JSON.parse(text) as unknown;
    if (!Array.isArray(entries)) return undefined;
    return new Map(entries.map(decode));
  } catch {
    return undefined; // A broken entry is a miss.
  }
}

/** Keeps the values read from a block that validated without errors. */
export function rememberTyped(store: TypedStore, schemaId: string, unit: Unit, yaml: string, values: Map<string, TypedValue>): void {
  store.cache.set(KIND, keyOf(store, schemaId, unit, yaml), JSON.stringify([...values].map(encode)));
}
