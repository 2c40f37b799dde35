// The data stage: every data block of the report validated against its schema (generated from
// the table definition for 公开 tables), its values parsed from their text, and gathered into
// the typed report model that check, narrate, render and diff read.
import type { VFile } from 'vfile';
import type { Code } from 'mdast';
import { diagnose } from '../diagnostics/message.js';
import type { ParsedReport } from '../parse/report.js';
import type { SourceFile, YamlRegion } from '../parse/markdown.js';
import { plainToJS } from '../parse/yaml-tree.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { reportSchemaErrors, suggest } from '../schema/errors.js';
import { tableSchemaId } from '../schema/table-schema.js';
import type { Template } from '../template/types.js';
import type { FrontMatter } from './front-matter.js';
import { buildTree, child, textOf, type DataNode } from './tree.js';
import { readTable, type TableData } from './tables.js';
import { deriveFacts, type DerivedValue } from './derived.js';
import { recallTyped, rememberTyped, type TypedStore } from './typed-cache.js';

export interface Block {
  kind: string;
  /** The name of a repeatable block (项目绩效: its 项目名称). */
  name?: string;
  file: SourceFile;
  region: YamlRegion;
  node: Code;
  root: DataNode;
}

export interface ReportData {
  frontMatter: FrontMatter;
  template: Template;
  /** Every block, in print order. */
  blocks: Block[];
  byKind: Map<string, Block[]>;
  tables: Map<string, TableData>;
  /** Figures the data implies (totals, 总分, 等级, 执行率…), by path; see data/derived.ts. */
  derived: Map<string, DerivedValue>;
}

/** Reads every data block of a parsed report (a block read cleanly by an earlier run from `typed`, when given). */
export function readData(vfile: VFile, report: ParsedReport, frontMatter: FrontMatter, template: Template, registry: SchemaRegistry, typed?: TypedStore): ReportData {
  const order = new Map(['index.md', ...frontMatter.parts].map((name, i) => [name, i]));
  const files = [...report.files].sort((a, b) => (order.get(a.file.name) ?? 1e9) - (order.get(b.file.name) ?? 1e9));
  const tableIds = [...template.tables.keys()];
  const blockKinds = [...template.manifest.blocks.required, ...(template.manifest.blocks.optional ?? [])];
  const known = [...tableIds, ...blockKinds];
  const repeatable = template.manifest.blocks.repeatable ?? {};
  const data: ReportData = { frontMatter, template, blocks: [], byKind: new Map(), tables: new Map(), derived: new Map() };

  const present = new Set<string>();
  for (const parsed of files) {
    for (const raw of parsed.blocks) {
      const place = raw.node.position?.start;
      present.add(raw.kind);
      if (!known.includes(raw.kind)) {
        const hint = suggest(raw.kind, known);
        diagnose(vfile, {
          rule: 'block/unknown-kind',
          reason: `未知的数据块种类「${raw.kind}」` + (hint ? `,是否为「${hint}」?` : `;模板 ${template.name} 的种类: ${known.join('、')}`),
          file: raw.file.path,
          place,
        });
        continue;
      }
      if (raw.yaml.errors.length) continue; // already reported by the parse stage
      // Every declared kind has a compiled schema: the template loader refuses a pack without one.
      const schemaId = template.tables.has(raw.kind) ? tableSchemaId(template.name, raw.kind) : template.blockSchemas.get(raw.kind)!.id;
      const kept = typed && recallTyped(typed, schemaId, frontMatter.unit, raw.node.value);
      const { errors, values } = kept ? { errors: [], values: kept } : registry.validate(registry.compile(schemaId), plainToJS(raw.yaml.tree), frontMatter.unit);
      if (typed && !kept && errors.length === 0) rememberTyped(typed, schemaId, frontMatter.unit, raw.node.value, values);
      // A block with schema errors is still read: its valid values take part in the checks, so one
      // bad cell does not hide the rest of the table.
      if (errors.length) reportSchemaErrors(vfile, raw.file, raw, errors, `数据块「${raw.kind}」`);
      const root = buildTree(raw.file, raw, values);
      const nameField = repeatable[raw.kind];
      const name = nameField ? textOf(child(root, nameField))?.trim() : undefined;
      const block: Block = { kind: raw.kind, ...(name ? { name } : {}), file: raw.file, region: raw, node: raw.node, root };
      const same = data.byKind.get(raw.kind) ?? [];
      const clash = same.find((b) => (nameField ? b.name === name : true));
      if (clash) {
        diagnose(vfile, {
          rule: 'block/duplicate',
          reason: nameField ? `「${raw.kind}」中「${name}」出现了两次` : `数据块「${raw.kind}」出现了两次(每份报告只能有一个)`,
          file: raw.file.path,
          place,
          related: [{ file: clash.file.path, place: clash.node.position?.start, label: '第一次出现' }],
        });
        continue;
      }
      same.push(block);
      data.byKind.set(raw.kind, same);
      data.blocks.push(block);
      const table = template.tables.get(raw.kind);
      if (table) data.tables.set(raw.kind, readTable(vfile, template, table, root));
    }
  }

  data.derived = deriveFacts(data, vfile, typed?.cache);
  const missing = frontMatter.partial ? [] : [...tableIds, ...template.manifest.blocks.required].filter((kind) => !present.has(kind));
  if (missing.length) {
    diagnose(vfile, {
      rule: 'report/missing-block',
      reason: `报告缺少数据块: ${missing.join('、')}(模板 ${template.name} 要求)`,
      file: report.index?.file.path ?? report.dir,
      place: { line: 1, column: 1 },
    });
  }
  return data;
}
