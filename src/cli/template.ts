// `juesuan template new <name> --from <template>` starts a template pack as a renamed copy of another;
// `juesuan template check <name>…` validates packs by themselves (schemas, references, partials, fonts).
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { formatHuman } from '../diagnostics/format.js';
import { helpers } from '../narrate/helpers.js';
import { wordingOf } from '../narrate/wording.js';
import { lintTemplate } from '../template/lint.js';
import { loadFonts } from '../print/fonts.js';
import { createWorkspace, useTemplate } from '../workspace.js';
import { loadSchemas, loadTemplates, templatesFor, UsageError } from './load.js';
import { writeAtomic } from './write.js';

export const TEMPLATE_HELP = `用法: juesuan template new <新模板名> --from <模板名> [--templates 目录]
      juesuan template check <模板名>... [--templates 目录]

new    复制一个模板包作为新模板的起点(改名为 <新模板名>),列出写入的文件。
check  检查模板包本身: 定义是否符合其 Schema、规则与说明片段引用的行/栏/科目是否存在、
       说明片段能否编译、所用字符是否都在印刷字体中。有错误时以 1 退出。

选项:
  --from 模板名     new: 从哪个模板复制
  --templates 目录  模板所在目录(默认: 当前目录向上最近的 templates/,否则 juesuan 自带的)
  -h, --help        显示此帮助
`;

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/u;

/** `template new`: copies templates/<from>/ to templates/<name>/, with the manifest's name changed. */
export function runTemplateNew(name: string | undefined, from: string | undefined, templatesDir: string, out: (s: string) => void): number {
  if (!name) throw new UsageError(`请给出新模板的名称\n\n${TEMPLATE_HELP}`);
  if (!NAME.test(name)) throw new UsageError(`模板名「${name}」只能由小写字母、数字和连字符组成,如 shanghai-district-2026`);
  if (!from) throw new UsageError(`请用 --from 给出要复制的模板\n\n${TEMPLATE_HELP}`);
  const sources = loadTemplates(templatesDir, relative(process.cwd(), templatesDir) || '.');
  const source = sources.find((s) => s.name === from);
  if (!source) throw new UsageError(`没有模板「${from}」;${relative(process.cwd(), templatesDir) || '.'} 中有: ${sources.map((s) => s.name).join('、') || '(无)'}`);
  const target = join(templatesDir, name);
  if (existsSync(target)) throw new UsageError(`模板「${name}」已存在(${relative(process.cwd(), target)});请换一个名称`);
  const manifest = source.files.get('template.yaml') ?? '';
  if (!/^name:\s*\S+\s*$/mu.test(manifest)) throw new UsageError(`模板「${from}」的 template.yaml 没有 name 行,无法改名`);
  for (const [path, text] of source.files) {
    const content = path === 'template.yaml' ? text.replace(/^name:\s*\S+\s*$/mu, `name: ${name}`) : text;
    writeAtomic(join(target, path), content);
    out(`已写入 ${relative(process.cwd(), join(target, path))}\n`);
  }
  out(`模板「${name}」已由「${from}」复制。下一步: 改写 template.yaml 的 title/jurisdiction/year,按已公开的报告改写 tables/ 与 classifications/,再运行 juesuan template check ${name} 与 juesuan schema。\n`);
  return 0;
}

/** `template check`: loads each pack and lints it; prints the diagnostics as `check` does. */
export function runTemplateCheck(names: string[], templatesDir: string, out: (s: string) => void): number {
  if (names.length === 0) throw new UsageError(`请给出要检查的模板名\n\n${TEMPLATE_HELP}`);
  const display = relative(process.cwd(), templatesDir) || '.';
  const sources = loadTemplates(templatesDir, display);
  const workspace = createWorkspace(loadSchemas(), sources);
  const fonts = loadFonts();
  const files: VFile[] = [];
  for (const name of names) {
    const source = sources.find((s) => s.name === name);
    if (!source) throw new UsageError(`没有模板「${name}」;${display} 中有: ${sources.map((s) => s.name).join('、') || '(无)'}`);
    const vfile = new VFile({ path: source.dir });
    const { template, messages } = useTemplate(workspace, name);
    vfile.messages.push(...messages);
    const helperNames = template ? Object.keys(helpers({ warn: () => undefined, names: {}, basis: 'held', wording: wordingOf(template.manifest) })) : [];
    if (template) lintTemplate(vfile, template, source, { covers: (c) => fonts.covers(c), helpers: helperNames });
    files.push(vfile);
  }
  const problems = files.flatMap((f) => f.messages).filter((m) => m.fatal === true);
  const warnings = files.flatMap((f) => f.messages).filter((m) => m.fatal === false);
  // formatHuman counts its files as 报告; here each file is a template.
  if (problems.length || warnings.length) out(formatHuman(files).replace(/(\d+) 份报告/u, '$1 个模板'));
  else out(`✔ ${names.length} 个模板检查通过,没有发现问题\n`);
  return problems.length ? 1 : 0;
}

/** The templates/ directory the command works on. */
export function templatesDirFor(option: string | undefined): string {
  return option === undefined ? templatesFor(process.cwd()) : resolve(option);
}
