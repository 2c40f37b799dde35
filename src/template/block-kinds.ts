// The block kinds of a template pack: every kind its manifest declares (required, optional,
// repeatable) has a schema file in the pack (`blocks.schemas`), which is read, given its id in the
// template's namespace and compiled here, at template load. A kind without a schema, a schema file
// that is missing, does not parse, or does not compile is `template/invalid` at its place.
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { packBlockSchema } from '../schema/block-schema.js';
import type { TemplateSource } from './load.js';
import { readPackFile, type PackFile } from './pack-file.js';
import type { BlockSchema, TableDef, TemplateManifest } from './types.js';

/** The schema of every block kind of the template; undefined when one cannot be used. */
export function loadBlockSchemas(
  vfile: VFile,
  registry: SchemaRegistry,
  source: TemplateSource,
  manifest: TemplateManifest,
  manifestFile: PackFile,
  tables: Map<string, TableDef>,
): Map<string, BlockSchema> | undefined {
  const before = vfile.messages.length;
  const blocks = manifest.blocks;
  const schemas = blocks.schemas;
  const declared = new Map<string, string>();
  blocks.required.forEach((kind, i) => declared.set(kind, `/blocks/required/${i}`));
  (blocks.optional ?? []).forEach((kind, i) => declared.set(kind, `/blocks/optional/${i}`));
  const invalid = (reason: string, file: PackFile, pointer: string, part: 'key' | 'value' = 'value') =>
    diagnose(vfile, { rule: 'template/invalid', reason, file: file.path, place: file.place(pointer, part) });

  for (const [kind, pointer] of declared) {
    if (tables.has(kind)) invalid(`数据块种类「${kind}」与表 ${kind} 同名;表的数据块由表定义给出,不在 blocks 中声明`, manifestFile, pointer);
    else if (!(kind in schemas)) invalid(`数据块种类「${kind}」没有 Schema:请在 blocks.schemas 中给出其文件(如 blocks/${kind}.schema.yaml)`, manifestFile, pointer);
  }
  for (const kind of Object.keys(blocks.repeatable ?? {})) {
    if (!declared.has(kind)) invalid(`可重复的数据块种类「${kind}」未在 blocks.required 或 blocks.optional 中声明`, manifestFile, `/blocks/repeatable/${kind}`, 'key');
  }

  const ids = new Map<string, BlockSchema>();
  for (const [kind, path] of Object.entries(schemas)) {
    const at = `/blocks/schemas/${kind.replace(/~/gu, '~0').replace(/\//gu, '~1')}`;
    if (!declared.has(kind)) {
      invalid(`blocks.schemas 中的「${kind}」未在 blocks.required 或 blocks.optional 中声明`, manifestFile, at, 'key');
      continue;
    }
    const file = readPackFile(vfile, source, path, { file: manifestFile.path, place: manifestFile.place(at) });
    if (!file) continue;
    if (!file.value || typeof file.value !== 'object' || Array.isArray(file.value)) {
      invalid(`数据块「${kind}」的 Schema 应为一个映射(JSON Schema 对象)`, file, '');
      continue;
    }
    const { schema, bad } = packBlockSchema(manifest.name, kind, path, file.value as Record<string, unknown>);
    for (const ref of bad) {
      invalid(`数据块「${kind}」的 Schema 中 $ref「${ref.ref}」无法使用:只能引用本文件(#/…)或 juesuan 的 schemas/ 中的公共定义(如 ../../../schemas/common.schema.json#/$defs/amount)`, file, ref.pointer);
    }
    if (bad.length) continue;
    // One message per place: the meta-schema's anyOf gives several for one wrong value.
    const problems = registry.register(schema).filter((p, i, all) => all.findIndex((q) => q.pointer === p.pointer) === i);
    for (const problem of problems) {
      const missing = /can't resolve reference (\S+)/u.exec(problem.message)?.[1];
      const written = missing ? writtenRef(file, missing) : undefined;
      diagnose(vfile, {
        rule: 'template/invalid',
        reason: missing
          ? `数据块「${kind}」的 Schema 中 $ref「${written ?? missing}」指向不存在的定义`
          : `数据块「${kind}」的 Schema 不是有效的 JSON Schema: ${problem.pointer || '/'} ${problem.message}`,
        file: file.path,
        place: written ? file.placeOfText(written) : file.place(problem.pointer),
      });
    }
    if (!problems.length) ids.set(kind, { id: schema.$id as string, schema, path });
  }
  return vfile.messages.length > before ? undefined : ids;
}

/** The $ref as the pack file wrote it, for a ref that Ajv could not resolve (rebased or not). */
function writtenRef(file: PackFile, missing: string): string | undefined {
  const hash = missing.slice(missing.indexOf('#'));
  const refs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') refs.push(value);
        else walk(value);
      }
    }
  };
  walk(file.value);
  return refs.find((r) => r === missing) ?? refs.find((r) => missing.includes('#') && r.endsWith(hash));
}
