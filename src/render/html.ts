// A small, escaping HTML builder for the renderer: every text goes through `text()`, so report
// content can never become markup (let alone script).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content or attribute values. */
export function text(value: string): string {
  return value.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);
}

export type Attrs = Record<string, string | number | boolean | undefined>;

function attrs(a: Attrs | undefined): string {
  if (!a) return '';
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${text(String(v))}"`))
    .join('');
}

/** An element; children are already-built HTML strings. */
export function el(tag: string, a: Attrs | undefined, ...children: string[]): string {
  return `<${tag}${attrs(a)}>${children.join('')}</${tag}>`;
}

/** A table cell with escaped text. */
export function cell(tag: 'td' | 'th', content: string, a?: Attrs): string {
  return el(tag, a, text(content));
}
