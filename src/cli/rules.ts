// `juesuan rules`: the catalogue of every rule (built-in and each template's), as text or as the
// Markdown table of the README; `--write-readme` replaces that table in README.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, rulesMarkdown } from '../check/catalog.js';
import type { Template } from '../template/types.js';
import { createWorkspace, useTemplate } from '../workspace.js';
import { loadSchemas, loadTemplates, PACKAGE_ROOT } from './load.js';
import { writeAtomic } from './write.js';

export const RULES_HELP = `用法: juesuan rules [--format human|md] [--write-readme]

列出所有检查规则(内置规则与 templates/ 中各模板 rules.yaml 的规则)。

选项:
  --format human|md   输出格式(默认 human)
  --write-readme      用规则表替换 README.md 中 <!-- rules:start --> 与 <!-- rules:end --> 之间的内容
  -h, --help          显示此帮助
`;

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

/** The rules of juesuan's own templates, as Markdown. */
export function rulesTable(): string {
  const sources = loadTemplates(join(PACKAGE_ROOT, 'templates'), 'templates');
  const workspace = createWorkspace(loadSchemas(), sources);
  const templates = sources.map((s) => useTemplate(workspace, s.name).template).filter((t): t is Template => Boolean(t));
  return rulesMarkdown(allRules(templates));
}

/** The README with its rule table replaced. */
export function readmeWithRules(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return readme;
  return `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}`;
}

/** Runs `rules`; returns the exit code. */
export function runRules(format: string, writeReadme: boolean, out: (s: string) => void): number {
  const table = rulesTable();
  if (writeReadme) {
    const path = join(PACKAGE_ROOT, 'README.md');
    if (!existsSync(path)) return 2;
    writeAtomic(path, readmeWithRules(readFileSync(path, 'utf8'), table));
    out('已更新 README.md 的规则表\n');
    return 0;
  }
  if (format === 'md') out(table);
  else {
    for (const line of table.split('\n').slice(2)) {
      const cells = line.split(' | ').map((c) => c.replace(/^\| |`| \|$/gu, ''));
      if (cells.length >= 4) out(`${cells[0]!.padEnd(32)} ${cells[1]}  ${cells[2]}  ${cells[3]}\n`);
    }
  }
  return 0;
}
