// The Handlebars helpers of juesuan, for the narrative templates and for hand-written prose:
// they take Values from the context and print them with the wording helpers (phrases.ts). A value
// that is missing is an error with its place (narrate/missing-value), never an empty string.
import { Decimal } from 'decimal.js';
import type { HelperOptions } from 'handlebars';
import { sumAmounts } from '../amount/amount.js';
import { Value, type Context } from './context.js';
import { amountIn, change, changeAmount, changed, changeRate, chineseNumber, compare, completion, direction, ordinal, PhraseError, percentIn, ratePhrase, share, trend, wanShort, yuanText } from './phrases.js';
import type { Wording } from './wording.js';

/** Where a helper was called in its template (Handlebars passes it as options.loc). */
export interface Loc {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** A problem found while narrating, at a helper's place in its template. */
export class NarrateError extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly loc: Loc | undefined,
    readonly severity: 'error' | 'warning' = 'error',
    /** Already reported (a value from a helper that failed): not reported again. */
    readonly reported = false,
  ) {
    super(message);
  }
}

/** A Value that can be read, or the error of the sentence that names it. */
function readable(value: Value, opts: { loc?: Loc; name?: string }): Value {
  if (!value.unreadable) return value;
  const where = value.where ? `,见 ${value.where.file.path}:${value.where.place.start.line}:${value.where.place.start.column}` : '';
  throw new NarrateError('narrate/missing-value', `「${value.path}」的值无法读取(${value.unreadable.reason}${where}),此句未能生成`, opts.loc, 'error', value.unreadable.reported);
}

export interface HelperHost {
  /** Reports a warning (a missing 主要原因…) without stopping the template. */
  warn(error: NarrateError): void;
  /** The template's names for codes in the 情况说明 (303 → 对个人和家庭补助支出). */
  names: Record<string, string>;
  /** Rates from values as held, or as displayed (万元, 2 decimals). */
  basis: 'held' | 'displayed';
  /** The template's words, phrases and number formats. */
  wording: Wording;
}

type Options = HelperOptions & { loc?: Loc; name?: string };

function options(args: unknown[]): Options {
  return args[args.length - 1] as Options;
}

/** A Value argument, or an error naming the missing data. */
function need(value: unknown, what: string, opts: Options): Value {
  if (value instanceof Value) return readable(value, opts);
  if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/u.test(value))) {
    return new Value(String(value), 'score', null, new Decimal(value), null);
  }
  throw new NarrateError('narrate/missing-value', `${opts.name ?? '辅助函数'}: 找不到数据(${what})`, opts.loc);
}

function phrase<T>(f: () => T, opts: Options): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof PhraseError) throw new NarrateError(error.rule, error.message, opts.loc);
    throw error;
  }
}

function reasonText(value: unknown): string {
  const text = value instanceof Value ? (value.text ?? '') : typeof value === 'string' ? value : '';
  return text.trim().replace(/[。；;，,\s]+$/u, '');
}

function isTrue(value: unknown): boolean {
  if (value instanceof Value) return !readable(value, {}).isEmpty() && !value.number().isZero();
  return Boolean(value);
}

/** The helpers, keyed by name. */
export function helpers(host: HelperHost): Record<string, (...args: unknown[]) => unknown> {
  /** An operand of a rate: as held, or rounded to the displayed 0.01 万元 (100 元). */
  const operand = (v: unknown, what: string, opts: Options): Decimal => {
    const n = need(v, what, opts).number();
    if (host.basis === 'held' || !(v instanceof Value) || v.kind !== 'amount') return n;
    return n.div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(100);
  };
  /** A phrase of this year's figure against last year's, from the rate operands. */
  const versus = (current: unknown, prior: unknown, rest: unknown[], f: (a: Decimal, b: Decimal, w: Wording) => string): string => {
    const opts = options([current, prior, ...rest]);
    return phrase(() => f(operand(current, '本年数', opts), operand(prior, '上年数', opts), host.wording), opts);
  };
  return {
    万元: (v, ...rest) => `${amountIn(need(v, '金额', options([v, ...rest])).number(), host.wording)}万元`,
    万元简: (v, ...rest) => `${wanShort(need(v, '金额', options([v, ...rest])).number())}万元`,
    元: (v, ...rest) => `${yuanText(need(v, '金额', options([v, ...rest])).number())}元`,
    数: (v, ...rest) => {
      const opts = options([v, ...rest]);
      if (typeof v === 'string' || typeof v === 'number') return String(v);
      const value = need(v, '数', opts);
      // An empty cell is a zero in a sentence ("团组0个").
      return value.kind !== 'text' && value.isEmpty() ? '0' : value.toString();
    },
    百分比: (v, ...rest) => {
      const value = need(v, '百分比', options([v, ...rest]));
      // A rate without a base (no budget) is printed as a dash, not as 0.00%.
      return value.isEmpty() ? '——' : phrase(() => percentIn(value.number(), host.wording), options([v, ...rest]));
    },
    变动: (current, prior, ...rest) => versus(current, prior, rest, change),
    增减: (current, prior, ...rest) => versus(current, prior, rest, direction),
    变动额: (current, prior, ...rest) => versus(current, prior, rest, changeAmount),
    升降: (current, prior, ...rest) => versus(current, prior, rest, trend),
    变动率: (current, prior, ...rest) => versus(current, prior, rest, (a, b, w) => {
      const rate = changeRate(a, b, w);
      if (rate === undefined) throw new PhraseError('narrate/zero-base', '上年数为零,没有增长率;请用 {{增长率 …}}(模板的 rateFromZero 说法)');
      return rate;
    }),
    增长率: (current, prior, ...rest) => versus(current, prior, rest, ratePhrase),
    有变动: (current, prior, ...rest) => {
      const opts = options([current, prior, ...rest]);
      return changed(need(current, '本年数', opts).number(), need(prior, '上年数', opts).number(), host.wording);
    },
    占: (part, whole, ...rest) => {
      const opts = options([part, whole, ...rest]);
      return phrase(() => share(operand(part, '部分', opts), operand(whole, '总数', opts), host.wording), opts);
    },
    完成率: (actual, budget, ...rest) => {
      const opts = options([actual, budget, ...rest]);
      return completion(operand(actual, '决算数', opts), operand(budget, '预算数', opts), host.wording) ?? '';
    },
    比较: (a, b, ...rest) => {
      const opts = options([a, b, ...rest]);
      return phrase(() => compare(need(a, '左', opts).number(), need(b, '右', opts).number(), host.wording), opts);
    },
    序号: (index, style, ...rest) => {
      const opts = options([index, style, ...rest]);
      return phrase(() => ordinal(Number(index) + 1, String(style)), opts);
    },
    中文数: (n, ...rest) => phrase(() => chineseNumber(Number(n)), options([n, ...rest])),
    差: (a, b, ...rest) => {
      const opts = options([a, b, ...rest]);
      const x = need(a, '被减数', opts);
      const y = need(b, '减数', opts);
      const yuan = x.number().minus(y.number());
      return new Value(`${x.path} − ${y.path}`, 'amount', { yuan, unit: '元', decimals: 2, halfWidth: new Decimal(0), text: '' }, null, null);
    },
    合计: (list, field, ...rest) => {
      const opts = options([list, field, ...rest]);
      const items = Array.isArray(list) ? list : Object.values((list ?? {}) as Context);
      const amounts = items.map((item) => {
        let at: unknown = item;
        for (const part of String(field).split('.')) at = at && typeof at === 'object' ? (at as Context)[part] : undefined;
        return need(at, String(field), opts).amount;
      });
      return new Value(`Σ ${String(field)}`, 'amount', sumAmounts(amounts), null, null);
    },
    非零: (v) => isTrue(v),
    /**
     * The more precise of two statements of one figure: \`b\` when it is exact and agrees with \`a\`
     * within 尾数, else \`a\` (公开04's 292.90 and 附件1's 2,929,015.40元: rates use the latter).
     */
    精确: (a, b, ...rest) => {
      const opts = options([a, b, ...rest]);
      const x = need(a, '数据', opts);
      if (!(b instanceof Value) || !b.amount || !x.amount || !b.amount.halfWidth.isZero()) return x;
      const lo = x.amount.yuan.minus(x.amount.halfWidth);
      const hi = x.amount.yuan.plus(x.amount.halfWidth);
      return b.amount.yuan.gte(lo) && b.amount.yuan.lte(hi) ? b : x;
    },
    求和: (map, ...rest) => {
      const opts = options([map, ...rest]);
      const items = Array.isArray(map) ? map : Object.entries((map ?? {}) as Context).filter(([k]) => !/^\d+$/u.test(k) || true).map(([, v]) => v);
      const values = [...new Set(items)].map((v) => need(v, '求和项', opts));
      return new Value('Σ', 'amount', sumAmounts(values.map((v) => v.amount)), null, null);
    },
    /** "6个项目评价结果为“优”，2个项目评价结果为“良”…" from the grade counts (zeros left out). */
    等级分布: (counts) => {
      const entries = Object.entries((counts ?? {}) as Context).filter(([, v]) => isTrue(v));
      return entries.map(([grade, v]) => `${String(v)}个项目评价结果为“${grade}”`).join('，');
    },
    /** Σ 执行数 of the projects whose 资金来源 is the given fund (a project names none: 一般公共预算). */
    按资金来源合计: (list, fund, ...rest) => {
      const opts = options([list, fund, ...rest]);
      const items = (Array.isArray(list) ? list : []) as Context[];
      const chosen = items.filter((p) => String((p['资金来源'] as Value | undefined)?.text ?? '一般公共预算') === String(fund));
      return new Value(`Σ ${String(fund)}`, 'amount', sumAmounts(chosen.map((p) => need((p['资金'] as Context | undefined)?.['执行数'], '执行数', opts).amount)), null, null);
    },
    个数: (list) => (Array.isArray(list) ? list.length : Object.keys((list ?? {}) as Context).length),
    主要原因: (reason, ...rest) => {
      const opts = options([reason, ...rest]);
      const needed = rest.length > 1 ? Boolean(rest[0]) : true;
      const text = reasonText(reason);
      if (!text) {
        if (needed) host.warn(new NarrateError('narrate/missing-reason', '此处的变动或预决算差异需要说明主要原因,数据中没有(原因块)', opts.loc, 'warning'));
        return '';
      }
      const lead = typeof opts.hash?.['前缀'] === 'string' ? String(opts.hash['前缀']) : '，主要原因：';
      return `${lead}${text}`;
    },
    原因文字: (reason) => reasonText(reason),
    简称: (code, name) => host.names[String(code)] ?? String(name ?? ''),
    /** Rows of a table's 行 list whose value (or whose counterpart in `other`) is not zero. */
    有数的行: (rows, other, column, ...rest) => {
      const opts = options([rows, other, column, ...rest]);
      const col = typeof column === 'string' ? column : undefined;
      const pick = (v: unknown): Value | undefined => (v instanceof Value ? v : col && v && typeof v === 'object' ? ((v as Context)[col] as Value | undefined) : undefined);
      const list = Array.isArray(rows) ? (rows as Context[]) : [];
      const others = (other && typeof other === 'object' ? other : {}) as Context;
      const codes = new Set(list.map((r) => String(r['编码'])));
      const extra = Object.keys(others).filter((k) => /^\d+$/u.test(k) && !codes.has(k));
      const all = [...list.map((r) => ({ code: String(r['编码']), name: String(r['名称']), value: pick(r['值']) })), ...extra.map((k) => ({ code: k, name: '', value: undefined }))];
      return all
        .filter((r) => r.code.length === Math.min(...all.map((x) => x.code.length)))
        .map((r) => ({ 编码: r.code, 名称: r.name, 本年: r.value ?? need(undefined, `${r.code} 本年`, opts), 对比: (others[r.code] as Value | undefined) ?? new Value(`${r.code}`, 'amount', null, null, null) }))
        .filter((r) => isTrue(r.本年) || isTrue(r.对比))
        .sort((a, b) => a.编码.localeCompare(b.编码));
    },
    全部是: (list, field, value) => {
      const items = Array.isArray(list) ? list : [];
      return items.length > 0 && items.every((item) => String((item as Context)[String(field)] ?? '') === String(value));
    },
    /** The non-empty columns of a table row (a map of columns) other than the given ones: {名称, 值}. */
    有数的栏: (row, ...rest) => {
      const skip = new Set(rest.slice(0, -1).map(String));
      return Object.entries((row ?? {}) as Context)
        .filter(([name, v]) => !skip.has(name) && v instanceof Value && isTrue(v))
        .map(([name, v]) => ({ 名称: name, 值: v }));
    },
    /**
     * The rows of a classified table's 行 list at one level (类/款/项 by the classification's code
     * lengths 3/5/7), non-empty in `column` (false: a single-column table), optionally only under the
     * given 类 codes; each with its 1-based 号 and the names of its 类 and 款.
     */
    科目行: (rows, level, column, ...rest) => {
      const classes = rest.slice(0, -1).map(String);
      const digits = { 类: 3, 款: 5, 项: 7 }[String(level)] ?? 7;
      const list = Array.isArray(rows) ? (rows as Context[]) : [];
      const nameOf = new Map(list.map((r) => [String(r['编码']), String(r['名称'])]));
      const pick = (v: unknown): Value | undefined => (v instanceof Value ? v : typeof column === 'string' && v && typeof v === 'object' ? ((v as Context)[column] as Value | undefined) : undefined);
      return list
        .map((r) => ({ code: String(r['编码']), name: String(r['名称']), value: pick(r['值']) }))
        .filter((r) => r.code.length === digits && (!classes.length || classes.includes(r.code.slice(0, 3))) && r.value && isTrue(r.value))
        .map((r, i) => ({ 号: i + 1, 编码: r.code, 名称: r.name, 类名: nameOf.get(r.code.slice(0, 3)) ?? '', 款名: nameOf.get(r.code.slice(0, 5)) ?? '', 本年: r.value }));
    },
    /** The 名称 of a list joined with 、 (列举 (科目行 …)). */
    列举: (list) => (Array.isArray(list) ? (list as Context[]).map((item) => String(item['名称'] ?? '')).join('、') : ''),
    等于: (a, b) => String(a) === String(b),
    或: (...args) => args.slice(0, -1).some(isTrue),
  };
}
