// The syntax tree of an expression of the template pack: fact references (dotted paths with `*`
// and `{var}`), calls of the pack's functions, numbers and quoted texts — each with its offsets
// in the source text, so a message can point into the pack file.
import type { Decimal } from 'decimal.js';

/** A piece of a path segment: literal text, or a variable bound when the rule is applied. */
export type Piece = string | { var: string };

export type Segment =
  /** A key, a row code or name, or a quoted `[…]` segment; may hold `{var}` pieces. */
  | { kind: 'name'; pieces: Piece[] }
  /** `*`: every block, every key of a map, every item of a list, every row of a table. */
  | { kind: 'star' };

interface Span {
  /** Offsets into the expression's source text. */
  start: number;
  end: number;
}

export type Expr =
  | ({ type: 'ref'; segments: Segment[]; text: string } & Span)
  | ({ type: 'call'; name: string; args: Expr[] } & Span)
  | ({ type: 'number'; value: Decimal } & Span)
  | ({ type: 'text'; value: string } & Span)
  | ({ type: 'var'; name: string } & Span);

/** An expression as parsed from the pack, with its source text. */
export interface Parsed {
  source: string;
  expr: Expr;
}

/** The variables an expression names ({类}, {行}, {项目}…), in order of appearance. */
export function variablesOf(expr: Expr, out: string[] = []): string[] {
  const add = (name: string) => {
    if (!out.includes(name)) out.push(name);
  };
  if (expr.type === 'var') add(expr.name);
  else if (expr.type === 'call') for (const arg of expr.args) variablesOf(arg, out);
  else if (expr.type === 'ref') {
    for (const s of expr.segments) if (s.kind === 'name') for (const p of s.pieces) if (typeof p !== 'string') add(p.var);
  }
  return out;
}

/** Every reference of an expression. */
export function refsOf(expr: Expr, out: Extract<Expr, { type: 'ref' }>[] = []): Extract<Expr, { type: 'ref' }>[] {
  if (expr.type === 'ref') out.push(expr);
  else if (expr.type === 'call') for (const arg of expr.args) refsOf(arg, out);
  return out;
}

/** The first segment of a reference when it is literal (a table id or block kind). */
export function headOf(ref: Extract<Expr, { type: 'ref' }>): string | undefined {
  const first = ref.segments[0];
  return first?.kind === 'name' && first.pieces.every((p) => typeof p === 'string') ? first.pieces.join('') : undefined;
}
