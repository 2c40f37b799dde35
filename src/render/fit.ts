// Column widths fitted to their content: each column needs at least its longest word (a header
// or name breaks only between words, numbers never), and would like its longest line; the page's
// width is shared out between the two. Widths in em of the table's font, given as percentages.
import { wordGroups } from './typography.js';

/** Width in em: a Chinese or full-width character is 1, others about half. */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF“”‘’…—]/u.test(ch) ? 1 : 0.56;
  return w;
}

export interface ColumnNeed {
  /** The narrowest it can be without breaking a word. */
  min: number;
  /** The width of its longest text on one line. */
  pref: number;
  /** A width given by the table's definition (em), which wins. */
  fixed?: number;
}

const PADDING = 0.8;

/** A column's need from its header labels (which may wrap onto two lines) and body texts. */
export function need(headers: string[], body: string[], nowrap: boolean): ColumnNeed {
  let min = 0;
  let pref = 0;
  for (const t of headers) {
    const groups = wordGroups(t);
    min = Math.max(min, ...groups.map(emWidth));
    pref = Math.max(pref, emWidth(t) / 2, ...groups.map(emWidth));
  }
  for (const t of body) {
    const full = emWidth(t);
    min = Math.max(min, nowrap ? full : Math.max(0, ...wordGroups(t).map(emWidth)));
    pref = Math.max(pref, full);
  }
  return { min: min + PADDING, pref: Math.max(min, pref) + PADDING };
}

/** Percent widths for columns sharing `total` em. */
export function fit(columns: ColumnNeed[], total: number): number[] {
  const min = columns.map((c) => c.fixed ?? c.min);
  const pref = columns.map((c) => c.fixed ?? Math.max(c.pref, c.min));
  const sumMin = min.reduce((s, x) => s + x, 0);
  const sumPref = pref.reduce((s, x) => s + x, 0);
  let widths: number[];
  if (sumPref <= total) {
    const flexible = columns.map((c, i) => (c.fixed === undefined ? pref[i]! : 0));
    const sumFlex = flexible.reduce((s, x) => s + x, 0) || 1;
    widths = pref.map((p, i) => p + ((total - sumPref) * flexible[i]!) / sumFlex);
  } else if (sumMin < total) {
    const share = (total - sumMin) / (sumPref - sumMin);
    widths = min.map((m, i) => m + (pref[i]! - m) * share);
  } else widths = min;
  const sum = widths.reduce((s, x) => s + x, 0);
  return widths.map((w) => Math.round((w / sum) * 10000) / 100);
}
