// Reads a template from its files (already in memory: only cli/ touches the disk): the manifest,
// the table definitions, the classifications and the schemas of its block kinds, each validated
// against its schema. A broken template is reported as diagnostics at the place in the template's
// files, never as an exception.
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { loadBlockSchemas } from './block-kinds.js';
import { PLACEHOLDERS, placeholdersOf, type PhraseKey } from '../narrate/wording.js';
import { readPackFile, type PackFile } from './pack-file.js';
import type { Classification, ProseVocabulary, RuleDef, TableDef, Template, TemplateManifest } from './types.js';
import type { LayoutDef } from './layout.js';

export interface TemplateSource {
  name: string;
  /** Path of the template folder, for messages. */
  dir: string;
  /** Relative path → text, every file of the folder. */
  files: Map<string, string>;
  /** Files the loader would not read (symlinks): each is reported, and the template is not used. */
  refused?: { file: string; rule: string; reason: string }[];
}

function validated<T>(vfile: VFile, registry: SchemaRegistry, schemaId: string, file: PackFile | undefined): T | undefined {
  if (file === undefined) return undefined;
  const { errors } = registry.validate(registry.compile(schemaId), file.value, '万元');
  for (const error of errors) {
    const pointer = error.keyword === 'additionalProperties' ? `${error.instancePath}/${String((error.params as { additionalProperty?: string }).additionalProperty ?? '')}` : error.instancePath;
    const extra = error.keyword === 'additionalProperties' ? `: ${String((error.params as { additionalProperty?: string }).additionalProperty ?? '')}` : '';
    diagnose(vfile, {
      rule: 'template/invalid',
      reason: `模板定义不符合 ${schemaId.split('/').pop()}: ${error.instancePath || '/'} ${error.message ?? ''}${extra}`,
      file: file.path,
      place: file.place(pointer, error.keyword === 'additionalProperties' ? 'key' : 'value'),
    });
  }
  return errors.length ? undefined : (file.value as T);
}

/** Loads a template; returns undefined (with diagnostics) when it cannot be used. */
export function loadTemplate(vfile: VFile, registry: SchemaRegistry, source: TemplateSource): Template | undefined {
  for (const r of source.refused ?? []) diagnose(vfile, { rule: r.rule, reason: r.reason, file: r.file, place: { line: 1, column: 1 } });
  if (source.refused?.length) return undefined;
  const manifestFile = readPackFile(vfile, source, 'template.yaml');
  const manifest = validated<TemplateManifest>(vfile, registry, 'https://juesuan.dev/schemas/template.schema.json', manifestFile);
  if (!manifest || !manifestFile) return undefined;
  const classifications = new Map<string, Classification>();
  for (const [id, path] of Object.entries(manifest.classifications)) {
    const file = readPackFile(vfile, source, path, { file: manifestFile.path, place: manifestFile.place(`/classifications/${id}`) });
    const raw = file?.value as { name?: string; levels?: string[]; digits?: number[]; codes?: Record<string, string> } | undefined;
    if (!raw?.codes || !raw.digits) {
      if (file) diagnose(vfile, { rule: 'template/invalid', reason: `分类 ${id} 缺少 codes 或 digits`, file: file.path, place: file.place('') });
      continue;
    }
    classifications.set(id, {
      id,
      name: raw.name ?? id,
      levels: raw.levels ?? [],
      digits: raw.digits,
      codes: new Map(Object.entries(raw.codes).map(([k, v]) => [String(k), String(v)])),
    });
  }
  const tables = new Map<string, TableDef>();
  manifest.tables.forEach((path, i) => {
    const file = readPackFile(vfile, source, path, { file: manifestFile.path, place: manifestFile.place(`/tables/${i}`) });
    const table = validated<TableDef>(vfile, registry, 'https://juesuan.dev/schemas/table-definition.schema.json', file);
    if (!table || !file) return;
    table.sections.forEach((section, s) => {
      if (section.classification && !classifications.has(section.classification)) {
        diagnose(vfile, { rule: 'template/invalid', reason: `${table.id} 引用了未定义的分类「${section.classification}」`, file: file.path, place: file.place(`/sections/${s}/classification`) });
      }
    });
    tables.set(table.id, table);
  });
  // A pack whose phrases or block schemas cannot be used is not used: its errors are the pack's.
  const before = vfile.messages.length;
  for (const [key, pattern] of Object.entries(manifest.narrative?.phrases ?? {})) {
    const allowed = PLACEHOLDERS[key as PhraseKey];
    for (const name of placeholdersOf(pattern)) {
      if (allowed.includes(name)) continue;
      diagnose(vfile, {
        rule: 'template/invalid',
        reason: `narrative.phrases.${key} 中的占位符 {${name}} 不可用;可用的有: ${allowed.map((a) => `{${a}}`).join(' ')}`,
        file: manifestFile.path,
        place: manifestFile.place(`/narrative/phrases/${key}`),
      });
    }
  }
  const blockSchemas = loadBlockSchemas(vfile, registry, source, manifest, manifestFile, tables);
  if (!blockSchemas || vfile.messages.length > before) return undefined;
  let rules: RuleDef[] = [];
  if (source.files.has('rules.yaml')) {
    const raw = validated<{ rules: RuleDef[] }>(vfile, registry, 'https://juesuan.dev/schemas/rules.schema.json', readPackFile(vfile, source, 'rules.yaml'));
    rules = raw?.rules ?? [];
  }
  let prose: ProseVocabulary | undefined;
  if (source.files.has('prose.yaml')) {
    prose = validated<ProseVocabulary>(vfile, registry, 'https://juesuan.dev/schemas/prose.schema.json', readPackFile(vfile, source, 'prose.yaml'));
  }
  // Table layouts that are not 公开 tables (绩效自评表, 部门评价 tables, lists): layouts/*.yaml.
  const layouts = new Map<string, LayoutDef>();
  for (const path of [...source.files.keys()].filter((f) => /^layouts\/[^/]+\.ya?ml$/u.test(f)).sort()) {
    const file = readPackFile(vfile, source, path);
    const layout = validated<LayoutDef>(vfile, registry, 'https://juesuan.dev/schemas/layout.schema.json', file);
    if (!layout || !file) continue;
    if (layouts.has(layout.id)) diagnose(vfile, { rule: 'template/invalid', reason: `版式「${layout.id}」定义了两次`, file: file.path, place: file.place('/id') });
    layouts.set(layout.id, layout);
  }
  return { name: manifest.name, manifest, rules, prose, tables, classifications, blockSchemas, layouts, files: source.files };
}
