// Benchmark input: a copy of the seed report whose 公开02/03/05 have many more rows — 类 201 split
// into 款 and 项 rows whose amounts (in 分) add up exactly to the seed's — so it still checks clean.
import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Splits `fen` (分) into `n` integer parts that add up to it exactly. */
function split(fen: number, n: number): number[] {
  const base = Math.floor(fen / n);
  return Array.from({ length: n }, (_, i) => base + (i < fen - base * n ? 1 : 0));
}

function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Writes a report with about `rows` rows in its classified tables; returns its folder. */
export function makeLargeReport(rows: number): string {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  const dir = join(root, 'reports', 'bench', '2023');
  cpSync(join(ROOT, 'reports', 'xunyang-digital-economy', '2023'), dir, { recursive: true });
  const kuan = Math.max(1, Math.floor(rows / 10));
  const xiang = 9;
  const codes: string[] = [];
  for (let k = 1; k <= kuan; k++) {
    const kc = `201${String(50 + k).padStart(2, '0')}`;
    codes.push(`  "${kc}": 基准款${k}`);
    for (let x = 1; x <= xiang; x++) codes.push(`  "${kc}${String(x).padStart(2, '0')}": 基准项${k}-${x}`);
  }
  appendFileSync(join(root, 'templates', 'jiangxi-county-2023', 'classifications', 'functional.yaml'), codes.join('\n') + '\n');

  const columns: Record<string, Record<string, number>> = {
    公开02: { 本年收入合计: 26126, 财政拨款收入: 26126 },
    公开03: { 本年支出合计: 26126, 基本支出: 9481, 项目支出: 16645 },
    公开05: { 本年支出合计: 26126, 基本支出: 9481, 项目支出: 16645 },
  };
  let tables = readFileSync(join(dir, 'tables.md'), 'utf8');
  for (const [table, values] of Object.entries(columns)) {
    const perKuan = Object.fromEntries(Object.entries(values).map(([c, v]) => [c, split(v, kuan)]));
    const lines: string[] = [];
    for (let k = 0; k < kuan; k++) {
      const kc = `201${String(51 + k).padStart(2, '0')}`;
      lines.push(`${kc} 基准款${k + 1}:`);
      for (const c of Object.keys(values)) lines.push(`  ${c}: ${yuan(perKuan[c]![k]!)}`);
      const perXiang = Object.fromEntries(Object.keys(values).map((c) => [c, split(perKuan[c]![k]!, xiang)]));
      for (let x = 0; x < xiang; x++) {
        lines.push(`${kc}${String(x + 1).padStart(2, '0')} 基准项${k + 1}-${x + 1}:`);
        for (const c of Object.keys(values)) lines.push(`  ${c}: ${yuan(perXiang[c]![x]!)}`);
      }
    }
    // Replace the seed's 20105/2010504 rows of this table with the generated ones.
    const start = tables.indexOf(`\`\`\`yaml data=${table}\n`);
    const from = tables.indexOf('20105 统计信息事务:', start);
    const to = tables.indexOf('208 社会保障和就业支出:', from);
    tables = tables.slice(0, from) + lines.join('\n') + '\n' + tables.slice(to);
  }
  writeFileSync(join(dir, 'tables.md'), tables);
  return dir;
}

/**
 * Writes a copy of the seed (with its 2022 figures) whose 收入 paragraph is the published sentence
 * typed `chars`/length times over, one per line, as one paragraph of about `chars` characters.
 */
export function makeLongParagraphReport(chars: number): string {
  const root = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  cpSync(join(ROOT, 'reports', 'xunyang-digital-economy'), join(root, 'reports', 'bench'), { recursive: true });
  const dir = join(root, 'reports', 'bench', '2023');
  const sentence = '本年收入合计292.90万元,比上年减少199.93万元,下降40.57%,其中财政拨款收入292.90万元,占100.00%;';
  const file = join(dir, 'explanation.md');
  const text = readFileSync(file, 'utf8');
  // One paragraph of many lines: a line is limited to 10,000 characters.
  writeFileSync(file, text.replace('{{> 收入决算情况说明}}', Array(Math.ceil(chars / sentence.length)).fill(sentence).join('\n')));
  return dir;
}
