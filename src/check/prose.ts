// 文表一致: numbers typed in prose. Each paragraph is folded and tokenised once; each number is
// resolved to the figure its sentence names (the template's prose.yaml vocabulary: names, aspects,
// 比上年/占/完成年初预算的 phrases, direction words) and judged at its own precision (prose/verdicts).
// Also: an enumeration naming an item twice, a glossary term defined twice or copied.
// `<!-- juesuan-ignore <rule> -->` before a paragraph (`# juesuan-ignore <rule>` in YAML) silences a rule there.
import type { VFile } from 'vfile';
import type { ReportData } from '../data/read.js';
import type { TextEdit } from '../edit/edits.js';
import type { ParsedFile } from '../parse/markdown.js';
import { diagnose } from '../diagnostics/message.js';
import { packPlace } from '../expr/pack-place.js';
import { Figures } from './prose/figures.js';
import { duplicateItems, glossary, listItems, residue, unpairedQuotes } from './prose/lists.js';
import { fold } from './prose/normalize.js';
import { resolveTokens } from './prose/resolve.js';
import { blockSpans, markdownSpans } from './prose/spans.js';
import { chooseReadings } from './prose/names.js';
import { tokenize, type Ambiguous } from './prose/tokens.js';
import { judge, staleDates } from './prose/verdicts.js';
import { buildVocabulary } from './prose/vocabulary.js';

declare module 'vfile' {
  interface DataMap {
    /** Edits that write agreeing typed numbers as helpers (juesuan check --fix). */
    proseFixes: TextEdit[];
  }
}

/** Runs the prose rules over every file of the report; `prior` is the previous year's report. */
export function runProseRules(vfile: VFile, report: ReportData, files: ParsedFile[], prior?: ReportData): void {
  const prose = report.template.prose;
  const fixes: TextEdit[] = [];
  vfile.data.proseFixes = fixes;
  const file = `templates/${report.template.name}/prose.yaml`;
  const text = report.template.files.get('prose.yaml') ?? '';
  const vocabulary = prose
    ? buildVocabulary(report, report.template, prose, (problem) =>
        diagnose(vfile, {
          rule: 'template/invalid',
          reason: `prose.yaml 第 ${problem.term + 1} 个名称的「${problem.key}」表达式有误: ${problem.message}`,
          file,
          place: packPlace(text, `/terms/${problem.term}/${problem.key}`, problem.offset),
        }),
      )
    : undefined;
  const spans = [...files.flatMap(markdownSpans), ...(vocabulary ? blockSpans(report, vocabulary.texts) : [])];
  let figures: Figures | undefined;
  for (const span of spans) {
    if (!vocabulary) continue;
    const folded = fold(span.text);
    const ambiguous: Ambiguous[] = [];
    let tokens = tokenize(folded, vocabulary, { ambiguous });
    if (ambiguous.length) {
      const chosen = chooseReadings(ambiguous, tokens, (figures ??= new Figures(report, prior)));
      if (chosen.size) tokens = tokenize(folded, vocabulary, { chosen });
    }
    const claims = resolveTokens(tokens, folded.chars, vocabulary.to);
    if (claims.length) {
      figures ??= new Figures(report, prior);
      judge({ vfile, span, folded, claims, figures, vocabulary, fixes });
    }
    staleDates({ vfile, span, folded, vocabulary });
    if (!span.ignored.has('prose/duplicate-item')) duplicateItems(vfile, span, folded, tokens);
    if (!span.ignored.has('prose/residue')) residue(vfile, span, folded, vocabulary);
    if (vocabulary.lists.length && !span.ignored.has('prose/list-item')) listItems(vfile, span, folded, tokens, vocabulary, () => (figures ??= new Figures(report, prior)));
    if (!span.ignored.has('prose/unpaired-quote')) unpairedQuotes(vfile, span);
  }
  glossary(vfile, files);
}
