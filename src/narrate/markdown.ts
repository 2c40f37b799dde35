// Pieces of a narrated report's Markdown: 第三部分 (the 情况说明), and the text without its data blocks.

/** The part of a report's Markdown from its "# 第三部分" heading to the next "# 第" heading. */
export function partThree(markdown: string): string {
  const start = markdown.search(/^# 第三部分/mu);
  if (start < 0) return '';
  const rest = markdown.slice(start);
  const next = rest.slice(1).search(/^# 第/mu);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

/** Drops the data blocks (```yaml data=…```) of a Markdown text. */
export function withoutDataBlocks(markdown: string): string {
  return markdown.replace(/^```ya?ml data=[^\n]*\n[\s\S]*?^```\n?/gmu, '').replace(/\n{3,}/gu, '\n\n');
}
