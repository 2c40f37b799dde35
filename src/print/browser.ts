// Finds and starts the system Chromium (PUPPETEER_EXECUTABLE_PATH first, then the usual paths),
// with no network services and as root-safe flags; never downloads a browser.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** A missing browser: the message says how to install one. */
export class NoBrowserError extends Error {}

/** The Chromium executable to use. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new NoBrowserError(`PUPPETEER_EXECUTABLE_PATH 指向的 ${configured} 不存在`);
  }
  const found = CANDIDATES.find((c) => existsSync(c));
  if (found) return found;
  throw new NoBrowserError(
    '找不到 Chromium。Debian/Ubuntu 上以 root 运行: apt-get update && apt-get install -y chromium;或把 PUPPETEER_EXECUTABLE_PATH 设为已安装的 Chromium/Chrome 可执行文件',
  );
}

/** Starts a headless Chromium. */
export async function launch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
}
