// The parse stage: every Markdown file of a report folder → mdast + data blocks with their YAML,
// reporting empty files, YAML syntax errors, duplicate keys and malformed data-block info strings.
import type { VFile } from 'vfile';
import type { CompileCache } from '../cache.js';
import { diagnose } from '../diagnostics/message.js';
import { parseMarkdown, type ParsedFile, type SourceFile, type YamlRegion } from './markdown.js';
import { placeOf, pointAt } from './locate.js';
import { checkText } from './text-checks.js';

export interface ReportSource {
  /** The report folder, as the user named it (relative to the working directory). */
  dir: string;
  /** Every .md file of the folder, sorted by name. */
  files: SourceFile[];
}

export interface ParsedReport {
  dir: string;
  /** The names of every .md file of the folder, empty ones included. */
  names: string[];
  files: ParsedFile[];
  index: ParsedFile | undefined;
}

function reportYamlErrors(vfile: VFile, file: SourceFile, region: YamlRegion, what: string): void {
  for (const error of region.yaml.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    const own = error.rule !== undefined;
    diagnose(vfile, {
      rule: error.rule ?? (duplicate ? 'yaml/duplicate-key' : 'yaml/syntax'),
      reason: own ? `${what}: ${error.message}` : duplicate ? `${what}中有重复的键(同一映射中每个键只能出现一次)` : `${what}的 YAML 语法错误: ${error.message}`,
      file: file.path,
      place: placeOf(file, region, error.range),
    });
  }
}

/** Parses every file of a report (their syntax trees kept in `cache`, when given). */
export function parseReport(vfile: VFile, source: ReportSource, cache?: CompileCache): ParsedReport {
  const files: ParsedFile[] = [];
  for (const file of source.files) {
    if (file.unreadable) {
      diagnose(vfile, { rule: file.unreadable.rule, reason: file.unreadable.reason, file: file.path, place: pointAt(file, file.unreadable.offset) });
      continue;
    }
    if (file.bom) {
      diagnose(vfile, {
        rule: 'encoding/bom',
        reason: `文件 ${file.name} 以 BOM(字节顺序标记)开头,已忽略;建议保存为不带 BOM 的 UTF-8`,
        file: file.path,
        place: { line: 1, column: 1 },
        severity: 'warning',
      });
    }
    const findings = checkText(file.text);
    for (const f of findings) diagnose(vfile, { rule: f.rule, reason: f.reason, file: file.path, place: pointAt(file, f.offset) });
    if (findings.some((f) => f.refuse)) continue;
    if (file.text.trim() === '') {
      diagnose(vfile, { rule: 'report/empty-file', reason: `文件 ${file.name} 是空的`, file: file.path, place: { line: 1, column: 1 } });
      continue;
    }
    const parsed = parseMarkdown(file, cache);
    if (parsed.frontMatter) reportYamlErrors(vfile, file, parsed.frontMatter, '文件头(front matter)');
    for (const block of parsed.blocks) {
      const start = block.node.position?.start;
      if (start && start.column !== 1) {
        diagnose(vfile, {
          rule: 'block/indented',
          reason: `数据块「${block.kind}」不应缩进(请放在行首,不要放在列表或引用中)`,
          file: file.path,
          place: start,
        });
      }
      reportYamlErrors(vfile, file, block, `数据块「${block.kind}」`);
    }
    for (const code of parsed.badInfo) {
      diagnose(vfile, {
        rule: 'block/info-string',
        reason: '数据块的信息串应写作「yaml data=<种类>」,如 ```yaml data=公开01',
        file: file.path,
        place: code.position?.start ?? pointAt(file, 0),
      });
    }
    files.push(parsed);
  }
  const index = files.find((f) => f.file.name === 'index.md');
  if (!index && !source.files.some((f) => f.name === 'index.md')) {
    diagnose(vfile, {
      rule: 'report/no-index',
      reason: `报告文件夹 ${source.dir} 中没有 index.md(报告从 index.md 的文件头开始)`,
      file: source.dir,
      place: { line: 1, column: 1 },
    });
  }
  return { dir: source.dir, names: source.files.map((f) => f.name), files, index };
}
