// A small hand-written parser for the pack's expressions: `公开01.收入.本年收入合计`,
// `sum(a, b, 项目绩效.*.资金.执行数)`, `ratio(公开09.[因公出国(境)费].决算数, x)`. Parentheses
// inside a path segment (因公出国(境)费) are part of it; a call is a known function name followed
// by "(". Errors come back with their offset, never as exceptions.
import { Decimal } from 'decimal.js';
import type { Expr, Parsed, Piece, Segment } from './ast.js';
import { FUNCTIONS } from './signatures.js';

export interface ParseError {
  /** In Chinese, for the pack's author. */
  message: string;
  /** Offset into the source text. */
  offset: number;
}

export type ParseResult = { ok: true; parsed: Parsed } | { ok: false; error: ParseError };

class Failure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const SPACE = /[ \t\r\n]/u;
const NUMBER = /^-?\d+(?:\.\d+)?/u;
const FUNCTION_NAME = /^[a-z][a-z0-9-]*(?=\s*\()/u;
const VAR = /^\{([^{}.[\]\s]+)\}/u;

class Parser {
  private at = 0;
  constructor(private readonly src: string) {}

  private peek(): string {
    return this.src[this.at] ?? '';
  }

  private skip(): void {
    while (SPACE.test(this.peek())) this.at++;
  }

  private rest(): string {
    return this.src.slice(this.at);
  }

  /** A term ends at "," or ")" (inside a call) or at the end. */
  private atTermEnd(): boolean {
    const c = this.peek();
    return c === '' || c === ',' || c === ')';
  }

  parse(): Expr {
    this.skip();
    if (this.at >= this.src.length) throw new Failure('表达式为空', 0);
    const expr = this.term();
    this.skip();
    if (this.at < this.src.length) throw new Failure(`多余的「${this.rest().slice(0, 10)}」`, this.at);
    return expr;
  }

  private term(): Expr {
    this.skip();
    const start = this.at;
    const c = this.peek();
    if (c === "'" || c === '"') return this.text();
    const number = NUMBER.exec(this.rest());
    if (number && this.endsTermAt(this.at + number[0].length)) {
      this.at += number[0].length;
      return { type: 'number', value: new Decimal(number[0]), start, end: this.at };
    }
    const variable = VAR.exec(this.rest());
    if (variable && this.endsTermAt(this.at + variable[0].length)) {
      this.at += variable[0].length;
      return { type: 'var', name: variable[1]!, start, end: this.at };
    }
    const name = FUNCTION_NAME.exec(this.rest());
    if (name) return this.call(name[0]);
    return this.ref();
  }

  private endsTermAt(offset: number): boolean {
    let i = offset;
    while (SPACE.test(this.src[i] ?? '')) i++;
    const c = this.src[i] ?? '';
    return c === '' || c === ',' || c === ')';
  }

  private text(): Expr {
    const start = this.at;
    const quote = this.peek();
    const end = this.src.indexOf(quote, this.at + 1);
    if (end < 0) throw new Failure(`引号 ${quote} 没有闭合`, start);
    this.at = end + 1;
    return { type: 'text', value: this.src.slice(start + 1, end), start, end: this.at };
  }

  private call(name: string): Expr {
    const start = this.at;
    if (!FUNCTIONS.has(name)) {
      const known = [...FUNCTIONS.keys()].join('、');
      throw new Failure(`未知的函数「${name}」;可用的函数: ${known}`, start);
    }
    this.at += name.length;
    this.skip();
    this.at++; // "("
    const args: Expr[] = [];
    this.skip();
    if (this.peek() === ')') this.at++;
    else {
      for (;;) {
        args.push(this.term());
        this.skip();
        const c = this.peek();
        if (c === ',') {
          this.at++;
          continue;
        }
        if (c === ')') {
          this.at++;
          break;
        }
        throw new Failure(c === '' ? `函数 ${name}( 缺少右括号「)」` : `函数 ${name} 的参数之间应为逗号,此处为「${c}」`, this.at);
      }
    }
    const signature = FUNCTIONS.get(name)!;
    if (args.length < signature.min || args.length > signature.max) {
      const want = signature.min === signature.max ? `${signature.min}` : signature.max === Infinity ? `至少 ${signature.min}` : `${signature.min}–${signature.max}`;
      throw new Failure(`函数 ${name} 需要 ${want} 个参数,此处有 ${args.length} 个`, start);
    }
    return { type: 'call', name, args, start, end: this.at };
  }

  private ref(): Expr {
    const start = this.at;
    const segments: Segment[] = [];
    for (;;) {
      segments.push(this.segment());
      if (this.peek() !== '.') break;
      this.at++;
    }
    const end = this.at;
    if (!this.atTermEnd() && !SPACE.test(this.peek())) throw new Failure(`路径中不应有「${this.peek()}」`, this.at);
    return { type: 'ref', segments, text: this.src.slice(start, end).trim(), start, end };
  }

  private segment(): Segment {
    const start = this.at;
    if (this.peek() === '[') {
      const close = this.src.indexOf(']', this.at);
      if (close < 0) throw new Failure('方括号「[」没有闭合', start);
      const inner = this.src.slice(this.at + 1, close);
      this.at = close + 1;
      const whole = VAR.exec(inner);
      return { kind: 'name', pieces: whole && whole[0] === inner ? [{ var: whole[1]! }] : [inner] };
    }
    // A plain segment: up to ".", "," "[" "]", or a ")" that closes no "(" of the segment.
    let depth = 0;
    let i = this.at;
    for (; i < this.src.length; i++) {
      const c = this.src[i]!;
      if (c === '.' || c === ',' || c === '[' || c === ']') break;
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
    }
    const raw = this.src.slice(this.at, i);
    const text = raw.trim();
    if (text === '') throw new Failure('路径中有空的一段', start);
    if (depth > 0) throw new Failure(`「${text}」中的括号没有闭合`, start);
    this.at = start + raw.trimEnd().length;
    while (SPACE.test(this.peek()) && this.peek() !== '') this.at++;
    if (text === '*') return { kind: 'star' };
    if (text.includes('*')) throw new Failure(`通配符 * 只能单独成段,此处为「${text}」`, start);
    return { kind: 'name', pieces: pieces(text) };
  }
}

/** Splits a plain segment into text and `{var}` pieces (年初结转-{资金}). */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{([^{}.[\]\s]+)\}/gu)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ var: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Parses an expression of the pack. */
export function parseExpr(source: string): ParseResult {
  try {
    return { ok: true, parsed: { source, expr: new Parser(source).parse() } };
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: { message: error.message, offset: error.offset } };
    throw error;
  }
}
