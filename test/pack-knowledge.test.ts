// A jurisdiction's knowledge lives in its template pack: no table id, table title, block kind or
// fixed row label of any pack appears in src/**/*.ts as code — only in comments and in the text of
// messages. The files that still hold such knowledge are listed below, each with the stream that
// moves it into the pack; the list may only shrink (an entry whose file no longer needs it fails,
// so that it is removed) and is empty at the end.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/report.js';
import { helpers } from '../src/narrate/helpers.js';

const ALLOWED: Record<string, string> = {
  // stream `print`: the 绩效 table layouts and the table captions move into the pack.
  'src/render/document.ts': 'print',
  'src/render/perf.ts': 'print',
  // stream `prose`: the 原因 block's texts are not checked as prose.
  'src/check/prose.ts': 'prose',
  // stream `review`: the diff's reading of the 上年 block.
  'src/diff/facts.ts': 'review',
  'src/diff/next-year.ts': 'review',
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
        sections: { rows?: { key?: string; label?: string }[] }[];
      };
      terms.add(table.id);
      terms.add(table.title);
      for (const section of table.sections) for (const row of section.rows ?? []) for (const t of [row.key, row.label]) if (t) terms.add(t);
    }
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
    for (const term of ['公开01', '收入支出决算总表', '项目绩效', '上年', '一般公共预算财政拨款收入']) expect(terms.has(term), term).toBe(true);
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
