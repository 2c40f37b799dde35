// A small, escaping HTML builder for the renderer: every text goes through `text()`, so report
// content can never become markup (let alone script); printed Chinese text is typeset on the way.
import { typeset, wordGroups } from './typography.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes a value for HTML content or attribute values, as it is (ids, paths, URLs). */
export function escape(value: string): string {
  return value.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);
}

/** Printed text: typeset (full-width punctuation in Chinese context) and escaped. */
export function text(value: string): string {
  return escape(typeset(value));
}

/** Printed text that may break only between words (a table cell): <wbr> between word groups. */
export function words(value: string): string {
  const typeset_ = typeset(value);
  if (!/\p{Script=Han}/u.test(typeset_)) return escape(typeset_);
  return wordGroups(typeset_).map(escape).join('<wbr>');
}

export type Attrs = Record<string, string | number | boolean | undefined>;

function attrs(a: Attrs | undefined): string {
  if (!a) return '';
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escape(String(v))}"`))
    .join('');
}

const VOID = new Set(['col', 'br', 'wbr', 'meta', 'link', 'img', 'hr']);

/** An element; children are already-built HTML strings. */
export function el(tag: string, a: Attrs | undefined, ...children: string[]): string {
  if (VOID.has(tag)) return `<${tag}${attrs(a)}>`;
  return `<${tag}${attrs(a)}>${children.join('')}</${tag}>`;
}

/** A table cell with escaped text that breaks between words. */
export function cell(tag: 'td' | 'th', content: string, a?: Attrs): string {
  return el(tag, a, words(content));
}
