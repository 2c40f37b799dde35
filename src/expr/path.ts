// Paths of facts as rules, prose and the narrative write them (公开01.收入.本年收入合计, with
// `[…]` quoting a segment that holds dots or spaces), and the stable key of a fact
// (公开05/科目/2010504/项目支出): its segments joined by "/", each escaped as in a JSON pointer.

/** Quotes a path segment as Handlebars and the rules do. */
export function quoteSegment(segment: string): string {
  return /^[^.[\]\s]+$/u.test(segment) ? segment : `[${segment}]`;
}

/** A dotted path of segments. */
export function pathOf(segments: readonly string[]): string {
  return segments.map(quoteSegment).join('.');
}

/** Splits a plain dotted path into segments; `[…]` quotes a segment holding dots. */
export function segments(ref: string): string[] {
  const out: string[] = [];
  for (const m of ref.matchAll(/\[([^\]]*)\]|([^.[\]]+)/gu)) out.push(m[1] ?? m[2]!);
  return out;
}

/** The stable key of a fact from its segments: "~" → "~0", "/" → "~1", joined by "/". */
export function keyOf(parts: readonly string[]): string {
  return parts.map((s) => s.replace(/~/gu, '~0').replace(/\//gu, '~1')).join('/');
}

/** The segments of a stable key. */
export function keySegments(key: string): string[] {
  return key.split('/').map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}
