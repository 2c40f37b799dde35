// Reuses a file's previous syntax tree after an edit inside one data block: the clerk's usual
// change (one figure in a fenced ```yaml block) leaves the Markdown structure as it was, so the
// tree is the old one with that block's text replaced and the offsets after it moved. Any edit
// that could change the structure — a line added or removed, a fence touched, a line that could
// close the fence, text outside a block — gives undefined, and the file is parsed again.
import type { Code, Root } from 'mdast';
import type { Node, Parent } from 'unist';

/** The span where two texts differ: [start, oldEnd) of the old text became [start, newEnd) of the new. */
function changedSpan(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  let start = 0;
  const min = Math.min(before.length, after.length);
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** The content of a fenced code block as remark reads it, when the fence is not indented: the lines between the fences. */
function fencedContent(text: string, code: Code): { from: number; to: number } | undefined {
  const start = code.position?.start;
  const end = code.position?.end;
  if (start?.offset === undefined || end?.offset === undefined || start.column !== 1) return undefined;
  const fence = /^(`{3,}|~{3,})/u.exec(text.slice(start.offset, start.offset + 64));
  if (!fence) return undefined;
  const open = text.indexOf('\n', start.offset);
  if (open < 0 || open >= end.offset) return undefined;
  const from = open + 1;
  // The closing fence is the last line of the node, at column 1.
  const close = text.lastIndexOf('\n', end.offset - 1);
  if (close < from - 1 || !text.startsWith(fence[1]!.slice(0, 3), close + 1)) return undefined;
  const to = Math.max(from, close);
  return text.slice(from, to) === code.value ? { from, to } : undefined;
}

/** Moves every offset at or after `at` by `delta` (an edit within one line: lines and columns after it do not change). */
function shift(node: Node, at: number, delta: number): void {
  const position = node.position;
  if (position) {
    if (position.start.offset !== undefined && position.start.offset >= at) position.start = { ...position.start, offset: position.start.offset + delta };
    if (position.end.offset !== undefined && position.end.offset >= at) position.end = { ...position.end, offset: position.end.offset + delta };
  }
  for (const child of (node as Parent).children ?? []) shift(child, at, delta);
}

/** Every fenced code node of a tree, in document order. */
function codeNodes(node: Node, out: Code[] = []): Code[] {
  if (node.type === 'code') out.push(node as Code);
  for (const child of (node as Parent).children ?? []) codeNodes(child, out);
  return out;
}

/**
 * The tree of `after`, made from the tree of `before` (which the caller owns: it is changed in
 * place), when the only difference is inside one line of one data block's content; else undefined.
 */
export function reuseTree(before: string, tree: Root, after: string): Root | undefined {
  if (before === after) return tree;
  const { start, oldEnd, newEnd } = changedSpan(before, after);
  if (before.slice(start, oldEnd).includes('\n') || after.slice(start, newEnd).includes('\n') || after.includes('\r')) return undefined;
  const code = codeNodes(tree).find((c) => {
    const content = fencedContent(before, c);
    return content !== undefined && content.from <= start && oldEnd <= content.to;
  });
  if (!code) return undefined;
  // The edited line, as it now reads, must not be one remark would take for a closing fence.
  const lineStart = after.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = after.indexOf('\n', start);
  const line = after.slice(lineStart, lineEnd < 0 ? after.length : lineEnd);
  if (/^\s*(`{3,}|~{3,})/u.test(line)) return undefined;
  const content = fencedContent(before, code)!;
  const delta = newEnd - oldEnd;
  shift(tree, oldEnd, delta);
  code.value = after.slice(content.from, content.to + delta);
  return tree;
}
