// `juesuan import`, the pure part: the template's tables found in the workbooks, read through
// their definitions, and turned into text edits of the report's data blocks — with a diagnostic,
// at its sheet!cell, for whatever cannot be placed. cli/import.ts reads the files and writes.
import { VFile } from 'vfile';
import type { Unit } from '../amount/amount.js';
import { diagnose } from '../diagnostics/message.js';
import type { TextEdit } from '../edit/edits.js';
import type { DataBlock, ParsedFile } from '../parse/markdown.js';
import type { Template } from '../template/types.js';
import { desiredTable, sameAmount, type Origins } from './desired.js';
import { findRegions } from './locate.js';
import { readRegion } from './table.js';
import type { Workbook } from './workbook.js';
import { reconcile } from './yaml-edits.js';
import { pointAt } from '../parse/locate.js';
import { documentOf } from '../parse/yaml-index.js';
import type { Block } from '../data/read.js';
import { importForms } from './perf.js';

export interface ImportOptions {
  /** Import rows whose codes the template does not know (by the sheet's names). */
  force: boolean;
}

export interface ImportedBlock {
  kind: string;
  /** The Markdown file's path. */
  file: string;
  /** Which of the file's blocks of this kind (0: the first). */
  ordinal: number;
  /** What the block was read from: a table (公开05 ← 公开05表!A1) or a form (项目绩效「…」 ← …). */
  label: string;
  /** The workbook it came from. */
  workbook: string;
  origins: Origins;
}

export interface ImportResult {
  /** Diagnostics of the workbooks (each with its sheet!cell) and of the report's blocks. */
  vfile: VFile;
  edits: TextEdit[];
  blocks: ImportedBlock[];
}

function blockOf(files: readonly ParsedFile[], kind: string): DataBlock | undefined {
  for (const f of files) for (const b of f.blocks) if (b.kind === kind) return b;
  return undefined;
}

/**
 * Imports every table of the template found in the workbooks into the report's parsed files, and
 * (given the report's typed blocks) every 绩效 form.
 */
export function importTables(books: Workbook[], files: readonly ParsedFile[], template: Template, unit: Unit, options: ImportOptions, typed: readonly Block[] = []): ImportResult {
  const vfile = new VFile();
  const edits: TextEdit[] = [];
  const blocks: ImportedBlock[] = [];
  const regions = findRegions(books, template);
  const done = new Map<string, string>();
  for (const region of regions) {
    const table = readRegion(vfile, template, region, options.force);
    if (!table) continue;
    const first = done.get(table.def.id);
    if (first) {
      diagnose(vfile, { rule: 'import/duplicate-table', reason: `${table.def.id}「${table.def.title}」在工作簿中出现了两次(第一次在 ${first}),此处未导入`, file: region.sheet.file, cell: table.cell });
      continue;
    }
    done.set(table.def.id, table.cell);
    const block = blockOf(files, table.def.id);
    if (!block) {
      diagnose(vfile, {
        rule: 'import/missing-block',
        reason: `报告中没有数据块「${table.def.id}」,此表未导入;请先在报告中加入 \`\`\`yaml data=${table.def.id} 块`,
        file: region.sheet.file,
        cell: table.cell,
      });
      continue;
    }
    if (block.yaml.errors.length) {
      diagnose(vfile, { rule: 'import/unreadable-block', reason: `数据块「${table.def.id}」有 YAML 错误,请先改正(juesuan check)`, file: block.file.path, place: block.node.position?.start });
      continue;
    }
    const { desired, origins } = desiredTable(vfile, template, table, unit);
    const result = reconcile({ path: block.file.path, text: block.file.text, offset: block.offset, contents: documentOf(block.yaml).contents }, desired, sameAmount(unit));
    for (const c of result.conflicts) {
      diagnose(vfile, {
        rule: 'import/conflict',
        reason: `数据块「${table.def.id}」中「${c.path.join(' › ') || '(整块)'}」的写法与表定义不同,未改写;请按 juesuan check 的提示改正后再导入`,
        file: block.file.path,
        place: pointAt(block.file, c.offset),
      });
    }
    edits.push(...result.edits);
    blocks.push({ kind: table.def.id, file: block.file.path, ordinal: 0, label: `${table.def.id} ← ${table.cell}(${table.unit})`, workbook: region.sheet.file, origins });
  }
  const perf = importForms(vfile, books, typed, files, template, unit);
  edits.push(...perf.edits);
  for (const f of perf.forms) {
    const same = files.find((x) => x.file.path === f.file)?.blocks.filter((b) => b.kind === f.kind) ?? [];
    blocks.push({ kind: f.kind, file: f.file, ordinal: same.findIndex((b) => b.node === f.node), label: `${f.kind}${f.name ? `「${f.name}」` : ''} ← ${f.cell}`, workbook: f.sheet.file, origins: f.origins });
  }
  for (const book of books) {
    for (const sheet of book.sheets) {
      if (regions.some((r) => r.sheet === sheet) || perf.forms.some((f) => f.sheet === sheet) || sheet.cells.size === 0) continue;
      diagnose(vfile, {
        rule: 'import/unknown-sheet',
        reason: `工作表「${sheet.name}」中没有模板 ${template.name} 的表(按表名「${[...template.tables.values()].map((t) => t.title).slice(0, 3).join('」「')}」…或表号查找),未导入`,
        file: sheet.file,
        cell: `${sheet.name}!A1`,
        severity: 'warning',
      });
    }
  }
  return { vfile, edits, blocks };
}
