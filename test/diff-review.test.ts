// Review that fits a pull request: every value of every data block is diffed (one value of each
// block of the seed changed, exactly those listed), generated sentences pair by their origin, the
// Markdown comment is valid GitHub Markdown under its budget with what is cut counted, and check's
// output streams stay clean in GitHub Actions (JSON parses, annotations escaped, no infos).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { visit } from 'unist-util-visit';
import type { Root, Table } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, type DataNode } from '../src/data/tree.js';
import { diffReports, type ReportDiff } from '../src/diff/diff.js';
import { factsOf } from '../src/diff/facts.js';
import { COMMENT_MARKER, diffMarkdown } from '../src/diff/format.js';
import { compile, edit, reportCopies, ROOT, SEED_REPORT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');
const copies = reportCopies();
afterAll(copies.removeAll);

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The scalars of a block, in written order. */
function scalars(node: DataNode): DataNode[] {
  if (node.kind === 'map') return [...node.entries.values()].flatMap(scalars);
  if (node.kind === 'list') return node.items.flatMap(scalars);
  return [node];
}

/** The first number of a block (or, when it has none, its first one-line plain text). */
function leafOf(node: DataNode): DataNode | undefined {
  const all = scalars(node);
  return all.find((n) => (n.kind === 'amount' || n.kind === 'count' || n.kind === 'score') && /\d/u.test(n.text)) ?? all.find((n) => n.kind === 'text' && /^[^"'>|\n]+$/u.test(n.text) && n.text.trim() !== '');
}

describe('every value of every data block', () => {
  it('lists exactly the changed values, one in each block of the seed, whatever its kind', () => {
    const dir = copies.copy();
    const seed = compile(SEED_REPORT).data.report!;
    expect(seed.blocks.length).toBe(33);
    // Each edit: a range of a file, its new text, and where in that text the changed value starts.
    const edits: { file: string; kind: string; start: number; end: number; text: string; at: number }[] = [];
    for (const block of seed.blocks) {
      const leaf = leafOf(block.root);
      const table = seed.tables.get(block.kind);
      const empty = scalars(block.root).find((n) => textOf(n) === '' && n.where.pointer.split('/').length === 3);
      if (!leaf && table && empty) {
        // A table with no value (公开09 of the seed): its first empty cell gets one.
        const start = block.file.text.indexOf(':', empty.where.place.start.offset!) + 1;
        edits.push({ file: block.file.name, kind: block.kind, start, end: start, text: ' 1', at: 1 });
        continue;
      }
      if (!leaf && table) {
        // An empty table (公开07, 公开08 of the seed): its first row gets a value in its first column.
        const key = block.root.kind === 'map' ? [...block.root.entries.keys()][0]! : '';
        const column = table.def.sections[0]!.columns[0]!.key;
        const start = block.file.text.indexOf(`${key}:`, block.region.offset);
        const text = `${key}:\n  ${column}: 1`;
        edits.push({ file: block.file.name, kind: block.kind, start, end: start + key.length + 1, text, at: text.length - 1 });
        continue;
      }
      expect(leaf, `a value in ${block.kind} ${block.name ?? ''}`).toBeDefined();
      const start = leaf!.where.place.start.offset!;
      const end = leaf!.where.place.end.offset!;
      const source = block.file.text.slice(start, end);
      // A number gets its last digit changed; a text gets a word added.
      const text = leaf!.kind === 'text' ? `${source}(改)` : source.replace(/(\d)(\D*)$/u, (_m, d: string, rest: string) => `${(Number(d) + 1) % 10}${rest}`);
      edits.push({ file: block.file.name, kind: block.kind, start, end, text, at: 0 });
    }
    for (const name of new Set(edits.map((e) => e.file))) {
      let text = readFileSync(join(dir, name), 'utf8');
      for (const e of edits.filter((x) => x.file === name).sort((x, y) => y.start - x.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
      writeFileSync(join(dir, name), text);
    }
    const after = compile(dir);
    const facts = factsOf(after.data.report!);
    // Where each changed value is in the changed file: shifted by the edits before it.
    const offset = (e: (typeof edits)[number]) => e.start + e.at + edits.filter((x) => x.file === e.file && x.start < e.start).reduce((n, x) => n + x.text.length - (x.end - x.start), 0);
    const expected = edits.map((e) => facts.find((f) => f.where?.file.name === e.file && f.where.place.start.offset === offset(e))?.key ?? `${e.kind}: not found`);
    const d = diffReports(compile(SEED_REPORT), after);
    const listed = [...d.cells, ...d.values];
    expect(listed.map((c) => c.key).sort()).toEqual([...expected].sort());
    expect(new Set(listed.map((c) => c.block))).toEqual(new Set(seed.blocks.map((b) => b.kind)));
    // Every number has its Δ; every text its changed words.
    for (const c of listed) {
      if (c.kind === 'text') expect(c.marked).toContain('{+(改)+}');
      else expect(c.delta).toMatch(/^[+−]\d/u);
    }
    expect(d.values.find((c) => c.label === '资产 › 资产总额')).toMatchObject({ old: '307,521.79元', new: '307,521.70元', delta: '−0.09元', deltaPct: '−0.00%' });
    expect(d.values.find((c) => c.label === '项目绩效 › 信息系统通信、运维费 › 资金 › 年初预算数')).toMatchObject({ old: '40.00', new: '41.00', delta: '+1.00', deltaPct: '+2.50%' });
    expect(d.renamedBlocks.map((r) => r.newName)).toEqual(['赣服通5.0版九江市县分厅建设经费(改)', '信息系统通信、运维费(改)']);
  });

  it('lists the 附件1 asset change in values, in the 元 it is written in', () => {
    const dir = copies.copy();
    edit(dir, 'annex-1.md', '非流动资产: 204,988.69元', '非流动资产: 204,999.80元');
    const r = cli(['diff', SEED_REPORT, dir, '--format', 'json'], ROOT);
    expect(r.status).toBe(0);
    const [d] = JSON.parse(r.stdout) as ReportDiff[];
    expect(d!.values.map((c) => [c.label, c.old, c.new, c.delta, c.deltaPct])).toEqual([['资产 › 非流动资产', '204,988.69元', '204,999.80元', '+11.11元', '+0.01%']]);
    expect(d!.values[0]!.place).toMatch(/annex-1\.md:38:8$/u);
    expect(d!.cells).toEqual([]);
  });
});

/** Sets one value of a table block, found by its path of keys (`['支出', '总计']`), from one text to another. */
function setCell(dir: string, block: string, path: string[], from: string, to: string): void {
  const file = join(dir, 'tables.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\`\`\`yaml data=${block}\n`);
  const end = text.indexOf('\n```', start);
  let at = start;
  path.forEach((segment, i) => {
    at = text.indexOf(`\n${'  '.repeat(i)}${segment}:`, at);
    if (at < 0 || at > end) throw new Error(`${block}: no ${path.join(' › ')}`);
  });
  const line = `\n${'  '.repeat(path.length - 1)}${path.at(-1)}: ${from}\n`;
  if (text.slice(at, at + line.length) !== line) throw new Error(`${block} ${path.join(' › ')} is not ${from}`);
  writeFileSync(file, text.slice(0, at) + line.replace(`: ${from}`, `: ${to}`) + text.slice(at + line.length));
}

describe('root changes and their consequences', () => {
  it('shows +2.00 in a 公开05 row, carried through every table, as one data change with the 38 totals that follow it', () => {
    const dir = copies.copy();
    // What a clerk changes to spend 2.00 more on 2010504 信息事务 项目支出 and keep the tables consistent.
    const rows = ['2010504 信息事务', '20105 统计信息事务', '201 一般公共服务支出'];
    for (const t of ['公开05', '公开03']) {
      for (const r of rows) {
        setCell(dir, t, [r, '本年支出合计'], '261.26', '263.26');
        setCell(dir, t, [r, '项目支出'], '166.45', '168.45');
      }
      setCell(dir, t, ['合计', '本年支出合计'], '292.90', '294.90');
      setCell(dir, t, ['合计', '项目支出'], '191.53', '193.53');
    }
    for (const r of rows) for (const c of ['本年收入合计', '财政拨款收入']) setCell(dir, '公开02', [r, c], '261.26', '263.26');
    for (const c of ['本年收入合计', '财政拨款收入']) setCell(dir, '公开02', ['合计', c], '292.90', '294.90');
    for (const c of ['一般公共预算财政拨款收入', '本年收入合计', '总计']) setCell(dir, '公开01', ['收入', c], '292.90', '294.90');
    setCell(dir, '公开01', ['支出', '201 一般公共服务支出'], '261.26', '263.26');
    for (const c of ['本年支出合计', '总计']) setCell(dir, '公开01', ['支出', c], '292.90', '294.90');
    for (const c of ['一般公共预算财政拨款', '本年收入合计', '总计']) setCell(dir, '公开04', ['收入', c], '292.90', '294.90');
    for (const c of ['小计', '一般公共预算财政拨款']) {
      setCell(dir, '公开04', ['支出', '201 一般公共服务支出', c], '261.26', '263.26');
      for (const r of ['本年支出合计', '总计']) setCell(dir, '公开04', ['支出', r, c], '292.90', '294.90');
    }
    // And, apart from it, one asset of 附件1 with the total it makes.
    edit(dir, 'annex-1.md', '资产总额: 307,521.79元', '资产总额: 307,532.90元');
    edit(dir, 'annex-1.md', '非流动资产: 204,988.69元', '非流动资产: 204,999.80元');
    const d = diffReports(compile(SEED_REPORT), compile(dir));
    expect(d.cells.length).toBe(39);
    expect(d.cells.every((c) => c.delta === '+2.00')).toBe(true);
    const roots = d.cells.filter((c) => !c.follows);
    expect(roots.length).toBe(1);
    // The root is the most detailed of the cells typed in: a 项 (2010504) row, not a total.
    expect(roots[0]!.code).toBe('2010504');
    expect(d.cells.filter((c) => c.follows).every((c) => c.follows!.length === 1 && c.follows![0] === roots[0]!.key)).toBe(true);
    expect(d.values.map((c) => [c.label, c.follows ?? []])).toEqual([
      ['资产 › 资产总额', ['资产 › 非流动资产']],
      ['资产 › 非流动资产', []],
    ]);
    const md = diffMarkdown([d]);
    expect(md).toMatch(/^\*\*2 个数据改动,39 个合计随之变化;/mu);
    expect(md).toContain('<summary><b>表格</b>: 39 个单元格变化(1 个数据改动,38 个合计随之变化)</summary>');
    const table = md.split('<summary><b>表格</b>')[1]!.split('</details>')[0]!.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| 位置'));
    expect(table[0]).toBe(`| ${roots[0]!.label} | ${roots[0]!.old} | ${roots[0]!.new} | +2.00 | ${roots[0]!.deltaPct} |`);
    expect(table.slice(1).every((l) => l.startsWith('| ↳ '))).toBe(true);
    expect(table.length).toBe(39);
    expect(md).toContain('| 资产 › 非流动资产 | 204,988.69元 | 204,999.80元 | +11.11元 | +0.01% |\n| ↳ 资产 › 资产总额 | 307,521.79元 | 307,532.90元 | +11.11元 | +0.00% |');
  });
});

describe('a report against its previous year written as a partial data file', () => {
  it('compares the 文化和旅游局 2025 report with the 2024 figures it reads, value by value, and says why nothing else', () => {
    const dept = join(ROOT, 'reports', 'shanghai-putuo-wenhualvyou');
    const d = diffReports(compile(join(dept, '2024')), compile(join(dept, '2025')));
    expect(d.yearToYear).toBe(true);
    expect(d.note).toBe('2024 年度是部分数据文件(只写了其他年度要读的数):只比较它写出的数,不比较文字。');
    // Every figure 2024 writes that 2025 changes (因公出国(境)费 stays 0), in the pack's tables and blocks.
    expect([...d.cells, ...d.values].map((c) => [c.label, c.old, c.new, c.delta, c.deltaPct ?? ''])).toEqual([
      ['表一 收入 › 总计', '18,103.20', '26,591.08', '+8,487.88', '+46.89%'],
      ['表一 支出 › 总计', '18,103.20', '26,591.08', '+8,487.88', '+46.89%'],
      ['表四 收入 › 总计', '18,050.59', '26,538.47', '+8,487.88', '+47.02%'],
      ['表五 合计 › 合计', '18,050.59', '24,535.67', '+6,485.08', '+35.93%'],
      ['表七 三公经费支出 › 决算数', '22.70', '3.04', '−19.66', '−86.61%'],
      ['表七 公务用车购置及运行维护费 › 决算数', '22.70', '2.64', '−20.06', '−88.37%'],
      ['表七 公务接待费 › 决算数', '0.00', '0.40', '+0.40', ''],
      ['机关运行经费 › 决算数', '188.95', '166.45', '−22.50', '−11.91%'],
    ]);
    // 三公 = 出国 + 车 + 接待, with 出国 written (0) in both years: the total follows its two changed parts.
    expect(d.cells.find((c) => c.label === '表七 三公经费支出 › 决算数')!.follows).toEqual(['表七/项目/公务用车购置及运行维护费/决算数', '表七/项目/公务接待费/决算数']);
    // 表五's 合计 is a sum of rows 2024 does not write: it is a data change of its own.
    expect(d.cells.find((c) => c.label === '表五 合计 › 合计')!.follows).toBeUndefined();
    expect([d.narrative, d.prose, d.rows]).toEqual([[], [], []]);
    const md = diffMarkdown([d]);
    expectValidComment(md);
    expect(md).toContain('> 2024 年度是部分数据文件');
  });
});

describe('sentences by origin', () => {
  it('records which template sentence printed each piece, and prints no mark', () => {
    const narration = compile(SEED_REPORT).data.narration!;
    for (const text of narration.files.values()) expect(text).not.toMatch(/[\uE000\uE001]/u);
    const income = narration.sentences.filter((s) => s.partial === '收入决算情况说明');
    expect(income[0]).toMatchObject({ ordinal: 0, text: expect.stringMatching(/^本部门2023年度收入总计292\.90万元，/u) }) as unknown;
    // The partial's pieces, joined, are what it printed.
    expect(narration.files.get('explanation.md')).toContain(income.map((s) => s.text).join('').trim());
    const rows = narration.sentences.filter((s) => s.partial === '基本支出决算情况说明' && s.text.includes('万元，比上年'));
    expect(rows.map((s) => s.text.slice(0, 9))).toEqual(['（一）工资福利支出', '（二）商品和服务支', '（三）对个人和家庭', '（四）资本性支出0']);
    expect(new Set(rows.map((s) => s.ordinal)).size).toBe(1);
  });

  it('pairs each changed sentence with the one its template sentence printed before', () => {
    const dir = copies.copy();
    // 公务用车购置费 0 → 1.00 and its totals: four sentences of the 三公经费 partial change, three of
    // them next to each other and alike in text to their neighbours.
    for (const row of ['三公经费支出', '公务用车购置及运行维护费', '公务用车购置费']) edit(dir, 'tables.md', `\n${row}:\n  年初预算数:\n  全年预算数:\n  决算数:\n`, `\n${row}:\n  年初预算数:\n  全年预算数:\n  决算数: 1.00\n`);
    const d = diffReports(compile(SEED_REPORT), compile(dir));
    const sangong = d.narrative.filter((t) => t.origin?.startsWith('三公经费支出决算情况说明#'));
    expect(sangong.map((t) => [t.op, t.origin])).toEqual([
      ['changed', '三公经费支出决算情况说明#0'],
      ['changed', '三公经费支出决算情况说明#5'],
      ['changed', '三公经费支出决算情况说明#6'],
      ['changed', '三公经费支出决算情况说明#7'],
    ]);
    expect(sangong.map((t) => t.old!.slice(0, 6))).toEqual(['本部门202', '（二）公务用', '公务用车购置', '决算数与上年']);
    const car = sangong.find((t) => t.old!.startsWith('决算数与上年持平，主要原因：本年无公务用车购置'));
    expect(car?.new).toMatch(/^决算数比上年增加1\.00万元（上年为零，增长率无可比性），主要原因：本年无公务用车购置/u);
    // Hand-written sentences carry no origin.
    expect(d.prose.every((t) => t.origin === undefined)).toBe(true);
  });
});

/** The Markdown GitHub would render: tables with as many cells as their header, <details> balanced. */
function expectValidComment(md: string): void {
  expect(md.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
  let tables = 0;
  visit(tree, 'table', (t: Table) => {
    tables++;
    const width = t.children[0]!.children.length;
    for (const row of t.children) expect(row.children.length).toBe(width);
  });
  const opens = md.match(/<details>/gu)?.length ?? 0;
  expect(md.match(/<\/details>/gu)?.length ?? 0).toBe(opens);
  expect(md.match(/<summary>/gu)?.length ?? 0).toBe(opens);
  // A <details> holds Markdown only after a blank line.
  expect(md).not.toMatch(/<\/summary>\n(?!\n)/u);
  // No text outside juesuan's own tags opens or closes an element; no mention pings anyone.
  expect(md.replace(/<\/?(details|summary|b|del|ins|sub|code|a)\b[^>]*>/gu, '').replace(/<!-- juesuan-diff -->/u, '')).not.toMatch(/(?<!\\)<[a-z/!]/iu);
  expect(md).not.toMatch(/@[A-Za-z]/u);
  expect(tables).toBeGreaterThan(0);
}

describe('a comment that fits', () => {
  let d: ReportDiff;
  beforeAll(() => {
    const dir = copies.copy();
    const root = join(dir, '..', '..', '..');
    cli(['new', 'dept', '2024'], root);
    // A text that would break a table, close a <details>, ping a user or run a script if echoed raw.
    edit(join(root, 'reports', 'dept', '2024'), 'explanation.md', '收入变动: TODO 待填写', '收入变动: "a|b </details> <script>x</script> @octocat **x** ~y~ `z`"');
    d = diffReports(compile(dir), compile(join(root, 'reports', 'dept', '2024')));
  });

  it('folds each section with a one-line summary, largest changes first, and escapes what it echoes', () => {
    const md = diffMarkdown([d], { maxChars: 0 });
    expectValidComment(md);
    expect(md).toContain('原因 › 收入变动: <del>');
    expect(md).toContain('<ins>a\\|b \\</details\\> \\<script\\>x\\</script\\> @\u200Boctocat \\*\\*x\\*\\* \\~y\\~ \\`z\\`</ins>');
    const tables = md.split('<summary><b>表格</b>')[1]!.split('</details>')[0]!;
    // Root changes largest first, each followed (↳) by the totals that follow it, largest first.
    const rows = [...tables.matchAll(/^\| (↳ )?[^|]+ \| [^|]+ \| [^|]+ \| [+−]([\d.,]+)( |元)/gmu)].map((m) => ({ follows: m[1] !== undefined, delta: Number(m[2]!.replace(/,/gu, '')) }));
    expect(rows.length).toBeGreaterThan(50);
    const roots = rows.filter((r) => !r.follows).map((r) => r.delta);
    for (let i = 1; i < roots.length; i++) expect(roots[i - 1]!).toBeGreaterThanOrEqual(roots[i]!);
    for (let i = 1; i < rows.length; i++) if (rows[i]!.follows && rows[i - 1]!.follows) expect(rows[i - 1]!.delta).toBeGreaterThanOrEqual(rows[i]!.delta);
  });

  it('stays under its budget and counts what it cuts', () => {
    const full = diffMarkdown([d], { maxChars: 0 });
    const total = [...full.matchAll(/^(\| (?!位置|---).*|- .*)$/gmu)].length;
    for (const budget of [60000, 20000, 8000]) {
      const md = diffMarkdown([d], { maxChars: budget, fullLink: 'https://github.com/o/r/actions/runs/1' });
      expect(md.length).toBeLessThanOrEqual(budget);
      expectValidComment(md);
      const listed = [...md.matchAll(/^(\| (?!位置|---).*|- .*)$/gmu)].length;
      const cut = [...md.matchAll(/另有 (\d+) 项未列出/gu)].reduce((s, m) => s + Number(m[1]), 0);
      expect(listed + cut).toBe(total);
      if (cut) {
        expect(md).toContain(`共 ${total} 项,列出 ${listed} 项,省略 ${cut} 项`);
        expect(md).toContain('<a href="https://github.com/o/r/actions/runs/1">完整比较</a>');
      }
    }
    expect(full.length).toBeGreaterThan(20000);
  });

  it('keeps the seed year to year (2022 → 2023) well under the limit, and groups nothing through what 2022 does not write', () => {
    const d = diffReports(compile(join(SEED_REPORT, '..', '2022')), compile(SEED_REPORT));
    const md = diffMarkdown([d]);
    expect(md.length).toBeLessThan(60000);
    expectValidComment(md);
    // Nothing cut: every change is listed, none counted as omitted.
    expect(md).not.toMatch(/另有 \d+ 项未列出|省略/u);
    expect(md).toBe(diffMarkdown([d], { maxChars: 0 }));
    // 2022 is a partial data file: its 公开06 合计 is unknown, so 302 and 310 (parts of it) are both
    // data changes, not one the consequence of the other.
    expect(d.cells.length).toBe(6);
    expect(d.cells.filter((c) => c.follows)).toEqual([]);
    expect(md).toContain('**7 个数据改动。**');
  });
});

describe('clean output streams in GitHub Actions', () => {
  let dir = '';
  beforeAll(() => {
    dir = copies.copy();
    const hostile = '"1\\n::error file=forged.md::forged ##[error]old ::stop-commands::token %0A"';
    edit(dir, 'annex-1.md', '非流动资产: 204,988.69元', `非流动资产: ${hostile}`);
  });

  it('prints one JSON document on stdout and the annotations, escaped, on stderr', () => {
    const r = cli(['check', dir, '--format', 'json'], ROOT, { GITHUB_ACTIONS: 'true' });
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout) as { counts: { error: number; info: number } };
    expect(json.counts.error).toBeGreaterThan(0);
    expect(r.stdout).not.toContain('##[');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines.length).toBe(json.counts.error);
    for (const line of lines) expect(line).toMatch(/^::error file=[^:,]+,line=\d+,col=\d+(,endLine=\d+,endColumn=\d+)?,title=juesuan [^:,]+::[^\n]*$/u);
    // The value is echoed by the number check and by the sentence that could not name it; each echo is
    // one line (the newline escaped, as %0A or as reliability's ↵), ##[ broken, % escaped.
    const forged = lines.filter((l) => l.includes('forged'));
    expect(forged.length).toBeGreaterThan(0);
    for (const line of forged) expect(line).toMatch(/1(%0A|↵)::error file=forged\.md::forged #\u200B#\[error\]old ::stop-commands::token %250A/u);
  });

  it('never starts a line with a workflow command in human output, and annotates no info', () => {
    const r = cli(['check', dir, '--verbose'], ROOT, { GITHUB_ACTIONS: 'true' });
    expect(r.stdout).toContain('提示');
    for (const line of r.stdout.split('\n')) {
      expect(line.trimStart().startsWith('::')).toBe(false);
      expect(line).not.toContain('##[');
    }
    expect(r.stderr).not.toContain('::notice');
    expect(r.stderr.split('\n').filter(Boolean).every((l) => l.startsWith('::error ') || l.startsWith('::warning '))).toBe(true);
    const github = cli(['check', dir, '--format', 'github'], ROOT);
    expect(github.stdout).toBe(r.stderr);
    expect(github.stderr).toBe('');
  });
});
