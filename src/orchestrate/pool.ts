// One browser shared by every report of a batch, restarted after a crash; a report is printed on
// a page of its own, with a time limit, and tried once more after a crash or a time-out.
import type { Browser } from 'puppeteer-core';
import { launch } from '../print/browser.js';

export class BrowserPool {
  private browser: Browser | undefined;
  private starting: Promise<Browser> | undefined;
  /** How many times a browser was started (1 for a batch without a crash). */
  launches = 0;

  /** The running browser, started (again) when there is none or it has died. */
  async get(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.starting ??= launch().then((b) => {
      this.browser = b;
      this.launches++;
      this.starting = undefined;
      return b;
    });
    return this.starting;
  }

  /** Stops the browser. */
  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    await b?.close().catch(() => undefined);
  }
}

/** Rejects when `work` takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} 超过 ${Math.round(ms / 1000)} 秒未完成`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `task` over `items` with at most `jobs` at a time, in order of the items. */
export async function eachLimited<T>(items: T[], jobs: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
}
