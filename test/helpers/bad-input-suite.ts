// The bad-input corpus (the shared runner; bad-input.test.ts and bad-input-2.test.ts each run half, in parallel): each case in fixtures/bad-input/ (hand-written) and fixtures/bad-input/generated/
// (made by the generate.mjs beside them) changes a copy of the seed report in one way and names the
// rule it must be reported with (at a place, in Chinese) and the exit code; no case may take longer
// than its bound, print a stack trace or an internal error, or stop the other reports. A sample also
// runs through the command line.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { compileReport } from '../../src/compile.js';
import { priorReportDir, readReport } from '../../src/cli/load.js';
import { countBySeverity, type Diagnostic } from '../../src/diagnostics/message.js';
import { formatHuman } from '../../src/diagnostics/format.js';
import { renderDocument } from '../../src/render/document.js';
import { copyReport, remove, ROOT, summarize } from './report.js';
import { applyCase, sharedWorkspace, type BadCase } from './bad-case.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'bad-input');
const load = (d: string, prefix: string) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [prefix + f.replace(/\.yaml$/u, ''), parse(readFileSync(join(d, f), 'utf8')) as BadCase] as const);
export const cases = [...load(dir, ''), ...load(join(dir, 'generated'), 'generated/')];

const STACK = /\n\s+at .+[:(]\d+:\d+\)?/u;
const CJK = /[\u4e00-\u9fff]/u;

/** check's exit code for a compiled report. */
function exitOf(vfile: VFile, strict: boolean): number {
  const counts = countBySeverity(vfile.messages);
  return counts.error > 0 || (strict && counts.warning > 0) ? 1 : 0;
}

function compileCase(c: BadCase, made: string[]): { report: string; vfile: VFile; ms: number } {
  const report = copyReport();
  made.push(report);
  applyCase(report, c);
  // CPU time, not wall time: the bound holds on a busy machine too.
  const t0 = process.cpuUsage();
  const prior = priorReportDir(report);
  const vfile = compileReport(readReport(report), sharedWorkspace(report), prior ? readReport(prior) : undefined);
  if ((c.render || c.category === 'templates') && vfile.data.report && vfile.data.narration) renderDocument(vfile, vfile.data.report, vfile.data.narration, { fontStyles: '', pages: new Map() });
  const used = process.cpuUsage(t0);
  return { report, vfile, ms: (used.user + used.system) / 1000 };
}

/** Defines the tests of one part (of `parts`) of the corpus. */
export function defineCorpus(part: number, parts: number): void {
  const made: string[] = [];
  afterAll(() => made.forEach(remove), 120_000);
  const mine = cases.filter((_c, i) => i % parts === part);
  describe(`bad input (part ${part + 1} of ${parts})`, () => {
    it('has at least 300 cases, each naming its rule and exit code', () => {
      expect(cases.length).toBeGreaterThanOrEqual(300);
      for (const [name, c] of cases) {
        expect(c.rule ?? c.expected?.[0], name).toMatch(/^[a-z]+\/[a-z0-9-]+/u);
        expect([0, 1], name).toContain(c.exit ?? 1);
      }
    });

    for (const [name, c] of mine) {
      it(name, () => {
        const { report, vfile, ms } = compileCase(c, made);
        const text = formatHuman([vfile]);
        expect(text).not.toMatch(STACK);
        expect(text).not.toContain('内部错误');
        expect(vfile.messages.map((m) => m.ruleId)).not.toContain('report/crash');
        expect(exitOf(vfile, Boolean(c.strict)), text).toBe(c.exit ?? 1);
        const rule = c.rule ?? c.expected![0]!.split(' ')[0]!;
        const found = (vfile.messages as Diagnostic[]).filter((m) => m.ruleId === rule);
        expect(found.length, `${rule} not in:\n${text}`).toBeGreaterThan(0);
        for (const m of found) {
          const start = m.place && 'start' in m.place ? m.place.start : m.place;
          expect(start?.line, `${rule} has no place`).toBeGreaterThanOrEqual(1);
          expect(m.reason).toMatch(CJK);
        }
        if (c.at) expect(summarize(vfile, report).some((line) => line.startsWith(`${rule} ${c.at}:`)), `${rule} at ${c.at}:\n${text}`).toBe(true);
        if (c.expected) expect(summarize(vfile, report).filter((line) => !line.startsWith('info ')).sort()).toEqual([...c.expected].sort());
        if (c.message) expect(vfile.messages.map((m) => m.reason).join('\n')).toContain(c.message);
        expect(ms, `took ${Math.round(ms)} ms of CPU`).toBeLessThan((c.bound ?? 10) * 1000);
      });
    }
  });

  // Through the command line: exit code, no stack trace, the rule id printed, for one case in 40 and the deep and large ones.
  const BIN = join(ROOT, 'bin', 'juesuan.js');
  const sample = mine.filter(([name], i) => i % 20 === 0 || /5000-deep|10000-deep|size-rows|100k/u.test(name));
  describe(`bad input through the command line (part ${part + 1} of ${parts})`, () => {
    for (const [name, c] of sample) {
      it(name, () => {
        const report = copyReport();
        made.push(report);
        applyCase(report, c);
        const r = spawnSync(process.execPath, [BIN, 'check', ...(c.strict ? ['--strict'] : []), report], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
        const text = r.stdout + r.stderr;
        expect(r.signal, 'timed out').toBeNull();
        expect(r.status, text).toBe(c.exit ?? 1);
        expect(text).not.toMatch(STACK);
        expect(text).not.toContain('内部错误');
        expect(text).not.toContain('Warning:');
        expect(text).toContain(c.rule ?? c.expected![0]!.split(' ')[0]!);
      }, 130_000);
    }
  });

  if (part === 0) {
    describe('echoed text cannot forge a CI annotation', () => {
      it('a YAML key holding a newline and ::error / ::stop-commands:: stays inside its diagnostic', () => {
        const c = cases.find(([name]) => name === 'github-annotation-injection')![1];
        const report = copyReport();
        made.push(report);
        applyCase(report, c);
        const r = spawnSync(process.execPath, [BIN, 'check', report], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: 'true' }, timeout: 120_000 });
        expect(r.status).toBe(1);
        // In GitHub Actions the annotations go to standard error; standard output holds none.
        const commands = r.stderr.split('\n').filter((l) => l.startsWith('::'));
        expect(commands.length).toBeGreaterThan(0);
        for (const line of commands) expect(line).toMatch(/^::(error|warning|notice) file=[^\n]*::[^\n]*$/u);
        for (const stream of [r.stdout, r.stderr]) {
          expect(stream).not.toMatch(/^::stop-commands::/mu);
          expect(stream).not.toMatch(/^::error ::forged/mu);
        }
        expect(r.stdout.split('\n').some((l) => l.startsWith('::'))).toBe(false);
      }, 130_000);
    });
  }
}
