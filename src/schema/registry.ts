// One Ajv (JSON Schema 2020-12) instance holding juesuan's schemas. The `juesuanType` keyword
// reads amounts, counts and scores from their text while validating, so a block is validated
// and its values are parsed in one pass, each result keyed by its JSON pointer.
import Ajv2020 from 'ajv/dist/2020.js';
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

export class SchemaRegistry {
  private readonly ajv: InstanceType<typeof Ajv2020.default>;
  private session: Session | undefined;

  constructor(schemas: Iterable<object>) {
    this.ajv = new Ajv2020.default({ allErrors: true, strict: false, verbose: true });
    const current = (): Session | undefined => this.session;
    this.ajv.addKeyword({
      keyword: 'juesuanType',
      type: 'string',
      schemaType: 'string',
      errors: true,
      validate: function check(kind: JuesuanType, data: string, _parent: unknown, cxt?: { instancePath: string }): boolean {
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
      },
    });
    for (const schema of schemas) this.ajv.addSchema(schema);
  }

  /** Registers a schema (by its $id) unless one with that id is there already. */
  add(schema: object): void {
    const id = (schema as { $id?: string }).$id;
    if (id && this.ajv.getSchema(id)) return;
    this.ajv.addSchema(schema);
  }

  /**
   * Registers and compiles a schema of a template pack, or says why it cannot be used: errors
   * against the JSON Schema meta-schema (each at a JSON pointer of the schema), or a failure to
   * compile (a $ref that resolves to nothing…). A schema that fails is not left registered.
   */
  register(schema: object): { pointer: string; message: string }[] {
    if (!this.ajv.validateSchema(schema)) {
      return (this.ajv.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? '' }));
    }
    const id = (schema as { $id?: string }).$id;
    if (id && this.ajv.getSchema(id)) return [];
    try {
      this.ajv.addSchema(schema);
      if (id) this.ajv.getSchema(id);
      return [];
    } catch (error) {
      if (id) this.ajv.removeSchema(id);
      return [{ pointer: '', message: (error as Error).message }];
    }
  }

  /** Compiles a schema (by $id, or a schema object). */
  compile(schema: string | object): ValidateFunction {
    if (typeof schema === 'string') {
      const found = this.ajv.getSchema(schema);
      if (!found) throw new Error(`schema not registered: ${schema}`);
      return found;
    }
    return this.ajv.compile(schema);
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
