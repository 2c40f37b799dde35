// The GitHub workflows: parsed, and their steps asserted — a pull request checks every report with
// annotations, posts the diff as a comment and uploads the changed reports' PDFs; a tag builds every
// report over a sharded matrix and attaches the PDFs to the release.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/report.js';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; needs?: string; strategy?: { matrix: Record<string, unknown[]> } }>;
}

const load = (name: string) => parse(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow;
const runs = (steps: Step[]) => steps.map((s) => s.run ?? '').join('\n');

describe('pull-request workflow', () => {
  const wf = load('pull-request.yml');
  const steps = wf.jobs.check!.steps;
  it('runs on pull requests and checks every report', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@/u);
    expect(steps[0]!.with?.['fetch-depth']).toBe(0);
    expect(runs(steps)).toContain('npm ci');
    expect(runs(steps)).toContain('npx juesuan check reports');
  });
  it('posts juesuan diff --format md as a comment', () => {
    expect(runs(steps)).toMatch(/npx juesuan diff --base "origin\/\$\{\{ github.base_ref \}\}" --format md > diff.md/u);
    expect(runs(steps)).toContain('gh pr comment');
    expect(runs(steps)).toContain('--body-file diff.md');
  });
  it('builds the changed reports and uploads their PDFs', () => {
    expect(runs(steps)).toContain('scripts/ensure-browser.sh');
    expect(runs(steps)).toContain('npx juesuan build --out dist');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('dist/*.pdf');
  });
});

describe('release workflow', () => {
  const wf = load('release.yml');
  it('runs on tags and builds every report over a sharded matrix', () => {
    expect(Object.keys(wf.on)).toEqual(['push']);
    expect((wf.on.push as { tags: string[] }).tags.length).toBeGreaterThan(0);
    const build = wf.jobs.build!;
    const shards = build.strategy!.matrix.shard!;
    expect(shards).toEqual([1, 2, 3, 4]);
    expect(runs(build.steps)).toContain(`npx juesuan build --all reports --shard \${{ matrix.shard }}/${shards.length}`);
  });
  it('attaches the PDFs to the release', () => {
    const release = wf.jobs.release!;
    expect(release.needs).toBe('build');
    expect(runs(release.steps)).toContain('gh release upload "${{ github.ref_name }}" dist/*.pdf');
  });
});
