// The `juesuan` command line: parses arguments, dispatches to a command, and turns every failure
// into a Chinese message and an exit code (0 clean, 1 problems found, 2 usage or I/O error).
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { UsageError } from './usage.js';

// Each command's module is loaded when it runs (dynamic import): `--help` loads none, `check`
// never loads the browser, PDF or spreadsheet libraries.

const HELP = `juesuan — 部门决算公开报告的文档即代码编译器

用法: juesuan <命令> [参数] [选项]

命令:
  check <报告>...     检查报告的数据与数字(--watch 保存后再查)
  fix <报告>...       改动一个数之后,依次改写须随之改动的合计(先显示)
  build <报告>...     印刷报告: PDF 与 HTML(--watch 保存后重印)
  preview <报告>      在本机浏览器中预览报告,保存后自动刷新
  diff <旧> <新>      比较两个年度或两个版本的报告
  new <部门> <年度>   由上一年度的报告生成新年度的报告
  import <工作簿>...  从 Excel 工作簿(决算软件导出)读入公开表的数据: --into <报告>
  export <报告>       把公开表导出为 Excel 工作簿: --out <文件.xlsx>
  template new|check  由已有模板开始新模板;检查模板包本身
  schema              生成各模板数据块的 JSON Schema(供编辑器使用)
  narrate <报告>      由数据生成第三部分(情况说明),以 Markdown 印出
  rules               列出所有检查规则

每个命令都有 --help;--version 显示版本。例: juesuan check reports/xunyang-digital-economy/2023
`;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;

function parse(args: string[], options: OptionSpec): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const option = /'(-[^']*)'/u.exec(e.message)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`未知的选项「${option}」;用 --help 查看可用选项`);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`选项「${option}」的取值不对;用 --help 查看用法`);
    throw new UsageError(`参数错误: ${e.message}`);
  }
}

/** juesuan's version, from its package.json. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Loads a command's module, then runs it; any failure becomes a message and exit code 2. */
function lazy<M>(load: () => Promise<M>, run: (module: M) => number | Promise<number>, err: (s: string) => void): Promise<number> {
  return load()
    .then(run)
    .catch((error: unknown) => fail(error, err));
}

/** Runs the CLI; returns the exit code (a promise for commands that print). */
export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number | Promise<number> {
  const [command, ...rest] = argv;
  const help = (text: string): number => {
    out(text);
    return 0;
  };
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        out(HELP);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        out(`juesuan ${version()}\n`);
        return 0;
      case 'check': {
        const { values, positionals } = parse(rest, {
          format: { type: 'string', default: 'human' },
          strict: { type: 'boolean', default: false },
          verbose: { type: 'boolean', default: false },
          fix: { type: 'boolean', default: false },
          write: { type: 'boolean', default: false },
          explain: { type: 'string' },
          watch: { type: 'boolean', default: false },
        });
        const format = String(values.format);
        return lazy(() => import('./check.js'), ({ CHECK_HELP, runCheck }) => {
          if (values.help) return help(CHECK_HELP);
          if (values.write && !values.fix) throw new UsageError('--write 只能与 --fix 同用');
          if (values.fix && format !== 'human') throw new UsageError(`--fix 显示的是 diff,不能与 --format ${format} 同用`);
          if (values.watch && (values.fix || values.explain !== undefined || format !== 'human')) throw new UsageError('--watch 只能用于人读的输出(不能与 --fix、--explain 或 --format json|github 同用)');
          if (positionals.length === 0) throw new UsageError(`请给出要检查的报告文件夹\n\n${CHECK_HELP}`);
          if (values.explain !== undefined) return import('./explain.js').then(({ runExplain }) => runExplain(positionals, String(values.explain), out));
          if (format !== 'human' && format !== 'json' && format !== 'github') throw new UsageError(`--format 应为 human、json 或 github,而不是「${format}」`);
          return runCheck(
            positionals,
            { format, strict: Boolean(values.strict), verbose: Boolean(values.verbose), fix: Boolean(values.fix), write: Boolean(values.write), watch: Boolean(values.watch), color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, github: process.env.GITHUB_ACTIONS === 'true' },
            out,
            err,
          );
        }, err);
      }
      case 'fix': {
        const { values, positionals } = parse(rest, { write: { type: 'boolean', default: false }, correct: { type: 'boolean', default: false } });
        return lazy(() => import('./fix.js'), ({ FIX_HELP, runFix }) => (values.help ? help(FIX_HELP) : runFix(positionals, { write: Boolean(values.write), correct: Boolean(values.correct), ask: Boolean(process.stdin.isTTY && process.stdout.isTTY) }, out)), err);
      }
      case 'schema': {
        const { values } = parse(rest, { check: { type: 'boolean', default: false } });
        return lazy(() => import('./schema.js'), ({ SCHEMA_HELP, runSchema }) => (values.help ? help(SCHEMA_HELP) : runSchema(Boolean(values.check), out, err)), err);
      }
      case 'build': {
        const { values, positionals } = parse(rest, {
          out: { type: 'string', default: 'dist' },
          force: { type: 'boolean', default: false },
          all: { type: 'boolean', default: false },
          jobs: { type: 'string', default: '2' },
          shard: { type: 'string' },
          timeout: { type: 'string', default: '180' },
          watch: { type: 'boolean', default: false },
        });
        return lazy(() => import('./build.js'), ({ BUILD_HELP, runBuild }) => {
          if (values.help) return help(BUILD_HELP);
          const jobs = Number(values.jobs);
          if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw new UsageError(`--jobs 应为 1–16 的整数,而不是「${String(values.jobs)}」`);
          const timeout = Number(values.timeout);
          if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout 应为正数(秒),而不是「${String(values.timeout)}」`);
          let shard: { index: number; count: number } | undefined;
          if (values.shard !== undefined) {
            const m = /^(\d+)\/(\d+)$/u.exec(String(values.shard));
            if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard 应写作 i/n(1 ≤ i ≤ n),如 2/4,而不是「${String(values.shard)}」`);
            shard = { index: Number(m[1]), count: Number(m[2]) };
          }
          const tty = Boolean(process.stderr.isTTY) && !process.env.CI;
          return runBuild(
            positionals,
            { out: String(values.out), force: Boolean(values.force), color: tty && !process.env.NO_COLOR, all: Boolean(values.all), jobs, ...(shard ? { shard } : {}), timeout, progress: tty && !values.watch, watch: Boolean(values.watch) },
            out,
            err,
          );
        }, err);
      }
      case 'preview': {
        const { values, positionals } = parse(rest, { port: { type: 'string', default: '4173' }, host: { type: 'string', default: '127.0.0.1' } });
        return lazy(() => import('./preview.js'), ({ PREVIEW_HELP, startPreviewCommand }) => (values.help ? help(PREVIEW_HELP) : startPreviewCommand(positionals, String(values.host), String(values.port), out)), err);
      }
      case 'diff': {
        const { values, positionals } = parse(rest, { format: { type: 'string', default: 'human' }, base: { type: 'string' }, 'max-chars': { type: 'string' }, 'full-link': { type: 'string' }, full: { type: 'string' } });
        const format = String(values.format);
        return lazy(() => import('./diff.js'), ({ DIFF_HELP, runDiff }) => {
          if (values.help) return help(DIFF_HELP);
          if (!['human', 'md', 'json'].includes(format)) throw new UsageError(`--format 应为 human、md 或 json,而不是「${format}」`);
          const maxChars = values['max-chars'] === undefined ? undefined : Number(values['max-chars']);
          if (maxChars !== undefined && (!Number.isInteger(maxChars) || maxChars < 0)) throw new UsageError(`--max-chars 应为不小于 0 的整数,而不是「${String(values['max-chars'])}」`);
          return runDiff(
            positionals,
            values.base === undefined ? undefined : String(values.base),
            {
              format,
              color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
              ...(maxChars !== undefined ? { maxChars } : {}),
              ...(values['full-link'] ? { fullLink: String(values['full-link']) } : {}),
              ...(values.full ? { full: String(values.full) } : {}),
            },
            out,
          );
        }, err);
      }
      case 'new': {
        const { values, positionals } = parse(rest, { reports: { type: 'string', default: 'reports' } });
        return lazy(() => import('./new.js'), ({ NEW_HELP, runNew }) => (values.help ? help(NEW_HELP) : runNew(positionals, String(values.reports), out)), err);
      }
      case 'template': {
        const [sub, ...args] = rest;
        const { values, positionals } = parse(args, { from: { type: 'string' }, templates: { type: 'string' } });
        return lazy(() => import('./template.js'), ({ TEMPLATE_HELP, runTemplateCheck, runTemplateNew, templatesDirFor }) => {
          if (values.help || sub === undefined || sub === '-h' || sub === '--help') {
            out(TEMPLATE_HELP);
            return sub === undefined ? 2 : 0;
          }
          const dir = templatesDirFor(values.templates === undefined ? undefined : String(values.templates));
          if (sub === 'new') {
            if (positionals.length > 1) throw new UsageError(`template new 只接受一个新模板名\n\n${TEMPLATE_HELP}`);
            return runTemplateNew(positionals[0], values.from === undefined ? undefined : String(values.from), dir, out);
          }
          if (sub === 'check') return runTemplateCheck(positionals, dir, out);
          throw new UsageError(`未知的 template 子命令「${sub}」;可用: new、check\n\n${TEMPLATE_HELP}`);
        }, err);
      }
      case 'narrate': {
        const { values, positionals } = parse(rest, { all: { type: 'boolean', default: false } });
        return lazy(() => import('./narrate.js'), ({ NARRATE_HELP, runNarrate }) => (values.help ? help(NARRATE_HELP) : runNarrate(positionals, Boolean(values.all), out, err)), err);
      }
      case 'rules': {
        const { values } = parse(rest, { format: { type: 'string', default: 'human' }, 'write-readme': { type: 'boolean', default: false } });
        return lazy(() => import('./rules.js'), ({ RULES_HELP, runRules }) => {
          if (values.help) return help(RULES_HELP);
          if (values.format !== 'human' && values.format !== 'md') throw new UsageError(`--format 应为 human 或 md,而不是「${String(values.format)}」`);
          return runRules(String(values.format), Boolean(values['write-readme']), out);
        }, err);
      }
      case 'import': {
        const { values, positionals } = parse(rest, { into: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, force: { type: 'boolean', default: false } });
        // Loaded on demand: the spreadsheet library costs `check` nothing.
        return import('./import.js')
          .then(({ IMPORT_HELP, runImport }) => {
            if (values.help) {
              out(IMPORT_HELP);
              return 0;
            }
            return runImport(positionals, { into: values.into === undefined ? '' : String(values.into), dryRun: Boolean(values['dry-run']), force: Boolean(values.force) }, out);
          })
          .catch((error: unknown) => fail(error, err));
      }
      case 'export': {
        const { values, positionals } = parse(rest, { out: { type: 'string' }, force: { type: 'boolean', default: false } });
        return import('./export.js')
          .then(({ EXPORT_HELP, runExport }) => {
            if (values.help) {
              out(EXPORT_HELP);
              return 0;
            }
            return runExport(positionals, values.out === undefined ? '' : String(values.out), Boolean(values.force), out, err);
          })
          .catch((error: unknown) => fail(error, err));
      }
      default:
        throw new UsageError(`未知的命令「${command}」\n\n${HELP}`);
    }
  } catch (error) {
    return fail(error, err);
  }
}

/** Turns any failure into a message and exit code 2 (never a stack trace, unless JUESUAN_DEBUG). */
function fail(error: unknown, err: (s: string) => void): number {
  if (error instanceof UsageError) {
    err(`juesuan: ${error.message}\n`);
    return 2;
  }
  const e = error as NodeJS.ErrnoException;
  if (e?.code && typeof e.code === 'string' && /^E[A-Z]+$/u.test(e.code)) {
    err(`juesuan: 读写失败(${e.code}): ${e.path ?? e.message}\n`);
    return 2;
  }
  err(`juesuan: 内部错误: ${e?.message ?? String(error)}\n请将此信息与输入一起报告给 juesuan 的维护者。\n`);
  if (process.env.JUESUAN_DEBUG) err(`${e?.stack ?? ''}\n`);
  return 2;
}
