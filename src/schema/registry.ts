// One Ajv (JSON Schema 2020-12) instance holding juesuan's schemas. The `juesuanType` keyword
// reads amounts, counts and scores from their text while validating, so a block is validated
// and its values are parsed in one pass, each result keyed by its JSON pointer. Validators
// compiled in an earlier run (Ajv standalone code, see usePrecompiled) are used as they are:
// Ajv itself is loaded only when a schema has to be compiled.
import { createRequire } from 'node:module';
import type Ajv2020Type from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseAmount, parseCount, parseScore, type Parsed, type ParseFailure } from '../amount/parse.js';
import type { Amount, Unit } from '../amount/amount.js';
import { Decimal } from 'decimal.js';

export type TypedValue =
  | { type: 'amount'; value: Amount | null }
  | { type: 'count'; value: Decimal | null }
  | { type: 'score'; value: Decimal | null }
  /** A value whose text could not be read (already reported): rules leave it out. */
  | { type: 'invalid'; value: null };

export interface ValidationResult {
  errors: ErrorObject[];
  /** JSON pointer → the value read from its text. */
  values: Map<string, TypedValue>;
}

type JuesuanType = 'amount' | 'exactAmount' | 'count' | 'score' | 'na';

interface Session {
  unit: Unit;
  values: Map<string, TypedValue>;
}

/** A parse failure carried through Ajv as a keyword error. */
export interface ValueErrorParams {
  rule: string;
  reason: string;
}

type Ajv = InstanceType<typeof Ajv2020Type.default>;
type KeywordFunction = (kind: JuesuanType, data: string, parent: unknown, cxt?: { instancePath: string }) => boolean;

const require = createRequire(import.meta.url);

/** The name the standalone code gives the juesuanType keyword's function (a parameter of the code). */
const KEYWORD_PARAMETER = 'juesuanType';

export class SchemaRegistry {
  private ajvInstance: Ajv | undefined;
  private session: Session | undefined;
  /** Every schema by $id, in the order added. */
  private readonly schemas = new Map<string, object>();
  /** Validators from precompiled code, by $id. */
  private readonly precompiled = new Map<string, ValidateFunction>();
  private readonly keyword: KeywordFunction;

  constructor(schemas: Iterable<object>) {
    const current = (): Session | undefined => this.session;
    this.keyword = function check(kind: JuesuanType, data: string, _parent: unknown, cxt?: { instancePath: string }): boolean {
        const session = current();
        const fail = (failure: ParseFailure): boolean => {
          (check as unknown as { errors: Partial<ErrorObject>[] }).errors = [
            { keyword: 'juesuanType', message: failure.reason, params: { rule: failure.rule, reason: failure.reason } },
          ];
          return false;
        };
        if (kind === 'na') {
          if (data.trim() === '') return true;
          if (session && cxt) session.values.set(cxt.instancePath, { type: 'invalid', value: null });
          return fail({ ok: false, rule: 'table/not-applicable', reason: '此栏在官方表中印为「——」(不适用),不应填写' });
        }
        let parsed: Parsed<unknown>;
        if (kind === 'amount' || kind === 'exactAmount') parsed = parseAmount(data, session?.unit ?? '万元');
        else if (kind === 'count') parsed = parseCount(data);
        else parsed = parseScore(data);
        if (!parsed.ok) {
          if (session && cxt) session.values.set(cxt.instancePath, { type: 'invalid', value: null });
          return fail(parsed);
        }
        let value = parsed.value;
        // An accounting figure (a project's 预算数, 执行数) is exact however few decimals it shows.
        if (kind === 'exactAmount' && value) value = { ...(value as Amount), halfWidth: new Decimal(0) };
        if (session && cxt) session.values.set(cxt.instancePath, { type: kind === 'exactAmount' ? 'amount' : kind, value } as TypedValue);
        return true;
    };
    for (const schema of schemas) this.add(schema);
  }

  /** The Ajv instance, created (with every schema added so far) when first needed. */
  private get ajv(): Ajv {
    if (this.ajvInstance) return this.ajvInstance;
    const Ajv2020 = require('ajv/dist/2020.js') as typeof Ajv2020Type;
    const ajv = new Ajv2020.default({ allErrors: true, strict: false, verbose: true, code: { source: true } });
    ajv.addKeyword({ keyword: 'juesuanType', type: 'string', schemaType: 'string', errors: true, validate: this.keyword });
    // The keyword's function is named by a parameter in standalone code (see usePrecompiled).
    const { _Code } = require('ajv/dist/compile/codegen/code.js') as typeof import('ajv/dist/compile/codegen/code.js');
    ajv.scope.value('keyword', { ref: this.keyword, code: new _Code(KEYWORD_PARAMETER) });
    for (const schema of this.schemas.values()) ajv.addSchema(schema);
    this.ajvInstance = ajv;
    return ajv;
  }

  /** Registers a schema (by its $id) unless one with that id is there already. */
  add(schema: object): void {
    const id = (schema as { $id?: string }).$id;
    if (id === undefined) return;
    if (this.schemas.has(id)) return;
    this.schemas.set(id, schema);
    this.ajvInstance?.addSchema(schema);
  }

  /** A registered schema, by $id. */
  schemaOf(id: string): object | undefined {
    return this.schemas.get(id);
  }

  /** The ids of the schemas registered, in the order added. */
  ids(): string[] {
    return [...this.schemas.keys()];
  }

  /** The schemas of these ids as one text (for a cache key: the same text compiles to the same validators). */
  contentOf(ids: readonly string[]): string {
    return JSON.stringify([...ids].sort().map((id) => this.schemas.get(id) ?? null));
  }

  /**
   * Registers and compiles a schema of a template pack, or says why it cannot be used: errors
   * against the JSON Schema meta-schema (each at a JSON pointer of the schema), or a failure to
   * compile (a $ref that resolves to nothing…). A schema that fails is not left registered.
   */
  register(schema: object): { pointer: string; message: string }[] {
    const id = (schema as { $id?: string }).$id;
    if (id && this.schemas.has(id)) return [];
    const ajv = this.ajv;
    if (!ajv.validateSchema(schema)) {
      return (ajv.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? '' }));
    }
    try {
      ajv.addSchema(schema);
      if (id) ajv.getSchema(id);
      if (id) this.schemas.set(id, schema);
      return [];
    } catch (error) {
      if (id) ajv.removeSchema(id);
      return [{ pointer: '', message: (error as Error).message }];
    }
  }

  /** Compiles a schema (by $id, or a schema object). */
  compile(schema: string | object): ValidateFunction {
    if (typeof schema === 'string') {
      const ready = this.precompiled.get(schema);
      if (ready) return ready;
      const found = this.ajv.getSchema(schema);
      if (!found) throw new Error(`schema not registered: ${schema}`);
      return found;
    }
    return this.ajv.compile(schema);
  }

  /** Standalone code of the validators of these schema ids (each compiled now), for usePrecompiled in a later run. */
  standalone(ids: readonly string[]): string {
    const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
    const ajv = this.ajv;
    for (const id of ids) if (!ajv.getSchema(id)) throw new Error(`schema not registered: ${id}`);
    return standaloneCode(ajv, Object.fromEntries(ids.map((id) => [id, id])));
  }

  /**
   * Uses validators compiled in an earlier run (the text `standalone` gave, for exactly the schemas
   * registered now). Code that does not evaluate is ignored: the schemas are then compiled again.
   */
  usePrecompiled(code: string): boolean {
    const exports: Record<string, ValidateFunction> = {};
    try {
      // juesuan's own generated code (Ajv standalone), from its cache.
      new Function('require', 'exports', 'self', KEYWORD_PARAMETER, code)(require, exports, {}, this.keyword);
    } catch {
      return false;
    }
    for (const [id, validate] of Object.entries(exports)) if (typeof validate === 'function') this.precompiled.set(id, validate);
    return true;
  }

  /** Validates data, collecting parsed values. Bare amounts are in `unit`. */
  validate(validate: ValidateFunction, data: unknown, unit: Unit): ValidationResult {
    this.session = { unit, values: new Map() };
    try {
      validate(data);
      return { errors: [...(validate.errors ?? [])], values: this.session.values };
    } finally {
      this.session = undefined;
    }
  }
}
