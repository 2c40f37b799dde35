// A diff for people: Markdown ready to post as a pull-request comment, the terminal (colour on a
// TTY), or JSON for tools.
import type { CellChange, ReportDiff, TextChange } from './diff.js';

function title(d: ReportDiff): string {
  return d.yearToYear ? `${d.new.department} ${d.old.year} → ${d.new.year} 年度` : `${d.new.department} ${d.new.year} 年度(${d.old.path} → ${d.new.path})`;
}

function cellRow(c: CellChange): string {
  const esc = (s: string) => s.replace(/\|/gu, '\\|');
  return `| ${esc(c.label)} | ${esc(c.old) || '(空)'} | ${esc(c.new) || '(空)'} | ${c.delta ?? ''} | ${c.deltaPct ?? ''} |`;
}

function markdownText(t: TextChange): string {
  if (t.op === 'added') return `- 新增: ${t.new}`;
  if (t.op === 'removed') return `- 删除: ~~${t.old}~~`;
  const marked = (t.marked ?? '').replace(/\[-([\s\S]*?)-\]/gu, '~~$1~~').replace(/\{\+([\s\S]*?)\+\}/gu, '**$1**');
  return `- ${marked}`;
}

/** The diff as Markdown. */
export function diffMarkdown(diffs: ReportDiff[]): string {
  const out: string[] = [];
  for (const d of diffs) {
    out.push(`## juesuan diff: ${title(d)}`, '');
    const counts = [`${d.cells.length} 个表格单元格`, `${d.rows.length} 行增删`, `${d.values.length} 项其他数据`, `${d.narrative.length} 句情况说明`, `${d.prose.length} 处正文`, `${d.checks.length} 条检查结果`];
    out.push(`变化: ${counts.join(',')}。`, '');
    if (d.yearToYear && d.largest.length) {
      out.push('### 变动最大的项目', '', '| 位置 | 上年 | 本年 | 变动(万元) | 变动率 |', '|---|---|---|---|---|', ...d.largest.map(cellRow), '');
    }
    if (d.signFlips.length) out.push('### 正负号改变', '', ...d.signFlips.map((c) => `- ${c.label}: ${c.old} → ${c.new}`), '');
    if (d.missingReasons.length) out.push('### 有变动却没有主要原因', '', ...d.missingReasons.map((r) => `- ${r}`), '');
    if (d.rows.length || d.renamed.length || d.recoded.length) {
      out.push('### 科目', '');
      for (const r of d.rows) out.push(`- ${r.table} ${r.op === 'added' ? '新增' : '删除'}科目 ${r.code} ${r.name}`);
      for (const r of d.renamed) out.push(`- ${r.table} 科目 ${r.code} 改名: ${r.oldName} → ${r.newName}`);
      for (const r of d.recoded) out.push(`- ${r.table}「${r.name}」改编码: ${r.oldCode} → ${r.newCode}`);
      out.push('');
    }
    if (d.cells.length) out.push('### 表格', '', '| 位置 | 原 | 新 | 变动 | 变动率 |', '|---|---|---|---|---|', ...d.cells.map(cellRow), '');
    if (d.values.length) out.push('### 其他数据', '', '| 位置 | 原 | 新 | 变动 | 变动率 |', '|---|---|---|---|---|', ...d.values.map(cellRow), '');
    if (d.narrative.length) out.push('### 情况说明', '', ...d.narrative.map(markdownText), '');
    if (d.prose.length) out.push('### 正文', '', ...d.prose.map(markdownText), '');
    if (d.checks.length) {
      out.push('### 检查结果', '');
      for (const c of d.checks) out.push(`- ${c.op === 'appeared' ? '新出现' : '已消除'} ${c.severity} \`${c.rule}\` ${c.place}: ${c.message}`);
      out.push('');
    }
    if (!counts.some((c) => !c.startsWith('0'))) out.push('两边没有差别。', '');
  }
  return out.join('\n');
}

export interface Paint {
  add(s: string): string;
  del(s: string): string;
  head(s: string): string;
}

/** The diff for a terminal. */
export function diffHuman(diffs: ReportDiff[], paint: Paint): string {
  return diffMarkdown(diffs)
    .split('\n')
    .map((line) => {
      if (line.startsWith('#')) return paint.head(line.replace(/^#+\s*/u, ''));
      return line.replace(/~~([\s\S]*?)~~/gu, (_m, s: string) => paint.del(`[-${s}-]`)).replace(/\*\*([\s\S]*?)\*\*/gu, (_m, s: string) => paint.add(`{+${s}+}`));
    })
    .join('\n');
}

/** The diff as JSON. */
export function diffJson(diffs: ReportDiff[]): string {
  return JSON.stringify(diffs, (key, value: unknown) => (key === 'magnitude' ? undefined : value), 2) + '\n';
}
