// The outline level of each heading, from its number as the template ranks them (第X部分 > 一、 >
// （一） > 1. …) rather than from how many # the author typed: a numbered heading is a sibling of
// the last heading of its rank in its part, and a heading without a number moves with its parent.

export interface HeadingLevelInput {
  /** Level as written (the number of #). */
  depth: number;
  text: string;
}

/** The rank of a heading's number among the template's patterns, or undefined. */
function rankOf(text: string, patterns: RegExp[]): number | undefined {
  const i = patterns.findIndex((p) => p.test(text.trim()));
  return i < 0 ? undefined : i;
}

export interface Outline {
  /** 1–6. */
  level: number;
  /** The index of the numbering pattern the heading matches, if any. */
  rank: number | undefined;
}

/** Outline levels (1–6) for headings in document order. */
export function outlineLevels(headings: HeadingLevelInput[], numbering: string[]): Outline[] {
  const patterns = numbering.map((p) => new RegExp(p, 'u'));
  const levels: Outline[] = [];
  // The open headings: written depth, outline level, rank.
  const stack: { depth: number; level: number; rank: number | undefined }[] = [];
  for (const h of headings) {
    const rank = rankOf(h.text, patterns);
    let level: number | undefined;
    if (rank !== undefined) {
      // Close the headings of this rank or a lower one; a sibling of the same rank gives the level.
      const sibling = [...stack].reverse().find((s) => s.rank !== undefined && s.rank <= rank);
      if (sibling && sibling.rank === rank) level = sibling.level;
      else if (sibling) level = sibling.level + 1;
    }
    if (level === undefined) {
      // No number (or no ranked parent): as written, shifted as its parent was.
      const parent = [...stack].reverse().find((s) => s.depth < h.depth);
      level = parent ? parent.level + (h.depth - parent.depth) : h.depth;
    }
    level = Math.max(1, Math.min(6, level));
    while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ depth: h.depth, level, rank });
    levels.push({ level, rank });
  }
  return levels;
}
