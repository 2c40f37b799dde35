// The text side of `juesuan new`: last year's reviewer notes dropped (HTML and YAML comments that start
// with `corrected:`, `check:`, `review:`, 审核 or 复核, a trailing comment that tells of a correction, and
// the comment trailing a value `new` blanked),
// and the report's year in headings written as the {{年度}} helper (the year before as {{上年度}}).

/** The words that start a reviewer's note (the seed's notes use the first two). */
const NOTE = /^(?:corrected|check|review|审核|复核|校对)\s*[:：]/iu;

const FENCE = /^(`{3,}|~{3,})/u;

/** One line of a data block without its reviewer note (a blanked value's comment is one). */
function withoutNote(line: string): string {
  const m = /^(\s*(?:-\s+)?[^#\s][^#]*?:)(\s*)([^#]*?)\s+#\s?(.*)$/u.exec(line);
  if (!m) return line;
  const [, key, , value, comment] = m as unknown as [string, string, string, string, string];
  if (value === '') return key;
  return NOTE.test(comment) || /\bcorrected\b|校正|更正/iu.test(comment) ? `${key} ${value}` : line;
}

/** Drops reviewer notes from a report file's text. */
export function dropReviewNotes(text: string): string {
  const html = text.replace(/[ \t]*<!--([\s\S]*?)-->[ \t]*(\n|$)/gu, (m, body: string) => (NOTE.test(body.trim()) ? '' : m));
  const out: string[] = [];
  let inFence = false;
  let noteIndent: string | undefined;
  for (const line of html.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence;
    if (!inFence) {
      out.push(line);
      continue;
    }
    const comment = /^(\s*)#\s?(.*)$/u.exec(line);
    if (comment && noteIndent !== undefined && comment[1] === noteIndent && !NOTE.test(comment[2]!)) continue;
    noteIndent = comment && NOTE.test(comment[2]!) ? comment[1] : undefined;
    if (noteIndent !== undefined) continue;
    out.push(withoutNote(line));
  }
  return out.join('\n');
}

/** Headings (`#` lines outside data blocks) with the report's year as {{年度}} and the year before as {{上年度}}. */
export function yearsAsHelpers(text: string, year: number): string {
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (FENCE.test(line)) inFence = !inFence;
      if (inFence || !/^#{1,6}\s/u.test(line)) return line;
      return line.replace(/(?<!\d)(\d{4})(?=\s*年)/gu, (m, y: string) => (Number(y) === year ? '{{年度}}' : Number(y) === year - 1 ? '{{上年度}}' : m));
    })
    .join('\n');
}
