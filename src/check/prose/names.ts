// Quoted 科目 names that fit several 项 (or one by fewer parts than all but one): the document itself
// chooses when the amounts written after the name (up to the next name) agree with the figures of
// exactly one reading more often than with any other. Two readings fitting as well: none is chosen.
import type { Figures } from './figures.js';
import type { Ambiguous, Reading, Token } from './tokens.js';
import { statesAmount } from './verdicts.js';

/** The roles a name's amounts may state (上年 aside: a different year's figure chooses nothing). */
function roles(reading: Reading): string[] {
  return [...reading.term.fields.keys()].filter((role) => role !== 'prior');
}

/** For each ambiguous name the document's amounts choose, its opening quote → the reading chosen. */
export function chooseReadings(ambiguous: readonly Ambiguous[], tokens: readonly Token[], figures: Figures): Map<number, Reading> {
  const chosen = new Map<number, Reading>();
  for (const name of ambiguous) {
    const amounts: Token[] = [];
    for (const token of tokens) {
      if (token.to <= name.end) continue;
      if (token.t === 'entry' && token.entries.some((e) => e.kind === 'term' && !e.after)) break;
      if (ambiguous.some((other) => other !== name && other.open === token.from)) break;
      if (token.t === 'num' && token.unit.kind === 'amount') amounts.push(token);
    }
    let best: Reading | undefined;
    let top = 0;
    let tie = false;
    for (const reading of name.readings) {
      const figs = roles(reading).map((role) => figures.figure({ kind: 'value', term: reading.term, role }));
      const count = amounts.filter((a) => figs.some((f) => f !== undefined && statesAmount(a, f))).length;
      if (count > top) [best, top, tie] = [reading, count, false];
      else if (count === top && count > 0) tie = true;
    }
    if (best && !tie) chosen.set(name.open, best);
  }
  return chosen;
}
