// CLI transcript tests: fixtures/cli/transcript.txt holds commands with their exact output and
// exit code; each is run as a real process. Plus the JSON and GitHub Actions formats.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyReport, edit, remove, ROOT } from './helpers/report.js';

const BIN = join(ROOT, 'bin', 'juesuan.js');

function run(args: string[], env: Record<string, string> = {}): { output: string; status: number } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env } });
  return { output: result.stdout + result.stderr, status: result.status ?? -1 };
}

interface Transcript {
  command: string;
  output: string;
  exit: number;
}

function transcripts(): Transcript[] {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'cli', 'transcript.txt'), 'utf8');
  const out: Transcript[] = [];
  for (const chunk of text.split(/^\$ /mu).slice(1)) {
    const lines = chunk.split('\n');
    const command = lines[0]!;
    const exitAt = lines.findIndex((l) => /^\[exit \d+\]$/u.test(l));
    out.push({ command, output: lines.slice(1, exitAt).join('\n') + '\n', exit: Number(/\d+/u.exec(lines[exitAt]!)![0]) });
  }
  return out;
}

describe('CLI transcripts', () => {
  for (const t of transcripts()) {
    it(t.command, () => {
      const args = t.command.split(' ').slice(1);
      const { output, status } = run(args);
      expect(output).toBe(t.output);
      expect(status).toBe(t.exit);
      expect(output).not.toMatch(/^\s+at /mu);
    });
  }
});

describe('check output formats', () => {
  it('--format json prints one JSON document', () => {
    const { output, status } = run(['check', 'reports/xunyang-digital-economy/2023', 'test/fixtures/cli/bad-number', '--format', 'json']);
    expect(status).toBe(1);
    const json = JSON.parse(output) as { reports: { path: string; ok: boolean; messages: { rule: string; start: { line: number } }[] }[]; counts: { error: number } };
    expect(json.reports.map((r) => [r.path, r.ok])).toEqual([
      ['reports/xunyang-digital-economy/2023', true],
      ['test/fixtures/cli/bad-number', false],
    ]);
    expect(json.reports[1]!.messages.map((m) => [m.rule, m.start.line])).toEqual([
      ['report/missing-block', 1],
      ['report/prior', 3],
      ['amount/space', 12],
    ]);
    expect(json.counts.error).toBe(3);
  });

  it('adds GitHub Actions annotations when GITHUB_ACTIONS=true', () => {
    const { output } = run(['check', 'test/fixtures/cli/bad-number'], { GITHUB_ACTIONS: 'true' });
    expect(output).toContain('::error file=test/fixtures/cli/bad-number/index.md,line=12,col=6,endLine=12,endColumn=11,title=juesuan amount/space::');
  });

  it('--strict fails on warnings', () => {
    const report = copyReport();
    try {
      edit(report, 'index.md', '（一）组织、指导', '（一）组织（100万元）、指导');
      const { output, status } = run(['check', report, '--strict']);
      expect(output).toContain('警告  文中直接写了数字「100万元」');
      expect(status).toBe(1);
      expect(run(['check', report]).status).toBe(0);
    } finally {
      remove(report);
    }
  });
});
