// Test helper: collects a child process's stdout and stderr, and waits until the text holds a pattern
// a number of times (for the long-running commands: build --watch, check --watch).
import type { ChildProcess } from 'node:child_process';

export interface ChildOutput {
  /** Everything the child wrote so far (stdout and stderr, in arrival order). */
  text(): string;
  /** Resolves once the output holds `n` matches of `pattern`; fails after `ms` with the output. */
  waitFor(pattern: RegExp, n: number, ms?: number): Promise<void>;
}

export function childOutput(child: ChildProcess): ChildOutput {
  let output = '';
  const listeners = new Set<() => void>();
  const add = (s: string) => {
    output += s;
    for (const look of listeners) look();
  };
  child.stdout!.setEncoding('utf8').on('data', add);
  child.stderr!.setEncoding('utf8').on('data', add);
  return {
    text: () => output,
    waitFor(pattern, n, ms = 240_000) {
      return new Promise((done, fail) => {
        const look = () => {
          if ((output.match(new RegExp(pattern, 'gu')) ?? []).length < n) return;
          clearTimeout(timer);
          listeners.delete(look);
          done();
        };
        const timer = setTimeout(() => {
          listeners.delete(look);
          fail(new Error(`waiting for ${n}× ${pattern} in: ${output}`));
        }, ms);
        listeners.add(look);
        look();
      });
    },
  };
}
