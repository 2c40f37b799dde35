// Mutation test: starting from the corrected seed report, change one amount at a time — every
// amount of 公开01–06, every 资金 amount and indicator 分值 of the 绩效 tables — by +1, by −0.01
// where the value is exact, and by swapping two digits; every change that breaks an identity must
// be flagged. Prints the recall per kind of change.
import { Decimal } from 'decimal.js';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { compileParsed, compileReport } from '../src/compile.js';
import { priorReportDir, readReport } from '../src/cli/load.js';
import { workspaceFor } from '../src/cli/compile-reports.js';
import type { ParsedReport } from '../src/parse/report.js';
import type { DataBlock } from '../src/parse/markdown.js';
import { parseYaml } from '../src/parse/yaml-index.js';
import type { Where } from '../src/data/tree.js';
import { child } from '../src/data/tree.js';
import { indicatorRows } from '../src/perf/indicators.js';
import { SEED_REPORT } from './helpers/report.js';

interface Target {
  label: string;
  kind: string;
  where: Where;
  text: string;
  exact: boolean;
}

type Mutation = { name: string; apply: (t: Target) => string | undefined };

function plusOne(t: Target): string | undefined {
  const m = /^(-?[\d,]+)(?:\.(\d+))?(万元|元)?$/u.exec(t.text);
  if (!m) return undefined;
  const decimals = m[2]?.length ?? 0;
  const value = new Decimal(m[1]!.replace(/,/gu, '') + (m[2] ? `.${m[2]}` : '')).plus(1);
  // eslint-disable-next-line no-restricted-syntax -- Decimal#toFixed: exact formatting of a test mutation.
  return value.toFixed(decimals) + (m[3] ?? '');
}

function minusCent(t: Target): string | undefined {
  if (!t.exact) return undefined;
  const m = /^(-?[\d,]+)(?:\.(\d+))?(万元|元)?$/u.exec(t.text);
  if (!m) return undefined;
  const decimals = Math.max(2, m[2]?.length ?? 0);
  const value = new Decimal(m[1]!.replace(/,/gu, '') + (m[2] ? `.${m[2]}` : '')).minus('0.01');
  if (value.isNegative()) return undefined;
  // eslint-disable-next-line no-restricted-syntax -- Decimal#toFixed: exact formatting of a test mutation.
  return value.toFixed(decimals) + (m[3] ?? '');
}

/** Swaps the last two adjacent digits that differ ("6.56" → "6.65", "0.66" → "6.06"). */
function swapDigits(t: Target): string | undefined {
  const chars = [...t.text];
  const digitAt = chars.flatMap((c, i) => (/\d/u.test(c) ? [i] : []));
  for (let k = digitAt.length - 1; k > 0; k--) {
    const a = digitAt[k - 1]!;
    const b = digitAt[k]!;
    if (chars[a] === chars[b]) continue;
    [chars[a], chars[b]] = [chars[b]!, chars[a]!];
    const out = chars.join('');
    return /^-?0\d/u.test(out) ? undefined : out;
  }
  return undefined;
}

const MUTATIONS: Mutation[] = [
  { name: '+1', apply: plusOne },
  { name: '−0.01 (exact values)', apply: minusCent },
  { name: 'digit swap', apply: swapDigits },
];

function targets(report: NonNullable<VFile['data']['report']>): Target[] {
  const out: Target[] = [];
  for (const id of ['公开01', '公开02', '公开03', '公开04', '公开05', '公开06']) {
    for (const section of report.tables.get(id)!.sections.values()) {
      for (const row of section.rows) {
        for (const [column, cell] of row.cells) {
          if (!cell.value || !cell.where || Decimal.isDecimal(cell.value)) continue;
          const amount = cell.value as { text: string; halfWidth: Decimal };
          out.push({ label: `${id} ${row.key} ${column}`, kind: id, where: cell.where, text: amount.text, exact: amount.halfWidth.isZero() });
        }
      }
    }
  }
  for (const block of [...(report.byKind.get('项目绩效') ?? []), ...(report.byKind.get('部门整体绩效') ?? [])]) {
    const fund = child(block.root, '资金');
    for (const key of ['年初预算数', '全年预算数', '执行数']) {
      const node = child(fund, key);
      if (node?.kind === 'amount' && node.value) {
        out.push({ label: `${block.name ?? block.kind} ${key}`, kind: '绩效资金', where: node.where, text: node.text.trim(), exact: node.value.halfWidth.isZero() });
      }
    }
    for (const row of indicatorRows(block.root)) {
      const weight = child(row.node, '分值');
      if (weight?.kind === 'score' && weight.value) {
        out.push({ label: `${block.name ?? block.kind} ${row.name} 分值`, kind: '绩效分值', where: weight.where, text: weight.text.trim(), exact: true });
      }
    }
  }
  return out;
}

/** The parsed report with one value's text replaced (only that block's YAML is parsed again). */
function mutate(parsed: ParsedReport, target: Target, text: string): ParsedReport | undefined {
  const start = target.where.place.start.offset!;
  const end = target.where.place.end.offset!;
  const file = parsed.files.find((f) => f.file.path === target.where.file.path)!;
  const block = file.blocks.find((b) => start >= b.offset && end <= b.offset + b.node.value.length);
  if (!block) return undefined;
  const source = { ...file.file, text: file.file.text.slice(0, start) + text + file.file.text.slice(end) };
  const value = block.node.value.slice(0, start - block.offset) + text + block.node.value.slice(end - block.offset);
  const changed: DataBlock = { ...block, file: source, yaml: parseYaml(value) };
  return { ...parsed, files: parsed.files.map((f) => (f === file ? { ...f, blocks: f.blocks.map((b) => (b === block ? changed : b)) } : f)) };
}

describe('mutation test', () => {
  it('flags every change that breaks an identity', { timeout: 600_000 }, () => {
    const workspace = workspaceFor([SEED_REPORT]);
    const prior = priorReportDir(SEED_REPORT);
    const priorData = prior ? compileReport(readReport(prior), workspace).data.report : undefined;
    const base = compileReport(readReport(SEED_REPORT), workspace, prior ? readReport(prior) : undefined);
    const problems = (v: VFile) => v.messages.filter((m) => m.fatal === true || m.fatal === false);
    expect(problems(base)).toEqual([]);
    const all = targets(base.data.report!);
    expect(all.length).toBeGreaterThan(250);
    const missed: string[] = [];
    const tally = new Map<string, { tried: number; flagged: number }>();
    for (const target of all) {
      for (const mutation of MUTATIONS) {
        const text = mutation.apply(target);
        if (text === undefined || text === target.text) continue;
        const parsed = mutate(base.data.parsed!, target, text);
        if (!parsed) continue;
        const result = compileParsed(new VFile({ path: SEED_REPORT }), parsed, workspace, priorData);
        const key = `${target.kind} ${mutation.name}`;
        const entry = tally.get(key) ?? { tried: 0, flagged: 0 };
        entry.tried++;
        if (problems(result).length > 0) entry.flagged++;
        else missed.push(`${target.label}: ${target.text} → ${text}`);
        tally.set(key, entry);
      }
    }
    const tried = [...tally.values()].reduce((n, e) => n + e.tried, 0);
    const flagged = [...tally.values()].reduce((n, e) => n + e.flagged, 0);
    const lines = [...tally].map(([k, e]) => `  ${k.padEnd(24)} ${e.flagged}/${e.tried}`);
    console.log(`mutation recall: ${flagged}/${tried} = ${((flagged / tried) * 100).toString().slice(0, 6)}%\n${lines.join('\n')}`);
    expect(missed).toEqual([]);
  });
});
