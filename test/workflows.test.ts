// The GitHub workflows: parsed, and their steps asserted — a pull request checks every report with
// annotations, posts the diff as a comment and uploads the changed reports' PDFs; a tag builds every
// report over a sharded matrix and attaches the PDFs to the release.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { edit, ROOT } from './helpers/report.js';

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
  it('posts juesuan diff --format md as one comment and keeps the uncut diff as an artifact', () => {
    expect(runs(steps)).toContain('npx juesuan diff --base "origin/${{ github.base_ref }}" --format md --full diff-full.md');
    expect(runs(steps)).toContain('node .github/scripts/pr-comment.mjs diff.md');
    const artifact = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.name === 'juesuan-diff');
    expect(artifact?.with?.path).toBe('diff-full.md');
  });
  it('builds the changed reports and uploads their PDFs', () => {
    expect(runs(steps)).toContain('scripts/ensure-browser.sh');
    expect(runs(steps)).toContain('npx juesuan build --out dist');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.name === 'pdf');
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

// The pull-request workflow's steps up to the comment, run as GitHub would run them (bash, the
// step's env, GITHUB_ACTIONS=true) on a temporary repository with a base commit and a pull
// request's commit, posting to a fake GitHub API on 127.0.0.1. `npx juesuan` is this checkout.
describe('pull-request workflow on a local repository', () => {
  const wf = load('pull-request.yml');
  const steps = wf.jobs.check!.steps as (Step & { env?: Record<string, string> })[];
  const jobEnv = (wf.jobs.check as { env?: Record<string, string> }).env ?? {};
  let root = '';
  let server: Server | undefined;
  afterAll(() => {
    server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  interface Comment {
    id: number;
    body: string;
    user: { login: string };
  }
  const comments: Comment[] = [{ id: 1, body: '<!-- juesuan-diff -->\nsomeone copied the marker', user: { login: 'someone' } }];
  const requests: { method: string; url: string; auth: string }[] = [];

  function fakeGithub(): Promise<number> {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        requests.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization ?? '' });
        const reply = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        const url = new URL(req.url ?? '', 'http://127.0.0.1');
        if (req.headers.authorization !== 'Bearer test-token') return reply(401, { message: 'Bad credentials' });
        if (req.method === 'GET' && url.pathname === '/repos/owner/repo/issues/7/comments') {
          const page = Number(url.searchParams.get('page'));
          const size = Number(url.searchParams.get('per_page'));
          return reply(200, comments.slice((page - 1) * size, page * size));
        }
        if (req.method === 'POST' && url.pathname === '/repos/owner/repo/issues/7/comments') {
          const c = { id: comments.length + 1, body: (JSON.parse(text) as { body: string }).body, user: { login: 'github-actions[bot]' } };
          comments.push(c);
          return reply(201, c);
        }
        const edit = /^\/repos\/owner\/repo\/issues\/comments\/(\d+)$/u.exec(url.pathname);
        const target = edit ? comments.find((c) => c.id === Number(edit[1])) : undefined;
        if (req.method === 'PATCH' && target) {
          if (target.user.login !== 'github-actions[bot]') return reply(403, { message: 'not yours' });
          target.body = (JSON.parse(text) as { body: string }).body;
          return reply(200, target);
        }
        return reply(404, { message: 'Not Found' });
      });
    });
    return new Promise((done) => server!.listen(0, '127.0.0.1', () => done((server!.address() as AddressInfo).port)));
  }

  const expressions = (port: number): Record<string, string> => ({
    'github.base_ref': 'main',
    'github.server_url': 'https://github.com',
    'github.repository': 'owner/repo',
    'github.run_id': '42',
    'github.event.pull_request.number': '7',
    'secrets.GITHUB_TOKEN': 'test-token',
    'runner.port': String(port),
  });

  function substitute(text: string, values: Record<string, string>): string {
    return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/gu, (_m, expr: string) => {
      if (!(expr in values)) throw new Error(`the workflow uses \${{ ${expr} }}, which this test does not provide`);
      return values[expr]!;
    });
  }

  function runStep(name: string, port: number): Promise<{ code: number; stdout: string; stderr: string }> {
    const step = steps.find((s) => s.name === name);
    if (!step?.run) throw new Error(`no step「${name}」with a run script`);
    const values = expressions(port);
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...jobEnv,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), values)])),
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: `http://127.0.0.1:${port}`,
      GITHUB_REPOSITORY: 'owner/repo',
      PATH: `${join(root, '.shim')}:${process.env.PATH ?? ''}`,
    };
    return new Promise((done) => {
      const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', substitute(step.run!, values)], { cwd: root, env });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('close', (code) => done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
  }

  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'pipe' }).toString('utf8');

  it('checks with annotations on stderr, diffs against the base (a new report against its previous year), posts one comment and updates it', async () => {
    root = mkdtempSync(join(tmpdir(), 'juesuan-pr-'));
    cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    cpSync(join(ROOT, 'reports', 'xunyang-digital-economy'), join(root, 'reports', 'dept'), { recursive: true });
    cpSync(join(ROOT, '.github'), join(root, '.github'), { recursive: true });
    mkdirSync(join(root, '.shim'));
    writeFileSync(join(root, '.shim', 'npx'), `#!/bin/sh\nif [ "$1" = juesuan ]; then shift; exec "${process.execPath}" "${join(ROOT, 'bin', 'juesuan.js')}" "$@"; fi\necho "npx $1: not available in this test" >&2\nexit 127\n`, { mode: 0o755 });
    writeFileSync(join(root, '.gitignore'), '.shim/\ndiff.md\ndiff-full.md\n');
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    // The pull request: one value of 附件1 changed, and next year's report added.
    git('checkout', '-qb', 'pr');
    edit(join(root, 'reports', 'dept', '2023'), 'annex-1.md', '非流动资产: 204,988.69元', '非流动资产: 204,999.80元');
    execFileSync(process.execPath, [join(ROOT, 'bin', 'juesuan.js'), 'new', 'dept', '2024'], { cwd: root, stdio: 'pipe' });
    git('add', '.');
    git('commit', '-qm', 'pr');
    const port = await fakeGithub();

    const check = await runStep('检查每份报告', port);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('reports/dept/2024/explanation.md');
    expect(check.stdout.split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([]);
    const annotations = check.stderr.split('\n').filter(Boolean);
    expect(annotations.length).toBeGreaterThan(20);
    expect(annotations.every((l) => /^::(error|warning) file=reports\/dept\/\d{4}\/[^,]+,line=\d+,col=\d+/u.test(l))).toBe(true);
    expect(annotations.some((l) => l.includes('title=juesuan report/todo::'))).toBe(true);
    expect(annotations.some((l) => l.includes('balance/assets'))).toBe(true);
    // report/template-year (2024 with the 2023 template) is an info: never an annotation.
    expect(check.stderr).not.toContain('template-year');

    const diff = await runStep('比较改动', port);
    expect(diff.code).toBe(0);
    const md = readFileSync(join(root, 'diff.md'), 'utf8');
    const full = readFileSync(join(root, 'diff-full.md'), 'utf8');
    expect(md.length).toBeLessThan(60000);
    expect(full.length).toBeGreaterThanOrEqual(md.length);
    expect(md.startsWith('<!-- juesuan-diff -->\n')).toBe(true);
    expect(md).toContain('## juesuan diff: 九江市浔阳区数字经济发展中心 2023 年度(origin/main:reports/dept/2023 → reports/dept/2023)');
    expect(md).toContain('| 资产 › 非流动资产 | 204,988.69元 | 204,999.80元 | +11.11元 | +0.01% |');
    expect(md).toContain('## juesuan diff: 九江市浔阳区数字经济发展中心 2023 → 2024 年度');
    expect(md).toContain('新报告:origin/main 中没有它,与仓库中同一部门的上一年度 2023 比较。');

    const post = await runStep('评论改动', port);
    expect(post.stderr).toBe('');
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('已发表评论 2\n');
    expect(comments.map((c) => [c.id, c.user.login])).toEqual([
      [1, 'someone'],
      [2, 'github-actions[bot]'],
    ]);
    expect(comments[1]!.body).toBe(md);
    expect(requests.every((r) => r.auth === 'Bearer test-token')).toBe(true);

    // Another push: the same comment is updated, no second one.
    edit(join(root, 'reports', 'dept', '2023'), 'annex-1.md', '非流动资产: 204,999.80元', '非流动资产: 204,988.69元');
    git('commit', '-qam', 'pr: undo');
    expect((await runStep('比较改动', port)).code).toBe(0);
    const again = await runStep('评论改动', port);
    expect(again.stdout).toBe('已更新评论 2\n');
    expect(comments.length).toBe(2);
    expect(comments[0]!.body).toBe('<!-- juesuan-diff -->\nsomeone copied the marker');
    expect(comments[1]!.body).not.toContain('2023 年度(origin/main:reports/dept/2023');
    expect(comments[1]!.body).toContain('2023 → 2024 年度');
    expect(requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(['POST', 'PATCH']);
  }, 120_000);
});
