// Property tests (fast-check): random edits of the sample report — byte flips, deleted lines,
// swapped blocks, random YAML in a data block, random Unicode in prose — never crash a stage
// (parse → check → narrate → render, and every output format), never exceed a CPU bound, never
// produce a stack trace, an internal error or a line that CI would read as a workflow command.
// Seeded (FC_SEED, default 17) so a failure reproduces; FC_RUNS sets the runs per property.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileReport } from '../src/compile.js';
import { decodeFile, priorReportDir, readReport } from '../src/cli/load.js';
import { formatGithub, formatHuman, formatJson } from '../src/diagnostics/format.js';
import { renderDocument } from '../src/render/document.js';
import type { ReportSource } from '../src/parse/report.js';
import { SEED_REPORT } from './helpers/report.js';
import { sharedWorkspace } from './helpers/bad-case.js';

const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = Number(process.env.FC_SEED ?? 17);
const BOUND_MS = 10_000;
const seed = readReport(SEED_REPORT);
const priorDir = priorReportDir(SEED_REPORT);
const prior = priorDir ? readReport(priorDir) : undefined;
const workspace = sharedWorkspace(SEED_REPORT);
const bytesOf = seed.files.map((f) => readFileSync(f.path));
const names = seed.files.map((f) => f.name);

/** Compiles, renders and formats a changed report; returns what went wrong, if anything. */
function survive(source: ReportSource): void {
  const t0 = process.cpuUsage();
  const vfile = compileReport(source, workspace, prior);
  if (vfile.data.report && vfile.data.narration) renderDocument(vfile, vfile.data.report, vfile.data.narration, { fontStyles: '', pages: new Map() });
  const outputs = [formatHuman([vfile]), formatJson([vfile]), formatGithub([vfile])];
  const used = process.cpuUsage(t0);
  const text = outputs.join('\n');
  expect(vfile.messages.map((m) => m.ruleId)).not.toContain('report/crash');
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/u);
  expect(text).not.toContain('内部错误');
  // Only the GitHub format writes workflow commands, one per diagnostic.
  const commands = outputs[2]!.split('\n').filter(Boolean);
  expect(commands.every((l) => /^::(error|warning|notice) file=/u.test(l))).toBe(true);
  expect(`${outputs[0]}\n${outputs[1]}`.split('\n').some((l) => l.startsWith('::'))).toBe(false);
  for (const m of vfile.messages) expect(m.reason).toMatch(/[\u4e00-\u9fff]/u);
  expect((used.user + used.system) / 1000).toBeLessThan(BOUND_MS);
}

function withFile(i: number, text: string): ReportSource {
  return { ...seed, files: seed.files.map((f, j) => (j === i ? { ...f, text } : f)) };
}

function withBytes(i: number, bytes: Uint8Array): ReportSource {
  return { ...seed, files: seed.files.map((f, j) => (j === i ? decodeFile(f.path, f.name, bytes) : f)) };
}

const file = fc.integer({ min: 0, max: names.length - 1 });
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };

describe('random edits of the sample report', () => {
  it(`byte flips (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(file, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (i, flips) => {
        const bytes = Uint8Array.from(bytesOf[i]!);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        survive(withBytes(i, bytes));
      }),
      params,
    );
  }, 600_000);

  it(`line deletions (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (i, picks) => {
        const lines = seed.files[i]!.text.split('\n');
        for (const p of picks) lines.splice(p % lines.length, 1);
        survive(withFile(i, lines.join('\n')));
      }),
      params,
    );
  }, 600_000);

  it(`swapped blocks of lines (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(file, file, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 40 }), (i, j, a, b, size) => {
        // A run of lines from file j replaces a run of lines of file i, and the reverse.
        const x = seed.files[i]!.text.split('\n');
        const y = i === j ? x : seed.files[j]!.text.split('\n');
        const ai = a % x.length;
        const bi = b % y.length;
        const px = x.slice(ai, ai + size);
        const py = y.slice(bi, bi + size);
        const nx = [...x.slice(0, ai), ...py, ...x.slice(ai + size)];
        if (i === j) survive(withFile(i, nx.join('\n')));
        else {
          const ny = [...y.slice(0, bi), ...px, ...y.slice(bi + size)];
          survive({ ...seed, files: seed.files.map((f, k) => (k === i ? { ...f, text: nx.join('\n') } : k === j ? { ...f, text: ny.join('\n') } : f)) });
        }
      }),
      params,
    );
  }, 600_000);

  it(`random YAML in a data block (${RUNS} runs)`, () => {
    const yamlish = fc.oneof(
      fc.string({ unit: fc.constantFrom(...' \n\t:-[]{}&*!|>\'"#%@`,?<=~0123456789.abc收入合计元万'.split('')), maxLength: 200 }),
      fc.anything({ maxDepth: 6, withMap: false, withSet: false }).map((v) => {
        try {
          return stringify(v);
        } catch {
          return String(v);
        }
      }),
    );
    const blocks = seed.files.flatMap((f, i) => [...f.text.matchAll(/```yaml data=\S+\n([\s\S]*?)\n```/gu)].map((m) => ({ i, start: m.index + m[0].indexOf('\n') + 1, length: m[1]!.length })));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: blocks.length - 1 }), yamlish, (k, body) => {
        const { i, start, length } = blocks[k]!;
        const text = seed.files[i]!.text;
        survive(withFile(i, text.slice(0, start) + body + text.slice(start + length)));
      }),
      params,
    );
  }, 600_000);

  it(`random Unicode in prose and front matter (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(file, fc.nat(), fc.string({ unit: 'binary', maxLength: 80 }), (i, at, insert) => {
        const text = seed.files[i]!.text;
        const p = at % (text.length + 1);
        survive(withFile(i, text.slice(0, p) + insert + text.slice(p)));
      }),
      params,
    );
  }, 600_000);
});
