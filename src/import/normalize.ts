// Label normalisation for matching a workbook's text against a template's: full-width forms,
// whitespace and line breaks, quotes, and (for a looser second try) ordinals such as 一、 1. (1).

/** NFKC (full-width → half-width), no whitespace or line breaks, no quotation marks. */
export function norm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0]+/gu, '')
    .replace(/["'“”‘’「」『』]/gu, '');
}

const ORDINAL = /^(?:[一二三四五六七八九十百]+[、.]|\d+[.、]|\(\d+\)|\([一二三四五六七八九十]+\)|[①-⑳])/u;

/** `norm` without leading ordinals (一、 1. (1) (一) ①), for a second, looser match. */
export function loose(text: string): string {
  let out = norm(text);
  for (let i = 0; i < 3; i++) {
    const next = out.replace(ORDINAL, '');
    if (next === out) break;
    out = next;
  }
  return out;
}
