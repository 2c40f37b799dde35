// Incremental builds: a content hash of everything an output depends on — the report's sources,
// the previous year's report, the template, the fonts, juesuan's version, SOURCE_DATE_EPOCH — kept
// in <out>/.juesuan-build.json; a report whose outputs are current is skipped.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ReportSource } from '../parse/report.js';
import type { TemplateSource } from '../template/load.js';
import { PACKAGE_ROOT } from '../cli/load.js';
import { writeAtomic } from '../cli/write.js';

const require = createRequire(import.meta.url);

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

const TOOL = [
  `juesuan ${(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`,
  `noto-serif-sc ${version('@fontsource/noto-serif-sc')}`,
  `noto-sans-sc ${version('@fontsource/noto-sans-sc')}`,
  `puppeteer-core ${version('puppeteer-core')}`,
].join('\n');

/** The hash of a report's inputs. */
export function inputsHash(report: ReportSource, prior: ReportSource | undefined, template: TemplateSource | undefined, extra: string): string {
  const h = createHash('sha256');
  const add = (label: string, text: string) => h.update(`${label}\0${text.length}\0${text}\0`);
  add('tool', TOOL);
  add('extra', extra);
  add('epoch', process.env.SOURCE_DATE_EPOCH ?? '');
  for (const f of report.files) add(`report/${f.name}`, f.text);
  for (const f of prior?.files ?? []) add(`prior/${f.name}`, f.text);
  for (const [path, text] of [...(template?.files ?? new Map<string, string>())].sort(([a], [b]) => (a < b ? -1 : 1))) add(`template/${path}`, text);
  return h.digest('hex');
}

/** The build manifest of an output folder: output name → inputs hash. */
export class BuildCache {
  private readonly path: string;
  private readonly entries: Record<string, string>;

  constructor(private readonly dir: string) {
    this.path = join(dir, '.juesuan-build.json');
    let entries: Record<string, string> = {};
    try {
      entries = existsSync(this.path) ? (JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, string>) : {};
    } catch {
      entries = {};
    }
    this.entries = entries;
  }

  /** Whether the outputs of `name` exist and were built from these inputs. */
  current(name: string, hash: string): boolean {
    return this.entries[name] === hash && existsSync(join(this.dir, `${name}.pdf`)) && existsSync(join(this.dir, `${name}.html`));
  }

  /** Records a build (written at once, so an interrupted batch keeps what it built). */
  record(name: string, hash: string): void {
    this.entries[name] = hash;
    const sorted = Object.fromEntries(Object.entries(this.entries).sort(([a], [b]) => (a < b ? -1 : 1)));
    writeAtomic(this.path, JSON.stringify(sorted, null, 2) + '\n');
  }
}
