// `juesuan fix <report>`: for each cell that most likely changed (check/likely-change), rewrites the
// totals that must follow it — or, with --correct, the cell itself — shown first as a unified diff and
// written only with --write or after a yes (src/cli/apply-changes.ts).
import { createInterface } from 'node:readline/promises';
import type { TextEdit } from '../edit/edits.js';
import { propagationEdits } from '../edit/propagation.js';
import { whereOf } from '../check/likely-change.js';
import { show } from '../check/relations.js';
import { changesOnDisk, showAndApply } from './apply-changes.js';
import { compilePaths } from './compile-reports.js';
import { UsageError } from './load.js';

export const FIX_HELP = `用法: juesuan fix <报告文件夹>... [--write] [--correct]

找出最可能改动的单元格(check 的 check/likely-change),保留它的新值,把须随之改动的各个合计
依次改写;先以 unified diff 显示,加 --write(或在终端中回答 y)才写入。

选项:
  --correct    不改合计,而把该单元格改回使各条规则成立的值
  --write      不询问,直接写入
  -h, --help   显示此帮助

退出码: 0 已写入或无需改动; 1 有改动未写入; 2 用法或读写错误。
`;

export interface FixOptions {
  write: boolean;
  correct: boolean;
  /** Ask before writing (a terminal). */
  ask: boolean;
}

/** The edits `fix` proposes for the reports, with a line of explanation each. */
function proposals(paths: string[], correct: boolean, out: (s: string) => void): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const vfile of compilePaths(paths)) {
    for (const change of vfile.data.likelyChanges ?? []) {
      const f = change.fact;
      const amount = f.kind === 'amount';
      const value = (d: typeof change.value) => `${show(d, amount)}${amount ? '万元' : ''}`;
      if (correct || f.value === null) {
        if (f.value === null) out(`${whereOf(f)}  ${f.label} 为空;请填写 ${value(change.corrected)}(fix 不填写空单元格)\n`);
        else {
          out(`${whereOf(f)}  ${f.label}: ${value(change.value)} → ${value(change.corrected)}\n`);
          edits.push(...propagationEdits([{ fact: f, before: change.value, after: change.corrected, delta: change.corrected.minus(change.value), relation: change.explained[0]! }]));
        }
        continue;
      }
      out(`${whereOf(f)}  保留 ${f.label} ${value(change.value)},改写随之改动的 ${change.moves.length} 个合计\n`);
      edits.push(...propagationEdits(change.moves));
      if (change.open.length) out(`  另有 ${change.open.length} 条规则须自行决定改哪一项(见 juesuan check)\n`);
    }
  }
  return edits;
}

/** Runs `fix`; returns the exit code. */
export async function runFix(paths: string[], options: FixOptions, out: (s: string) => void): Promise<number> {
  if (paths.length === 0) throw new UsageError(`请给出报告文件夹\n\n${FIX_HELP}`);
  const edits = proposals(paths, options.correct, out);
  const changes = changesOnDisk(edits);
  if (changes.length === 0) {
    out('fix: 没有可以自动改写的数\n');
    return 0;
  }
  let write = options.write;
  showAndApply(changes, false, out);
  if (!write && options.ask) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      write = /^(y|yes|是)$/iu.test((await rl.question(`写入这 ${edits.length} 处改动(${changes.length} 个文件)? [y/N] `)).trim());
    } finally {
      rl.close();
    }
  }
  if (!write) {
    out(`fix: 可改写 ${edits.length} 处(${changes.length} 个文件);加 --write 写入\n`);
    return 1;
  }
  const { written, stale } = showAndApply(changes, true, () => undefined);
  for (const path of stale) out(`fix: ${path} 在检查后被修改过,未写入;请重新运行\n`);
  out(`fix: 已改写 ${edits.length} 处,写入 ${written.length} 个文件\n`);
  return stale.length ? 1 : 0;
}
