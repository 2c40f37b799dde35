// `juesuan schema`: writes the JSON Schema of every template's table blocks to
// schemas/generated/<template>/<table>.schema.json (for editors); --check verifies they are current.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatHuman } from '../diagnostics/format.js';
import { tableSchema } from '../schema/table-schema.js';
import { createWorkspace, useTemplate } from '../workspace.js';
import { loadSchemas, loadTemplates, PACKAGE_ROOT } from './load.js';
import { writeAtomic } from './write.js';
import { VFile } from 'vfile';

export const SCHEMA_HELP = `用法: juesuan schema [--check]

把 templates/ 中每个模板的公开表定义生成为数据块的 JSON Schema,写入
schemas/generated/<模板>/<表>.schema.json,供编辑器校验与补全。

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
    for (const table of template.tables.values()) {
      const path = join(PACKAGE_ROOT, 'schemas', 'generated', template.name, `${table.id}.schema.json`);
      const text = JSON.stringify(tableSchema(template.name, table, template.classifications), null, 2) + '\n';
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      if (current === text) continue;
      stale++;
      if (checkOnly) out(`过期: ${relative(process.cwd(), path)}\n`);
      else {
        writeAtomic(path, text);
        out(`已写入 ${relative(process.cwd(), path)}\n`);
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
