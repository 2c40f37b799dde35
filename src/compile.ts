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
  const priorData = prior ? compileReport(prior, workspace).data.report : undefined;
  return compileParsed(vfile, parseReport(vfile, source), workspace, priorData);
}

/** The stages after parsing (for callers that already hold the parsed files, like the mutation test). */
export function compileParsed(vfile: VFile, parsed: ParsedReport, workspace: Workspace, prior?: ReportData): VFile {
  vfile.data.parsed = parsed;
  const frontMatter = readFrontMatter(vfile, parsed, workspace.registry);
  if (!frontMatter) return vfile;
  vfile.data.frontMatter = frontMatter;
  const { template, messages } = useTemplate(workspace, frontMatter.template);
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
  const report = readData(vfile, parsed, frontMatter, template, workspace.registry);
  vfile.data.report = report;
  // Data that could not be read would only make every sentence that names it fail again.
  const unreadable = vfile.messages.some((m) => m.fatal === true);
  // A partial data file (a previous year's figures) is read, not checked for numbers or narrated.
  if (frontMatter.partial) return vfile;
  check(vfile, report, parsed.files);
  if (!unreadable) vfile.data.narration = narrate(vfile, report, parsed.files, prior, workspace.cache);
  return vfile;
}
