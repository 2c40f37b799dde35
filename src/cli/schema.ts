// `juesuan schema`: writes the JSON Schema of every template's blocks — tables (generated from their
// definitions) and the other kinds (the pack's own schemas) — to schemas/generated/<template>/
// <kind>.schema.json, with $refs relative to files there (for editors); --check verifies them.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatHuman } from '../diagnostics/format.js';
import { tableSchema } from '../schema/table-schema.js';
import { createWorkspace, useTemplate } from '../workspace.js';
import { loadSchemas, loadTemplates, PACKAGE_ROOT } from './load.js';
import { writeAtomic } from './write.js';
import { VFile } from 'vfile';

export const SCHEMA_HELP = `用法: juesuan schema [--check]

把 templates/ 中每个模板的数据块 JSON Schema(公开表由表定义生成,其他种类取自模板的
blocks/)写入 schemas/generated/<模板>/<种类>.schema.json,供编辑器校验与补全。

选项:
  --check      只检查已生成的文件是否最新(不写入);过期则以 1 退出
  -h, --help   显示此帮助
`;

/** Runs `schema`; returns the exit code. */
export function runSchema(checkOnly: boolean, out: (s: string) => void, err: (s: string) => void): number {
  const templatesDir = join(PACKAGE_ROOT, 'templates');
  const sources = loadTemplates(templatesDir, 'templates');
  const workspace = createWorkspace(loadSchemas(), sources);
  let stale = 0;
  for (const source of sources) {
    const { template, messages } = useTemplate(workspace, source.name);
    if (!template) {
      const vfile = new VFile({ path: source.dir });
      vfile.messages.push(...messages);
      err(formatHuman([vfile]));
      return 1;
    }
    const schemas: [string, object][] = [
      ...[...template.tables.values()].map((table): [string, object] => [table.id, tableSchema(template.name, table, template.classifications)]),
      ...[...template.blockSchemas].map(([kind, block]): [string, object] => [kind, block.schema]),
    ];
    for (const [kind, schema] of schemas) {
      const path = join(PACKAGE_ROOT, 'schemas', 'generated', template.name, `${kind}.schema.json`);
      const text = JSON.stringify(schema, null, 2) + '\n';
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (current === text) continue;
      stale++;
      if (checkOnly) out(`过期: ${relative(process.cwd(), path)}\n`);
      else {
        writeAtomic(path, text);
        out(`已写入 ${relative(process.cwd(), path)}\n`);
      }
    }
    // A schema of a kind the template no longer has would mislead an editor.
    const dir = join(PACKAGE_ROOT, 'schemas', 'generated', template.name);
    const kinds = new Set(schemas.map(([kind]) => `${kind}.schema.json`));
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (!name.endsWith('.schema.json') || kinds.has(name)) continue;
      stale++;
      const path = join(dir, name);
      if (checkOnly) out(`多余: ${relative(process.cwd(), path)}\n`);
      else {
        rmSync(path);
        out(`已删除 ${relative(process.cwd(), path)}\n`);
      }
    }
  }
  if (checkOnly && stale) {
    out(`${stale} 个生成的 Schema 已过期;请运行 juesuan schema\n`);
    return 1;
  }
  if (!stale) out('生成的 Schema 均为最新\n');
  return 0;
}
