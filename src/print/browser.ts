// Finds and starts the system Chromium (PUPPETEER_EXECUTABLE_PATH first, then the usual paths),
// never downloading one, and isolated by construction: every host name resolves to nothing, every
// request goes to a proxy that does not exist, no background service, update or prefetch runs; it
// is killed when juesuan dies (PR_SET_PDEATHSIG through setpriv), and its profile is a temporary
// folder named for juesuan's pid, removed on close and by the next build after a crash.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'];
const PROFILE_PREFIX = 'juesuan-chromium-';

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

/** Features that reach the network on their own (prediction, hints, translation, media routing…). */
const NETWORK_FEATURES = [
  'NetworkPrediction',
  'OptimizationHints',
  'OptimizationGuideModelDownloading',
  'MediaRouter',
  'DialMediaRouteProvider',
  'Translate',
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'InterestFeedContentSuggestions',
  'HttpsUpgrades',
  'PrivacySandboxSettings4',
  'SafeBrowsing',
];

/** The command-line switches that take every route out away from the browser. */
export const ISOLATION_ARGS = [
  // Every name resolves to nothing (no DNS query is ever sent)…
  '--host-resolver-rules=MAP * ~NOTFOUND',
  // …and every connection, loopback included, goes to a proxy whose name cannot resolve.
  '--proxy-server=http://no-proxy.juesuan.invalid:9',
  '--proxy-bypass-list=<-loopback>',
  '--dns-prefetch-disable',
  '--no-pings',
  '--disable-domain-reliability',
  '--disable-component-update',
  '--disable-background-networking',
  '--safebrowsing-disable-auto-update',
  '--no-default-browser-check',
  '--no-service-autorun',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--force-webrtc-ip-handling-policy',
];

/** Chromium's command line: puppeteer's defaults, the isolation switches, one merged --disable-features. */
export function chromiumArgs(profile: string): string[] {
  const defaults = puppeteer.defaultArgs({ headless: true });
  const disabled = new Set(NETWORK_FEATURES);
  const kept: string[] = [];
  for (const arg of defaults) {
    if (arg.startsWith('--disable-features=')) arg.slice('--disable-features='.length).split(',').forEach((f) => disabled.add(f));
    else if (arg !== 'about:blank') kept.push(arg);
  }
  return [...kept, `--disable-features=${[...disabled].join(',')}`, ...ISOLATION_ARGS, '--no-sandbox', '--disable-gpu', '--font-render-hinting=none', `--user-data-dir=${profile}`, 'about:blank'];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeProfile(profile: string): void {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Left for the next build's removeStaleProfiles.
  }
}

/** Removes the profiles left by builds that died (kill -9): their pid is in the folder's name. */
export function removeStaleProfiles(dir = tmpdir()): void {
  for (const name of readdirSync(dir)) {
    const m = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`, 'u').exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) removeProfile(join(dir, name));
  }
}

/** What puppeteer's launch error says, in Chinese (the browser's exit code and first line of stderr, or the time-out). */
export function launchFailure(message: string): string {
  const code = /Code: (\S+)/u.exec(message)?.[1];
  const stderr = /stderr:\s*\n([^\n]*)/u.exec(message)?.[1]?.trim();
  if (code !== undefined) return `浏览器启动后立即退出(退出码 ${code})${stderr ? `: ${stderr.slice(0, 200)}` : ''}`;
  const ms = /Timed out after (\d+) ms/u.exec(message)?.[1];
  if (ms) return `浏览器在 ${Math.round(Number(ms) / 1000)} 秒内没有启动完成`;
  return message.split('\n')[0] ?? message;
}

/** Starts a headless Chromium that dies with this process; closing it removes its profile. */
export async function launch(timeoutMs = 60_000): Promise<Browser> {
  const chromium = findChromium();
  const profile = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  const setpriv = SETPRIV.find((p) => existsSync(p));
  const args = chromiumArgs(profile);
  try {
    const browser = await puppeteer.launch({
      // setpriv sets PR_SET_PDEATHSIG and execs Chromium (same pid): a kill -9 of juesuan kills the browser too.
      executablePath: setpriv ?? chromium,
      ignoreDefaultArgs: true,
      args: setpriv ? ['--pdeathsig', 'KILL', '--', chromium, ...args] : args,
      pipe: false,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: timeoutMs,
    });
    // The profile goes once the process has exited (Chromium writes to it until then).
    const child = browser.process();
    if (child) child.once('exit', () => removeProfile(profile));
    else browser.once('disconnected', () => removeProfile(profile));
    return browser;
  } catch (error) {
    removeProfile(profile);
    throw new Error(`无法启动浏览器 ${chromium}: ${launchFailure((error as Error).message)}`);
  }
}
