// What the compiler may keep between runs: texts it derived from its inputs (compiled validators,
// compiled narrative templates, parsed Markdown), stored under a hash of those inputs. The core
// only asks and offers; cli/ holds the store (on disk) — a missing or broken entry is a miss.
import { createHash } from 'node:crypto';

export interface CompileCache {
  /** The text stored for this kind and key by an earlier run, if any. */
  get(kind: string, key: string): string | undefined;
  /** Offers a text for later runs (the store decides when, and whether, to keep it). */
  set(kind: string, key: string, text: string): void;
}

/** A key for a list of texts (SHA-256, hex). */
export function hashOf(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * A value as cache text: JSON, with Maps kept as Maps. Undefined when the value holds anything else
 * that JSON would not give back (a class instance, a function, a RegExp, a non-finite number…).
 */
export function toCacheText(value: unknown): string | undefined {
  let plain = true;
  const encode = (v: unknown): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) plain = false;
      return v;
    }
    if (v instanceof Map) return { $map: [...v].map(([k, x]) => [encode(k), encode(x)]) };
    if (Array.isArray(v)) return v.map(encode);
    if (typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === '$map') plain = false;
        if (x !== undefined) out[k] = encode(x);
      }
      return out;
    }
    plain = false;
    return null;
  };
  const text = JSON.stringify(encode(value));
  return plain ? text : undefined;
}

/** The value of a text toCacheText gave. */
export function fromCacheText(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    const map = v && typeof v === 'object' ? (v as { $map?: unknown }).$map : undefined;
    return Array.isArray(map) ? new Map(map as [unknown, unknown][]) : v;
  });
}
