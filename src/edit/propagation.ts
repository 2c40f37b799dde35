// The edits of a propagation: each total that follows a changed cell (check/likely-change)
// rewritten in place, at the precision, unit and grouping it was written with.
import { Decimal } from 'decimal.js';
import type { Amount } from '../amount/amount.js';
import { fixed, group } from '../amount/format.js';
import type { Move } from '../check/blame.js';
import type { TextEdit } from './edits.js';

/** The new text of a written value: `after` (元 for amounts) with the original's decimals, unit and commas. */
export function rewrite(written: string, value: Amount | Decimal, after: Decimal): string | undefined {
  const number = /-?[\d,]+(?:\.\d+)?/u.exec(written);
  if (!number) return undefined;
  let text: string;
  if (Decimal.isDecimal(value)) {
    const decimals = number[0].includes('.') ? number[0].length - number[0].indexOf('.') - 1 : 0;
    text = fixed(after, decimals);
  } else {
    const a = value as Amount;
    text = fixed(a.unit === '万元' ? after.div(10000) : after, a.decimals);
  }
  if (number[0].includes(',')) text = group(text);
  return written.slice(0, number.index) + text + written.slice(number.index + number[0].length);
}

/** One edit per move whose value is written where its fact says (others are left out). */
export function propagationEdits(moves: readonly Move[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const m of moves) {
    const where = m.fact.where;
    const value = m.fact.value;
    const start = where?.place.start.offset;
    const end = where?.place.end.offset;
    if (!where || !value || start === undefined || end === undefined) continue;
    const written = where.file.text.slice(start, end);
    const text = rewrite(written, value, m.after);
    if (text !== undefined && text !== written) out.push({ path: where.file.path, start, end, text });
  }
  return out;
}
