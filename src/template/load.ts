// Reads a template from its files (already in memory: only cli/ touches the disk): the manifest,
// the table definitions and the classifications, each validated against its schema. A broken
// template is reported as diagnostics against the template's files, never as an exception.
import { parse as parseYamlValue } from 'yaml';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { SchemaRegistry } from '../schema/registry.js';
import type { Classification, ProseVocabulary, RuleDef, TableDef, Template, TemplateManifest } from './types.js';

export interface TemplateSource {
  name: string;
  /** Path of the template folder, for messages. */
  dir: string;
  /** Relative path → text, every file of the folder. */
  files: Map<string, string>;
}

function readYaml(vfile: VFile, source: TemplateSource, path: string): unknown {
  const text = source.files.get(path);
  const file = `${source.dir}/${path}`;
  if (text === undefined) {
    diagnose(vfile, { rule: 'template/missing-file', reason: `模板「${source.name}」缺少文件 ${path}`, file });
    return undefined;
  }
  try {
    return parseYamlValue(text, { prettyErrors: false });
  } catch (error) {
    diagnose(vfile, { rule: 'template/invalid', reason: `模板文件无法解析: ${(error as Error).message.split('\n')[0]}`, file });
    return undefined;
  }
}

function validated<T>(vfile: VFile, registry: SchemaRegistry, schemaId: string, value: unknown, file: string): T | undefined {
  if (value === undefined) return undefined;
  const { errors } = registry.validate(registry.compile(schemaId), value, '万元');
  for (const error of errors) {
    diagnose(vfile, {
      rule: 'template/invalid',
      reason: `模板定义不符合 ${schemaId.split('/').pop()}: ${error.instancePath || '/'} ${error.message ?? ''}`,
      file,
    });
  }
  return errors.length ? undefined : (value as T);
}

/** Loads a template; returns undefined (with diagnostics) when it cannot be used. */
export function loadTemplate(vfile: VFile, registry: SchemaRegistry, source: TemplateSource): Template | undefined {
  const manifestFile = `${source.dir}/template.yaml`;
  const manifest = validated<TemplateManifest>(
    vfile,
    registry,
    'https://juesuan.dev/schemas/template.schema.json',
    readYaml(vfile, source, 'template.yaml'),
    manifestFile,
  );
  if (!manifest) return undefined;
  const classifications = new Map<string, Classification>();
  for (const [id, path] of Object.entries(manifest.classifications)) {
    const raw = readYaml(vfile, source, path) as { name?: string; levels?: string[]; digits?: number[]; codes?: Record<string, string> } | undefined;
    if (!raw?.codes || !raw.digits) {
      if (raw) diagnose(vfile, { rule: 'template/invalid', reason: `分类 ${id} 缺少 codes 或 digits`, file: `${source.dir}/${path}` });
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
  for (const path of manifest.tables) {
    const file = `${source.dir}/${path}`;
    const table = validated<TableDef>(vfile, registry, 'https://juesuan.dev/schemas/table-definition.schema.json', readYaml(vfile, source, path), file);
    if (!table) continue;
    for (const section of table.sections) {
      if (section.classification && !classifications.has(section.classification)) {
        diagnose(vfile, { rule: 'template/invalid', reason: `${table.id} 引用了未定义的分类「${section.classification}」`, file });
      }
    }
    tables.set(table.id, table);
  }
  let rules: RuleDef[] = [];
  if (source.files.has('rules.yaml')) {
    const raw = validated<{ rules: RuleDef[] }>(vfile, registry, 'https://juesuan.dev/schemas/rules.schema.json', readYaml(vfile, source, 'rules.yaml'), `${source.dir}/rules.yaml`);
    rules = raw?.rules ?? [];
  }
  let prose: ProseVocabulary | undefined;
  if (source.files.has('prose.yaml')) {
    prose = validated<ProseVocabulary>(vfile, registry, 'https://juesuan.dev/schemas/prose.schema.json', readYaml(vfile, source, 'prose.yaml'), `${source.dir}/prose.yaml`);
  }
  return { name: manifest.name, manifest, rules, prose, tables, classifications, files: source.files };
}
