// The browsers of a batch: one shared by every report (started again after a crash, a failed
// launch is not remembered), a private one for a report's retry, so a neighbour's crash cannot fail
// it twice; every browser can be killed at once (a signal, the end of the batch). Time limits and
// the bounded parallel loop live here too.
import type { Browser } from 'puppeteer-core';
import { launch, NoBrowserError } from '../print/browser.js';

/** Closes a browser, killing it when it does not close within `ms`. */
async function closeBrowser(browser: Browser, ms = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([browser.close().catch(() => undefined), new Promise<void>((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
  const child = browser.process();
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export class BrowserPool {
  private shared: Browser | undefined;
  private starting: Promise<Browser> | undefined;
  private readonly all = new Set<Browser>();
  private noBrowser: NoBrowserError | undefined;
  private closed = false;
  /** How many times a browser was started (1 for a batch without a crash). */
  launches = 0;

  /** `launchMs`: how long a browser may take to start. */
  constructor(private readonly launchMs = 60_000) {}

  private async start(): Promise<Browser> {
    if (this.noBrowser) throw this.noBrowser;
    if (this.closed) throw new Error('构建已中断');
    try {
      const browser = await launch(this.launchMs);
      this.launches++;
      this.all.add(browser);
      browser.once('disconnected', () => this.all.delete(browser));
      if (this.closed) {
        await closeBrowser(browser);
        throw new Error('构建已中断');
      }
      return browser;
    } catch (error) {
      // A missing browser stays missing; any other failure to launch is tried again next time.
      if (error instanceof NoBrowserError) this.noBrowser = error;
      throw error;
    }
  }

  /** The shared browser, started (again) when there is none or it has died. */
  async get(): Promise<Browser> {
    if (this.shared?.connected) return this.shared;
    this.starting ??= this.start().then(
      (b) => {
        this.shared = b;
        this.starting = undefined;
        return b;
      },
      (error: unknown) => {
        this.starting = undefined;
        throw error;
      },
    );
    return this.starting;
  }

  /** A browser of its own (for a retry); the caller closes it with `release`. */
  async own(): Promise<Browser> {
    return this.start();
  }

  async release(browser: Browser): Promise<void> {
    await closeBrowser(browser);
  }

  /** Drops the shared browser if it is `browser` (crashed or stuck), so the next `get` starts a new one. */
  async discard(browser: Browser | undefined): Promise<void> {
    if (!browser || browser !== this.shared) return;
    this.shared = undefined;
    await closeBrowser(browser);
  }

  /** Stops every browser; with `forever`, no browser starts again (an interrupted batch). */
  async close(forever = false): Promise<void> {
    if (forever) this.closed = true;
    this.shared = undefined;
    await Promise.all([...this.all].map((b) => closeBrowser(b, forever ? 1_000 : 5_000)));
  }

  /** Kills every browser at once, synchronously (the last thing before exiting on a signal). */
  killAll(): void {
    this.closed = true;
    for (const b of this.all) b.process()?.kill('SIGKILL');
  }
}

/** Rejects when `work` takes longer than `ms`, or as soon as `abort` fires. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string, abort?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} 超过 ${Math.round(ms / 1000)} 秒未完成`)), ms);
    onAbort = () => reject(new Error('构建已中断'));
    if (abort?.aborted) onAbort();
    abort?.addEventListener('abort', onAbort, { once: true });
  });
  // The work may still reject after the race is decided: never an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
    if (onAbort) abort?.removeEventListener('abort', onAbort);
  }
}

/** Runs `task` over `items` with at most `jobs` at a time, in order of the items; stops taking new items once `stop()` is true. */
export async function eachLimited<T>(items: T[], jobs: number, task: (item: T, index: number) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
}
