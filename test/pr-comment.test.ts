// The pull-request comment script (.github/scripts/pr-comment.mjs) against a fake GitHub API on
// 127.0.0.1: it finds its own comment past the first page, leaves others' comments alone, refuses a
// body GitHub would refuse, and says an HTTP failure in Chinese with a non-zero exit code.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/report.js';

const SCRIPT = join(ROOT, '.github', 'scripts', 'pr-comment.mjs');
const MARKER = '<!-- juesuan-diff -->';

interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

describe('pr-comment.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-pr-comment-'));
  let server: Server;
  let port = 0;
  let comments: Comment[] = [];
  let requests: string[] = [];
  let failWith = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '', 'http://127.0.0.1');
        requests.push(`${req.method} ${url.pathname}${url.search}`);
        const reply = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (failWith) return reply(failWith, { message: 'Server Error' });
        if (req.method === 'GET' && url.pathname === '/repos/o/r/issues/3/comments') {
          const page = Number(url.searchParams.get('page'));
          const size = Number(url.searchParams.get('per_page'));
          return reply(200, comments.slice((page - 1) * size, page * size));
        }
        const m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/u.exec(url.pathname);
        const target = m ? comments.find((c) => c.id === Number(m[1])) : undefined;
        if (req.method === 'PATCH' && target) {
          target.body = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string }).body;
          return reply(200, target);
        }
        if (req.method === 'POST' && url.pathname === '/repos/o/r/issues/3/comments') {
          const c = { id: comments.length + 1, body: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body: string }).body, user: { login: 'github-actions[bot]' } };
          comments.push(c);
          return reply(201, c);
        }
        return reply(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function post(body: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = join(dir, 'body.md');
    writeFileSync(file, body);
    return new Promise((done) => {
      const child = spawn(process.execPath, [SCRIPT, file], {
        env: { PATH: process.env.PATH ?? '', GITHUB_API_URL: `http://127.0.0.1:${port}`, GITHUB_REPOSITORY: 'o/r', PR_NUMBER: '3', GITHUB_TOKEN: 't', ...env },
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('close', (code) => done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
  }

  it('updates its own comment on the third page, not a copy of its marker by someone else', async () => {
    comments = Array.from({ length: 230 }, (_, i) => ({ id: i + 1, body: i === 5 ? `${MARKER}\ncopied` : `comment ${i}`, user: { login: i === 5 ? 'someone' : 'reviewer' } }));
    comments[212] = { id: 213, body: `${MARKER}\nold`, user: { login: 'github-actions[bot]' } };
    requests = [];
    const r = await post(`${MARKER}\nnew`);
    expect(r).toEqual({ code: 0, stdout: '已更新评论 213\n', stderr: '' });
    expect(comments[212]!.body).toBe(`${MARKER}\nnew`);
    expect(comments[5]!.body).toBe(`${MARKER}\ncopied`);
    expect(requests).toEqual([
      'GET /repos/o/r/issues/3/comments?per_page=100&page=1',
      'GET /repos/o/r/issues/3/comments?per_page=100&page=2',
      'GET /repos/o/r/issues/3/comments?per_page=100&page=3',
      'PATCH /repos/o/r/issues/comments/213',
    ]);
  });

  it('posts a new comment when none of the pages has its own', async () => {
    comments = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, user: { login: 'reviewer' } }));
    requests = [];
    const r = await post(`${MARKER}\nfirst`);
    expect(r).toEqual({ code: 0, stdout: '已发表评论 101\n', stderr: '' });
    expect(requests.at(-1)).toBe('POST /repos/o/r/issues/3/comments');
    expect(requests.filter((q) => q.startsWith('GET'))).toHaveLength(2);
  });

  it('refuses a body without the marker line, a body over 65,536 characters, and a missing PR_NUMBER, before any request', async () => {
    requests = [];
    const cases = [
      [await post('no marker'), '第一行应为评论标记'],
      [await post(`${MARKER}\n${'字'.repeat(65536)}`), '超过 GitHub 的上限 65536'],
      [await post(`${MARKER}\nx`, { PR_NUMBER: '' }), '需要环境变量'],
    ] as const;
    for (const [r, message] of cases) {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/^\s+at /mu);
    }
    expect(requests).toEqual([]);
  });

  it('says an HTTP failure, and an API it cannot reach, in one Chinese line with exit code 1', async () => {
    failWith = 502;
    const bad = await post(`${MARKER}\nx`);
    failWith = 0;
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^pr-comment: GET \/repos\/o\/r\/issues\/3\/comments\?per_page=100&page=1 失败: HTTP 502 /u);
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', () => done()));
    const dead = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const away = await post(`${MARKER}\nx`, { GITHUB_API_URL: `http://127.0.0.1:${dead}` });
    expect(away.code).toBe(1);
    expect(away.stderr).toMatch(new RegExp(`^pr-comment: 无法连接 http://127\\.0\\.0\\.1:${dead}: .+\\n$`, 'u'));
    expect(away.stderr).not.toMatch(/^\s+at /mu);
  });
});
