// Handlebars templates compiled once and kept: the specs Handlebars.precompile gives for a set of
// sources (the template's partials, a report's prose) are stored together in the compile cache
// under a hash of the sources, so a later run evaluates them instead of compiling them again.
import Handlebars from 'handlebars';
import { hashOf, type CompileCache } from '../cache.js';

export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

export interface TemplateCompiler {
  /** The template of one of the sources given (compiled, or taken from the cache). */
  compile(source: string): Handlebars.TemplateDelegate;
  /** Offers what was compiled to the cache (once, after rendering). */
  done(): void;
}

/** Evaluates precompiled specs (Handlebars' own generated code, from the cache). */
function evaluate(specs: (string | null)[]): (object | null)[] | undefined {
  try {
    return new Function(`return [${specs.map((s) => s ?? 'null').join(',\n')}];`)() as (object | null)[];
  } catch {
    return undefined;
  }
}

/** A compiler for a known set of sources of one Handlebars environment; without a cache it simply compiles. */
export function templateCompiler(
  env: typeof Handlebars,
  cache: CompileCache | undefined,
  kind: string,
  sources: readonly string[],
  /** What is compiled of a source (its text, or an AST made from it); part of the cache key through `kind`. */
  prepare: (source: string) => string | hbs.AST.Program = (source) => source,
): TemplateCompiler {
  if (!cache) return { compile: (source) => env.compile(prepare(source), COMPILE_OPTIONS), done: () => undefined };
  const unique = [...new Set(sources)];
  const index = new Map(unique.map((s, i) => [s, i]));
  const key = hashOf(kind, Handlebars.VERSION, JSON.stringify(COMPILE_OPTIONS), ...unique);
  const stored = cache.get(kind, key);
  let specs: (string | null)[] = unique.map(() => null);
  let ready: (object | null)[] = [];
  if (stored !== undefined) {
    try {
      const parsed = JSON.parse(stored) as unknown;
      if (Array.isArray(parsed) && parsed.length === unique.length) {
        const evaluated = evaluate(parsed as (string | null)[]);
        if (evaluated) {
          specs = parsed as (string | null)[];
          ready = evaluated;
        }
      }
    } catch {
      // A broken entry is a miss.
    }
  }
  let added = false;
  return {
    compile(source) {
      const i = index.get(source);
      if (i === undefined) return env.compile(prepare(source), COMPILE_OPTIONS);
      const spec = ready[i];
      if (spec) return env.template(spec as Parameters<typeof env.template>[0]);
      const text = Handlebars.precompile(prepare(source), COMPILE_OPTIONS) as string;
      const [value] = evaluate([text]) ?? [];
      if (!value) return env.compile(prepare(source), COMPILE_OPTIONS);
      specs[i] = text;
      ready[i] = value;
      added = true;
      return env.template(value as Parameters<typeof env.template>[0]);
    },
    done() {
      if (added) cache.set(kind, key, JSON.stringify(specs));
      added = false;
    },
  };
}
