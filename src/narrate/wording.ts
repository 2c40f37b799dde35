// The wording of a template's 情况说明, as its pack gives it (template.yaml `narrative.words`,
// `narrative.phrases`, `narrative.numbers`): the direction words, the fixed phrase patterns with
// their {placeholders}, and how amounts and percentages are printed. Read by the phrase helpers
// and by the prose checker; no jurisdiction's wording is written in code.
import type { NumberFormat, NumberFormats, TemplateManifest } from '../template/types.js';

/** The direction words (shared decision 3). */
export const WORD_KEYS = ['increase', 'decrease', 'flat', 'grow', 'fall', 'greater', 'less', 'equal'] as const;
export type WordKey = (typeof WORD_KEYS)[number];

/** The fixed phrases of a change against last year. */
export const PHRASE_KEYS = ['change', 'changeFromZero', 'flat', 'rate', 'rateFromZero'] as const;
export type PhraseKey = (typeof PHRASE_KEYS)[number];

/**
 * What a phrase may name: {direction} (increase/decrease/flat word), {amount} (the change, with its
 * unit), {rate} (the rate phrase), {trend} (grow/fall word), {percent} (the rate, with %),
 * {year} and {priorYear} (the report's year and the one before).
 */
export const PLACEHOLDERS: Record<PhraseKey, readonly string[]> = {
  change: ['direction', 'amount', 'rate', 'trend', 'percent', 'year', 'priorYear'],
  changeFromZero: ['direction', 'amount', 'rate', 'trend', 'year', 'priorYear'],
  flat: ['direction', 'year', 'priorYear'],
  rate: ['trend', 'percent', 'year', 'priorYear'],
  rateFromZero: ['trend', 'year', 'priorYear'],
};

export type { NumberFormat } from '../template/types.js';

export interface Wording {
  words: Partial<Record<WordKey, string>>;
  phrases: Partial<Record<PhraseKey, string>>;
  /** Amounts in 万元. */
  amount: NumberFormat;
  percent: NumberFormat;
  /** Values of {year} and {priorYear}. */
  year?: number;
}

/**
 * The wording a template's manifest gives (what it leaves out stays out: a helper that needs it says
 * so); a report's own `numbers` (its front matter) replace the template's number formats field by
 * field (`{amount: {grouping: true}}` keeps the template's other amount fields).
 */
export function wordingOf(manifest: TemplateManifest, year?: number, numbers?: NumberFormats): Wording {
  const narrative = manifest.narrative ?? {};
  return {
    words: narrative.words ?? {},
    phrases: narrative.phrases ?? {},
    amount: { ...narrative.numbers?.amount, ...numbers?.amount },
    percent: { ...narrative.numbers?.percent, ...numbers?.percent },
    ...(year !== undefined ? { year } : {}),
  };
}

/** The placeholders a phrase pattern names. */
export function placeholdersOf(pattern: string): string[] {
  return [...pattern.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1]!);
}
