// What a batch build tells the user while it runs and when it ends: a progress bar on a terminal
// (else a line per report) and the closing summary line.

/** Milliseconds as seconds with one decimal. */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** A one-line progress bar, redrawn in place (`\r`). */
export function progressBar(done: number, total: number, label: string): string {
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  return `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, 100).padEnd(100);
}

export interface Tally {
  /** Reports in the plan, current ones included. */
  total: number;
  built: number;
  current: number;
  failed: number;
  pages: number;
}

/** The closing line of a batch. */
export function summaryLine(tally: Tally, elapsedMs: number): string {
  const { total, built, current, failed, pages } = tally;
  return `${failed ? '✖' : '✔'} ${total} 份报告: 印出 ${built},未改动 ${current},失败 ${failed};共 ${pages} 页;用时 ${seconds(elapsedMs)} 秒\n`;
}
