// Posts a pull request's juesuan comment, or updates it if there is one: the comment is the one
// by COMMENT_AUTHOR whose body starts with the same marker line (`<!-- juesuan-diff -->`) as the
// new body. Talks only to the GitHub REST API at GITHUB_API_URL (a local fake in the tests).
//   node .github/scripts/pr-comment.mjs <body-file>
//   env: GITHUB_API_URL, GITHUB_REPOSITORY (owner/repo), PR_NUMBER, GITHUB_TOKEN,
//        COMMENT_AUTHOR (default github-actions[bot])
import { readFileSync } from 'node:fs';

const LIMIT = 65536;

function fail(message) {
  process.stderr.write(`pr-comment: ${message}\n`);
  process.exit(1);
}

const [file] = process.argv.slice(2);
if (!file) fail('用法: node .github/scripts/pr-comment.mjs <评论文件>');
const { GITHUB_API_URL: api = 'https://api.github.com', GITHUB_REPOSITORY: repo, PR_NUMBER: pr, GITHUB_TOKEN: token } = process.env;
const author = process.env.COMMENT_AUTHOR || 'github-actions[bot]';
if (!repo || !/^\d+$/u.test(pr ?? '') || !token) fail('需要环境变量 GITHUB_REPOSITORY、PR_NUMBER(数字)与 GITHUB_TOKEN');

const body = readFileSync(file, 'utf8');
const marker = body.split('\n', 1)[0];
if (!/^<!-- [\w-]+ -->$/u.test(marker)) fail(`${file} 的第一行应为评论标记(如 <!-- juesuan-diff -->),而不是「${marker.slice(0, 40)}」`);
if (body.length > LIMIT) fail(`评论有 ${body.length} 个字符,超过 GitHub 的上限 ${LIMIT}`);

async function call(method, path, payload) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload ? { body: JSON.stringify(payload) } : {}),
  });
  if (!response.ok) fail(`${method} ${path} 失败: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response.json();
}

async function findComment() {
  for (let page = 1; ; page++) {
    const comments = await call('GET', `/repos/${repo}/issues/${pr}/comments?per_page=100&page=${page}`);
    const ours = comments.find((c) => c.user?.login === author && typeof c.body === 'string' && c.body.split('\n', 1)[0] === marker);
    if (ours) return ours;
    if (comments.length < 100) return undefined;
  }
}

try {
  const existing = await findComment();
  if (existing) {
    await call('PATCH', `/repos/${repo}/issues/comments/${existing.id}`, { body });
    process.stdout.write(`已更新评论 ${existing.id}\n`);
  } else {
    const created = await call('POST', `/repos/${repo}/issues/${pr}/comments`, { body });
    process.stdout.write(`已发表评论 ${created.id}\n`);
  }
} catch (error) {
  fail(`无法连接 ${api}: ${error instanceof Error ? (error.cause?.message ?? error.message) : String(error)}`);
}
