// A report diff as the sections a reviewer reads, each with a one-line summary and its items
// largest first (a root change, then the totals that follow it): what the Markdown comment and
// the terminal both print. Marked words are `[-old-]` and `{+new+}` here; printers style them.
import type { ReportDiff, ValueChange } from './diff.js';
import type { TextChange } from './sentences.js';

export interface Item {
  /** A table row (position, old, new, Δ, Δ%), or a line of text. */
  cells?: string[];
  text?: string;
  /** A consequence, printed under the change it follows from. */
  follows?: boolean;
}

export interface Section {
  title: string;
  summary: string;
  /** Table columns, when the items are rows. */
  columns?: string[];
  items: Item[];
}

export interface ReportSections {
  title: string;
  note?: string;
  summary: string;
  sections: Section[];
}

const VALUE_COLUMNS = (d: ReportDiff) => (d.yearToYear ? ['位置', `${d.old.year}`, `${d.new.year}`, '变动', '变动率'] : ['位置', '原', '新', '变动', '变动率']);

function title(d: ReportDiff): string {
  return d.yearToYear ? `${d.new.department} ${d.old.year} → ${d.new.year} 年度` : `${d.new.department} ${d.new.year} 年度(${d.old.path} → ${d.new.path})`;
}

const byMagnitude = (x: ValueChange, y: ValueChange) => rank(x) - rank(y) || y.magnitude.comparedTo(x.magnitude);

/** Amounts first, then counts and scores, then texts. */
function rank(c: ValueChange): number {
  return c.kind === 'amount' ? 0 : c.kind === 'text' ? 2 : 1;
}

function row(c: ValueChange, follows = false): Item {
  return { cells: [c.label, c.old || '(空)', c.new || '(空)', c.delta ?? '', c.deltaPct ?? ''], ...(follows ? { follows } : {}) };
}

function textValue(c: ValueChange): Item {
  if (c.op === 'added') return { text: `${c.label}: {+${c.new}+}` };
  if (c.op === 'removed') return { text: `${c.label}: [-${c.old}-]` };
  return { text: `${c.label}: ${c.marked ?? `[-${c.old}-]{+${c.new}+}`}` };
}

/** Root changes largest first, each followed by the changes that follow from it. */
function grouped(changes: ValueChange[], follow: Map<string, string[]>): Item[] {
  const byKey = new Map(changes.map((c) => [c.key, c]));
  const consequences = new Set([...follow.values()].flat());
  const roots = changes.filter((c) => !consequences.has(c.key)).sort(byMagnitude);
  const out: Item[] = [];
  const listed = new Set<string>();
  for (const r of roots) {
    out.push(r.kind === 'text' ? textValue(r) : row(r));
    const under = (follow.get(r.key) ?? []).map((k) => byKey.get(k)).filter((c): c is ValueChange => c !== undefined && !listed.has(c.key));
    for (const c of under.sort(byMagnitude)) {
      listed.add(c.key);
      out.push(row(c, true));
    }
  }
  // A consequence of a root of another section (a table total of a changed block value) is listed here on its own.
  for (const c of changes.filter((x) => consequences.has(x.key) && !listed.has(x.key)).sort(byMagnitude)) out.push(row(c, true));
  return out;
}

function textItem(t: TextChange): Item {
  if (t.op === 'added') return { text: `新增: {+${t.new}+}` };
  if (t.op === 'removed') return { text: `删除: [-${t.old}-]` };
  return { text: t.marked ?? '' };
}

/** How many changes are roots and how many follow. */
export function rootCounts(d: ReportDiff): { roots: number; follow: number } {
  const all = [...d.cells, ...d.values];
  const follow = all.filter((c) => c.follows?.length).length;
  return { roots: all.length - follow, follow };
}

function countsText(roots: number, follow: number): string {
  return `${roots} 个数据改动${follow ? `,${follow} 个合计随之变化` : ''}`;
}

/** The sections of a report diff, each non-empty. */
export function sectionsOf(d: ReportDiff): ReportSections {
  const follow = new Map<string, string[]>();
  for (const c of [...d.cells, ...d.values]) for (const root of c.follows ?? []) follow.set(root, [...(follow.get(root) ?? []), c.key]);
  const sections: Section[] = [];
  const columns = VALUE_COLUMNS(d);
  if (d.yearToYear && d.largest.length) sections.push({ title: '变动最大的项目', summary: `变动最大的 ${d.largest.length} 项`, columns, items: d.largest.map((c) => row(c)) });
  if (d.signFlips.length) sections.push({ title: '正负号改变', summary: `${d.signFlips.length} 项正负号改变`, columns, items: d.signFlips.map((c) => row(c)) });
  if (d.missingReasons.length) sections.push({ title: '有变动却没有主要原因', summary: `${d.missingReasons.length} 处有变动却没有主要原因`, items: d.missingReasons.map((r) => ({ text: r })) });
  const codes = [
    ...d.rows.map((r) => `${r.table} ${r.op === 'added' ? '新增' : '删除'}科目 ${r.code} ${r.name}`),
    ...d.renamed.map((r) => `${r.table} 科目 ${r.code} 改名: ${r.oldName} → ${r.newName}`),
    ...d.recoded.map((r) => `${r.table}「${r.name}」改编码: ${r.oldCode} → ${r.newCode}`),
    ...d.renamedBlocks.map((r) => `${r.kind}「${r.oldName}」改名为「${r.newName}」`),
  ];
  if (codes.length) sections.push({ title: '科目与名称', summary: `${codes.length} 处科目增删、改名或改编码`, items: codes.map((text) => ({ text })) });
  const cellRoots = d.cells.filter((c) => !c.follows?.length).length;
  if (d.cells.length) sections.push({ title: '表格', summary: `${d.cells.length} 个单元格变化(${countsText(cellRoots, d.cells.length - cellRoots)})`, columns, items: grouped(d.cells, follow) });
  const numbers = d.values.filter((c) => c.kind !== 'text');
  const texts = d.values.filter((c) => c.kind === 'text');
  const valueRoots = numbers.filter((c) => !c.follows?.length).length;
  if (numbers.length) sections.push({ title: '其他数据', summary: `${numbers.length} 项数据变化(${countsText(valueRoots, numbers.length - valueRoots)})`, columns, items: grouped(numbers, follow) });
  if (texts.length) sections.push({ title: '数据中的文字', summary: `${texts.length} 处文字变化`, items: texts.map(textValue) });
  if (d.narrative.length) sections.push({ title: '情况说明', summary: `${d.narrative.length} 句生成的说明变化`, items: d.narrative.map(textItem) });
  if (d.prose.length) sections.push({ title: '正文', summary: `${d.prose.length} 处正文变化`, items: d.prose.map(textItem) });
  if (d.checks.length) {
    const appeared = d.checks.filter((c) => c.op === 'appeared').length;
    sections.push({
      title: '检查结果',
      summary: `新出现 ${appeared} 条,消除 ${d.checks.length - appeared} 条`,
      items: d.checks.map((c) => ({ text: `${c.op === 'appeared' ? '新出现' : '已消除'} ${c.severity} ${c.rule} ${c.place}: ${c.message}` })),
    });
  }
  const { roots, follow: followCount } = rootCounts(d);
  const parts = [
    roots + followCount ? countsText(roots, followCount) : '',
    d.narrative.length ? `${d.narrative.length} 句情况说明` : '',
    d.prose.length ? `${d.prose.length} 处正文` : '',
    codes.length ? `${codes.length} 处科目` : '',
    d.checks.length ? `检查结果变化 ${d.checks.length} 条` : '',
  ].filter(Boolean);
  return { title: title(d), ...(d.note ? { note: d.note } : {}), summary: parts.length ? `${parts.join(';')}。` : '两边没有差别。', sections };
}
