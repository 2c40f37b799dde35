// Where each generated sentence came from: a partial's template is marked, before it is compiled,
// at every sentence start of its text (after 。！？ and line breaks), so its output can be cut into
// the pieces each template sentence produced. The marks never reach the narration (diff reads the
// pieces to align sentences by origin rather than by their text).
import type Handlebars from 'handlebars';

type Program = ReturnType<typeof Handlebars.parse>;

/** The output of one template sentence of a partial. */
export interface NarratedSentence {
  /** The partial's name (its file under narrative/, without .hbs). */
  partial: string;
  /** Which sentence of the partial's template: 0 before the first mark, then in source order. */
  ordinal: number;
  /** What it printed (possibly several sentences, or none, when helpers print 。). */
  text: string;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'gu');

/** The parts of a Handlebars AST node that hold text or nested programs. */
interface Node {
  type: string;
  value?: unknown;
  body?: Node[];
  program?: Node;
  inverse?: Node;
}

/** Marks the sentence starts of a parsed template in place; returns it. */
export function markSentences(program: Program): Program {
  let ordinal = 0;
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'ContentStatement' && typeof node.value === 'string') {
      node.value = node.value.replace(/[。！？]+|\n+/gu, (end) => `${end}${OPEN}${++ordinal}${CLOSE}`);
      return;
    }
    for (const child of node.body ?? []) visit(child);
    visit(node.program);
    visit(node.inverse);
  };
  visit(program as unknown as Node);
  return program;
}

/** Cuts a marked output into its pieces (marks removed); the pieces joined are the output. */
export function splitMarked(output: string): { ordinal: number; text: string }[] {
  const out: { ordinal: number; text: string }[] = [];
  let ordinal = 0;
  let at = 0;
  for (const m of output.matchAll(MARK)) {
    out.push({ ordinal, text: output.slice(at, m.index) });
    ordinal = Number(m[1]);
    at = m.index + m[0].length;
  }
  out.push({ ordinal, text: output.slice(at) });
  return out.filter((p) => p.text.length > 0);
}
