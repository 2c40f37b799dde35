// The pipeline, wired in one place: parse → front matter → template → data → check. One VFile
// per report carries the diagnostics and, in vfile.data, what each stage produced.
import { VFile } from 'vfile';
import { diagnose } from './diagnostics/message.js';
import { readFrontMatter, type FrontMatter } from './data/front-matter.js';
import { readData, type ReportData } from './data/read.js';
import { parseReport, type ParsedReport, type ReportSource } from './parse/report.js';
import { suggest } from './schema/errors.js';
import { placeOfPointer } from './parse/locate.js';
import { useTemplate, type Workspace } from './workspace.js';
import { check } from './check/index.js';
import { narrate, type Narration } from './narrate/render.js';

declare module 'vfile' {
  interface DataMap {
    parsed: ParsedReport;
    frontMatter: FrontMatter;
    report: ReportData;
    narration: Narration;
  }
}

/**
 * Compiles a report through check and narrate: every problem is a message on the returned VFile.
 * `prior` is the previous year's report, when the repository has it (its figures are 上年).
 */
export function compileReport(source: ReportSource, workspace: Workspace, prior?: ReportSource): VFile {
  const vfile = new VFile({ path: source.dir });
  try {
    const priorFile = prior ? compileReport(prior, workspace) : undefined;
    const priorData = priorFile?.data.report;
    compileParsed(vfile, parseReport(vfile, source, workspace.cache), workspace, priorData);
    if (prior) {
      // The previous year's report is there: its problems are said as such, not as a missing report.
      vfile.messages = vfile.messages.filter((m) => !(m.ruleId === 'report/prior' && m.reason.startsWith('找不到上一年度')));
      // Unreadable, it leaves this report without 上年 figures (an error); read with errors, its figures may be incomplete (a warning).
      // A problem both years share (the template's own, said on this report already) is said once.
      const said = new Set(vfile.messages.map(messageKey));
      for (const m of priorFile?.messages ?? []) {
        if (m.fatal !== true || m.ruleId === 'report/prior' || said.has(messageKey(m))) continue;
        const start = m.place && 'start' in m.place ? m.place.start : m.place;
        diagnose(vfile, {
          rule: priorData ? 'report/prior-errors' : 'report/prior',
          severity: priorData ? 'warning' : 'error',
          reason: `上一年度的报告有错误,${priorData ? '上年数字可能不全' : '上年数字无法使用'}: ${m.reason}(${m.ruleId ?? ''})`,
          file: m.file ?? prior.dir,
          place: start ?? { line: 1, column: 1 },
        });
      }
    }
    return vfile;
  } catch (error) {
    // A defect of juesuan met by one report stops that report, with its folder, never the others.
    diagnose(vfile, {
      rule: 'report/crash',
      reason: `juesuan 无法处理这份报告(程序缺陷,请连同报告报给维护者): ${error instanceof Error ? error.message : String(error)}`,
      file: source.files.find((f) => f.name === 'index.md')?.path ?? source.dir,
      place: { line: 1, column: 1 },
    });
    return vfile;
  }
}

/** What makes two messages the same problem: rule, file, place and reason. */
function messageKey(m: VFile['messages'][number]): string {
  const start = m.place && 'start' in m.place ? m.place.start : m.place;
  return `${m.ruleId ?? ''}|${m.file ?? ''}|${start?.line ?? 0}:${start?.column ?? 0}|${m.reason}`;
}

/** The stages after parsing (for callers that already hold the parsed files, like the mutation test). */
export function compileParsed(vfile: VFile, parsed: ParsedReport, workspace: Workspace, prior?: ReportData): VFile {
  vfile.data.parsed = parsed;
  const frontMatter = readFrontMatter(vfile, parsed, workspace.registry);
  if (!frontMatter) return vfile;
  vfile.data.frontMatter = frontMatter;
  const { template, messages, key } = useTemplate(workspace, frontMatter.template);
  vfile.messages.push(...messages);
  if (!template) {
    if (!workspace.templates.has(frontMatter.template)) {
      const names = [...workspace.templates.keys()];
      const hint = suggest(frontMatter.template, names);
      const index = parsed.index!;
      diagnose(vfile, {
        rule: 'report/unknown-template',
        reason: `未知的模板「${frontMatter.template}」` + (hint ? `,是否为「${hint}」?` : `;可用的模板: ${names.join('、') || '(无)'}`),
        file: index.file.path,
        place: placeOfPointer(index.file, index.frontMatter!, '/template'),
      });
    }
    return vfile;
  }
  if (template.manifest.year !== frontMatter.year) {
    const index = parsed.index!;
    diagnose(vfile, {
      rule: 'report/template-year',
      reason: `报告年度 ${frontMatter.year} 与模板 ${template.name} 的年度 ${template.manifest.year} 不同;请确认表样与科目未变`,
      file: index.file.path,
      place: placeOfPointer(index.file, index.frontMatter!, '/year'),
      severity: 'info',
    });
  }
  const typed = workspace.cache && key ? { cache: workspace.cache, templateKey: key } : undefined;
  const report = readData(vfile, parsed, frontMatter, template, workspace.registry, typed);
  vfile.data.report = report;
  // A partial data file (a previous year's figures) is read, not checked for numbers or narrated.
  if (frontMatter.partial) return vfile;
  check(vfile, report, parsed.files, prior);
  // The 情况说明 compares with the previous year: without its report (or the pack's 上年 block in this
  // one) there is nothing to compare with, and one error says where the figures go.
  const priorBlock = template.manifest.narrative?.priorBlock;
  const needsPrior = Object.keys(template.manifest.narrative?.prior ?? {}).length > 0 && !prior && !(priorBlock && report.byKind.has(priorBlock));
  if (needsPrior) {
    const index = parsed.index!;
    diagnose(vfile, {
      rule: 'report/prior',
      reason: `找不到上一年度(${frontMatter.year - 1})的报告(应在与本报告同级的 ${frontMatter.year - 1}/index.md);情况说明中的上年数字来自它,可只写上年数字(partial: "true")`,
      file: index.file.path,
      place: placeOfPointer(index.file, index.frontMatter!, '/year'),
    });
    return vfile;
  }
  // Errors stop only what they must: the report is narrated whatever the checks found, and only a
  // sentence that names a value that cannot be read fails (narrate/missing-value at that sentence).
  vfile.data.narration = narrate(vfile, report, parsed.files, prior, workspace.cache);
  return vfile;
}
