// `juesuan preview`: a local HTTP server (loopback only) showing a report as its print HTML with
// the check problems beside their places; it rebuilds on every save of the report, its prior year
// or its template and tells the page to reload (Server-Sent Events). A build that cannot render
// keeps the last good view, with the problems on top. SIGINT/SIGTERM close it (exit 130/143).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
import { compileReport } from '../compile.js';
import { renderDocument } from '../render/document.js';
import { loadFonts, type Fonts } from '../print/fonts.js';
import { countBySeverity, diagnose } from '../diagnostics/message.js';
import { diskCache } from '../cli/compile-cache.js';
import { priorReportDir, readReport } from '../cli/load.js';
import { workspaceFor } from '../cli/compile-reports.js';
import { UsageError } from '../cli/usage.js';
import { previewPage, previewPolicy } from './preview-page.js';
import { inputsOf, watchFolders, type Watcher } from './watch.js';

/** The host names that mean this machine only. */
export const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

export interface PreviewOptions {
  host: string;
  /** 0: any free port. */
  port: number;
}

export interface Preview {
  url: string;
  /** How many builds have been made (1 after the first). */
  builds(): number;
  /** Resolves after the next build has been made and announced. */
  nextBuild(): Promise<void>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** Refuses any host that is not this machine's loopback (the preview shows unpublished figures). */
export function checkHost(host: string): void {
  if (!LOOPBACK.includes(host)) throw new UsageError(`预览只在本机地址上提供(${LOOPBACK.join('、')}),不接受「${host}」:未公开的数字不应出现在网络上`);
}

/** A file under `root` named by a URL path, or undefined when the path leaves it, is hidden, or is not a file. */
function fileUnder(root: string, path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split('/').some((p) => p === '..' || p.startsWith('.'))) return undefined;
  const full = resolve(root, `.${sep}${decoded}`);
  try {
    const real = realpathSync(full);
    const base = realpathSync(root);
    if (!real.startsWith(base + sep) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

interface Build {
  vfile: VFile;
  html: string | undefined;
  stale: boolean;
}

/** Compiles and renders the report; a build that cannot render keeps `last`'s HTML. */
function build(dir: string, fonts: Fonts, last: Build | undefined): Build {
  const prior = priorReportDir(dir);
  let vfile: VFile;
  try {
    vfile = compileReport(readReport(dir), workspaceFor([dir], diskCache()), prior ? readReport(prior) : undefined);
  } catch (error) {
    // The folder itself went away or became unreadable (a checkout in progress): said on the page.
    vfile = new VFile({ path: dir });
    diagnose(vfile, { rule: 'report/unreadable', reason: `无法读取报告文件夹: ${(error as Error).message}`, file: dir, place: { line: 1, column: 1 } });
    return { vfile, html: last?.html, stale: last?.html !== undefined };
  }
  const { report, narration } = vfile.data;
  if (report && narration) {
    try {
      const html = renderDocument(vfile, report, narration, { fontStyles: fonts.styles, pages: new Map(), base: '/_juesuan/report/' }).html;
      return { vfile, html, stale: false };
    } catch (error) {
      diagnose(vfile, { rule: 'report/crash', reason: `juesuan 无法显示这份报告(程序缺陷,请报给维护者): ${(error as Error).message}`, file: dir, place: { line: 1, column: 1 } });
    }
  }
  return { vfile, html: last?.html, stale: last?.html !== undefined };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', ...headers });
  res.end(body);
}

/** Starts the preview of the report folder `dir`; resolves once it listens. */
export async function startPreview(dir: string, options: PreviewOptions, log: (s: string) => void): Promise<Preview> {
  checkHost(options.host);
  if (!existsSync(join(dir, 'index.md'))) throw new UsageError(`找不到报告: ${dir} 中没有 index.md`);
  const fonts = loadFonts();
  const fontRoots = new Map(fonts.roots.map((r) => [basename(r), r]));
  let current = build(dir, fonts, undefined);
  let count = 1;
  let waiting: (() => void)[] = [];
  const clients = new Set<ServerResponse>();
  let port = options.port;

  const allowedHosts = () => new Set(LOOPBACK.map((h) => (h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`)));
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // A page of another site that resolves its name to 127.0.0.1 (DNS rebinding) is refused.
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', '只接受本机地址的请求\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', '只接受 GET\n', { Allow: 'GET, HEAD' });
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/' || path === '/index.html') {
      const nonce = randomBytes(16).toString('base64');
      return send(res, 200, 'text/html; charset=utf-8', previewPage({ dir, ...current }, nonce), { 'Content-Security-Policy': previewPolicy(nonce) });
    }
    if (path === '/_juesuan/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: hello\ndata: ${count}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const font = /^\/_juesuan\/fonts\/([a-z0-9-]+)\/(.+)$/u.exec(path);
    const report = /^\/_juesuan\/report\/(.+)$/u.exec(path);
    const root = font ? fontRoots.get(font[1]!) : report ? resolve(dir) : undefined;
    const file = root ? fileUnder(root, (font ?? report)![font ? 2 : 1]!) : undefined;
    const type = file ? TYPES[extname(file).toLowerCase()] : undefined;
    // Of the report folder only images are served (never its Markdown), of the font packages only CSS and fonts.
    if (!file || !type || (report && !type.startsWith('image/'))) return send(res, 404, 'text/plain; charset=utf-8', '没有这个文件\n');
    return send(res, 200, type, readFileSync(file), { 'Cache-Control': 'max-age=60' });
  };

  const server: Server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', '预览服务出错\n');
      else res.end();
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(error.code === 'EADDRINUSE' ? new UsageError(`端口 ${options.port} 已被占用;用 --port 换一个(--port 0 任选空闲端口)`) : error);
    });
    server.listen(options.port, options.host, () => done());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}/`;

  const describe = (b: Build) => {
    const c = countBySeverity(b.vfile.messages);
    const state = b.stale ? '无法显示,保留上一次的版本' : b.html === undefined ? '无法显示' : '已更新';
    return `${state}: ${c.error} 个错误,${c.warning} 个警告`;
  };
  log(`预览 ${dir}: ${url}(${describe(current)};保存文件后自动刷新,Ctrl-C 停止)\n`);

  const rebuild = () => {
    current = build(dir, fonts, current);
    count++;
    log(`${dir}: ${describe(current)}\n`);
    for (const c of clients) c.write(`event: reload\ndata: ${count}\n\n`);
    const w = waiting;
    waiting = [];
    for (const done of w) done();
  };
  const watcher: Watcher = watchFolders(inputsOf(dir), rebuild);

  return {
    url,
    builds: () => count,
    nextBuild: () => new Promise<void>((done) => waiting.push(done)),
    close: async () => {
      watcher.close();
      for (const c of clients) c.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/** Runs the preview until SIGINT or SIGTERM; returns the exit code (130/143). */
export async function runPreview(dir: string, options: PreviewOptions, out: (s: string) => void): Promise<number> {
  const preview = await startPreview(dir, options, out);
  const handlers: [string, () => void][] = [];
  const signal = await new Promise<keyof typeof SIGNALS>((done) => {
    for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) {
      const h = () => done(s);
      handlers.push([s, h]);
      process.on(s, h);
    }
  });
  for (const [s, h] of handlers) process.off(s, h);
  await preview.close();
  out(`\n预览已停止(${signal})\n`);
  return SIGNALS[signal];
}
