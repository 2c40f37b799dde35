// The check memo: a report's diagnostics kept in the compile cache under a hash of everything the
// compiler read for it — its .md files, the previous year's, every template pack it could use,
// juesuan's schemas (the cache folder is already per version of juesuan's code). The compiler is
// deterministic, so the same inputs give the same diagnostics: `check` of a report nobody changed
// answers from the memo without loading the compiler; any edit is a new key, and a miss compiles.
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { hashOf, toCacheText, fromCacheText, type CompileCache } from '../cache.js';
import type { ReportSource } from '../parse/report.js';
import type { TemplateSource } from '../template/load.js';

const KIND = 'check';

/** What a report's diagnostics depend on, besides juesuan's code. */
export interface MemoInputs {
  report: ReportSource;
  prior?: ReportSource | undefined;
  templates: TemplateSource[];
  /** juesuan's own schemas, as [file, text]. */
  schemas: [string, string][];
}

function sourceText(source: ReportSource | undefined): string {
  if (!source) return '';
  return JSON.stringify([source.dir, source.files.map((f) => [f.path, f.name, f.text, f.bom ?? false, f.unreadable ?? null])]);
}

function templateText(template: TemplateSource): string {
  const files = [...template.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([template.name, template.dir, files, template.refused ?? null]);
}

/** The memo key of a report: a hash of every input its compilation reads. */
export function memoKey(inputs: MemoInputs): string {
  return hashOf(
    KIND,
    sourceText(inputs.report),
    sourceText(inputs.prior),
    ...inputs.templates.map(templateText),
    JSON.stringify(inputs.schemas),
  );
}

/** The diagnostics of a compiled report as cache text; undefined when a message holds anything but plain data. */
export function memoText(vfile: VFile): string | undefined {
  const messages = vfile.messages.map((m) => {
    const plain: Record<string, unknown> = {};
    for (const key of Object.keys(m)) {
      const value = (m as unknown as Record<string, unknown>)[key];
      if (value !== undefined) plain[key] = value;
    }
    return plain;
  });
  return toCacheText({ path: vfile.path, messages });
}

/** A VFile holding the diagnostics a memo text kept (only the messages: check prints nothing else). */
export function fromMemoText(text: string): VFile | undefined {
  try {
    const entry = fromCacheText(text) as { path?: unknown; messages?: unknown };
    if (typeof entry?.path !== 'string' || !Array.isArray(entry.messages)) return undefined;
    const vfile = new VFile({ path: entry.path });
    for (const plain of entry.messages as Record<string, unknown>[]) {
      if (!plain || typeof plain.reason !== 'string') return undefined;
      const message = new VFileMessage(plain.reason);
      Object.assign(message, plain);
      vfile.messages.push(message);
    }
    return vfile;
  } catch {
    return undefined;
  }
}

/** The memoized diagnostics of a report, if an earlier run kept them for exactly these inputs. */
export function recall(cache: CompileCache, key: string): VFile | undefined {
  const text = cache.get(KIND, key);
  return text === undefined ? undefined : fromMemoText(text);
}

/** Keeps a compiled report's diagnostics for later runs with the same inputs. */
export function remember(cache: CompileCache, key: string, vfile: VFile): void {
  const text = memoText(vfile);
  if (text !== undefined) cache.set(KIND, key, text);
}
