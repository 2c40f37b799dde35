// A jurisdiction's knowledge lives in its template pack: no table id, table title, block kind,
// fixed row label or column header of any pack (公开 tables and layouts) appears in src/**/*.ts as
// code — only in comments and in the text of messages. The files that still hold such knowledge are listed below, each with the stream that
// moves it into the pack; the list may only shrink (an entry whose file no longer needs it fails,
// so that it is removed) and is empty at the end.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/report.js';
import { helpers } from '../src/narrate/helpers.js';

const ALLOWED: Record<string, string> = {
  // stream `rules`: the name of the 部门整体 自评表 in a 绩效 message (built outside the diagnose call).
  'src/check/perf.ts': 'rules',
  // stream `review`: the diff's reading of the 上年 block.
  'src/diff/next-year.ts': 'review',
  // stream `import`: the 栏次/行次 rows and the 项目/科目名称 headers, until import reads the pack's print words.
  'src/export/layout.ts': 'import',
  'src/import/table.ts': 'import',
  'src/import/vocabulary.ts': 'import',
};

/** Every term of every pack: table ids and titles, block kinds, fixed row labels and keys. */
function packTerms(): Set<string> {
  const terms = new Set<string>();
  const packs = join(ROOT, 'templates');
  for (const name of readdirSync(packs)) {
    const manifest = parse(readFileSync(join(packs, name, 'template.yaml'), 'utf8')) as {
      tables: string[];
      blocks: { required: string[]; optional?: string[] };
    };
    for (const kind of [...manifest.blocks.required, ...(manifest.blocks.optional ?? [])]) terms.add(kind);
    for (const path of manifest.tables) {
      const table = parse(readFileSync(join(packs, name, path), 'utf8')) as {
        id: string;
        title: string;
        transpose?: { header?: string };
        sections: { rows?: { key?: string; label?: string }[]; columns?: { label?: string; group?: string }[]; itemHeader?: string; codeHeader?: string; headerGroup?: string }[];
      };
      terms.add(table.id);
      terms.add(table.title);
      if (table.transpose?.header) terms.add(table.transpose.header);
      for (const section of table.sections) {
        for (const row of section.rows ?? []) for (const t of [row.key, row.label]) if (t) terms.add(t);
        for (const column of section.columns ?? []) for (const t of [column.label, column.group]) if (t) terms.add(t);
        for (const t of [section.itemHeader, section.codeHeader, section.headerGroup]) if (t) terms.add(t);
      }
    }
    // The 绩效 and 附件 layouts: their ids, titles and the headers and texts their cells print
    // (a header that is also a field name of the pack's blocks is a data key, which machinery may name).
    const fields = new Set<string>(Object.values((manifest as { performance?: { fields?: Record<string, string> } }).performance?.fields ?? {}));
    const blocks = join(packs, name, 'blocks');
    for (const file of existsSync(blocks) ? readdirSync(blocks) : []) {
      JSON.stringify(parse(readFileSync(join(blocks, file), 'utf8')), (key, value: unknown) => {
        if (key === 'properties' && value && typeof value === 'object') for (const k of Object.keys(value)) fields.add(k);
        return value;
      });
    }
    const layouts = join(packs, name, 'layouts');
    for (const file of existsSync(layouts) ? readdirSync(layouts).filter((f) => f.endsWith('.yaml')) : []) {
      const layout = parse(readFileSync(join(layouts, file), 'utf8')) as { id: string; title?: string; rows: unknown[] };
      terms.add(layout.id);
      if (layout.title && !layout.title.includes('{{')) terms.add(layout.title);
      JSON.stringify(layout.rows, (key, value: unknown) => {
        if ((key === 'head' || key === 'text') && typeof value === 'string' && value.trim() && !fields.has(value)) terms.add(value);
        return value;
      });
    }
    // The words the tables print around their cells (行次, 栏次, 项目).
    const tablesPrint = (manifest as { print?: { tables?: { lanci?: { row: string; column: string }; itemRow?: string } } }).print?.tables;
    for (const t of [tablesPrint?.lanci?.row, tablesPrint?.lanci?.column, tablesPrint?.itemRow]) if (t) terms.add(t);
  }
  return terms;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Calls and properties whose strings are text for people (messages, labels, help), not code. */
const MESSAGE_CALLS = new Set(['diagnose', 'NarrateError', 'PhraseError', 'Error', 'UsageError', 'out', 'err', 'fail', 'warn', 'text', 'cell', 'el']);
const MESSAGE_PROPERTIES = new Set(['reason', 'message', 'description', 'label', 'note', 'title', 'expected', 'actual']);

function isMessage(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isPropertyAssignment(at) && MESSAGE_PROPERTIES.has(at.name.getText())) return true;
    if ((ts.isCallExpression(at) || ts.isNewExpression(at)) && MESSAGE_CALLS.has(at.expression.getText().split('.').pop()!)) return true;
    if (ts.isVariableDeclaration(at) && /HELP$/u.test(at.name.getText())) return true;
  }
  return false;
}

/** The strings of a file used as code, with the terms they name: a whole string, or a segment of a dotted path. */
function knowledgeIn(file: string, terms: Set<string>): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const text = node.text;
      const segments = text.split('.').map((s) => s.replace(/^\[|\]$/gu, ''));
      const hit = segments.find((s) => terms.has(s));
      if (hit && !isMessage(node)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${relative(ROOT, file)}:${line + 1} ${JSON.stringify(text)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The names of juesuan's own helpers: a helper named like a printed row (合计) is machinery, not a pack's term. */
const HELPER_NAMES = new Set(Object.keys(helpers({ warn: () => undefined, names: {}, basis: 'held' } as unknown as Parameters<typeof helpers>[0])));

describe('a jurisdiction\'s knowledge is in its pack', () => {
  const terms = new Set([...packTerms()].filter((t) => !HELPER_NAMES.has(t)));
  const files = sources(join(ROOT, 'src'));
  const found = new Map(files.map((f) => [relative(ROOT, f), knowledgeIn(f, terms)] as const));

  it('collects the packs\' terms', () => {
    for (const term of ['公开01', '收入支出决算总表', '项目绩效', '上年', '一般公共预算财政拨款收入', '项目支出绩效自评表', '绩效指标', '行次', '栏次', '财政拨款“三公”经费']) expect(terms.has(term), term).toBe(true);
  });

  it('finds none in src outside the allowlist', () => {
    const outside = [...found].filter(([file, hits]) => hits.length && !(file in ALLOWED)).flatMap(([, hits]) => hits);
    expect(outside).toEqual([]);
  });

  it('has an allowlist that only shrinks: every entry still needs its place', () => {
    const stale = Object.keys(ALLOWED).filter((file) => !(found.get(file)?.length));
    expect(stale, 'these files no longer hold pack knowledge: remove them from ALLOWED').toEqual([]);
  });
});
