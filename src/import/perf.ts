// The 绩效 forms (项目支出绩效自评表, 部门整体支出绩效自评表, 项目绩效自评导出表) from their Excel
// sheets, one form per project (a sheet each, or several stacked): found by the layout's title,
// matched to the report's block by 项目名称, each field located as the template's layout prints it
// (import/form.ts), indicators matched by their 三级指标 — and written into the block's values.
import type { VFile } from 'vfile';
import { parse, stringify } from 'yaml';
import type { Unit } from '../amount/amount.js';
import { fixed } from '../amount/format.js';
import type { Block } from '../data/read.js';
import { child, textOf, type DataNode } from '../data/tree.js';
import { diagnose } from '../diagnostics/message.js';
import type { TextEdit } from '../edit/edits.js';
import { documentOf, escapePointer } from '../parse/yaml-index.js';
import type { DataBlock, ParsedFile } from '../parse/markdown.js';
import { indicatorRows } from '../perf/indicators.js';
import { suggest } from '../schema/errors.js';
import type { Template } from '../template/types.js';
import { readCell } from './cell-value.js';
import { problem } from './context.js';
import { amountText, sameAmount, type Origins } from './desired.js';
import { formShapes, type FormShape, type Locator } from './form.js';
import { loose, norm } from './normalize.js';
import { address, cellAt, mergeAt, type Sheet, type WorkCell, type Workbook } from './workbook.js';
import { reconcile, type Desired } from './yaml-edits.js';

export interface ImportedForm {
  kind: string;
  name: string | undefined;
  file: string;
  sheet: Sheet;
  cell: string;
  /** The block's fence node in the parsed file. */
  node: DataBlock['node'];
  origins: Origins;
}

interface Instance {
  shape: FormShape;
  sheet: Sheet;
  from: number;
  to: number;
  title: [number, number];
}

/** Every form instance in the workbooks: a title cell, and the rows to the next title. */
function instances(books: Workbook[], shapes: FormShape[]): Instance[] {
  const out: Instance[] = [];
  for (const book of books) {
    for (const sheet of book.sheets) {
      const found: { shape: FormShape; r: number; c: number }[] = [];
      for (const [key, cell] of sheet.cells) {
        if (cell.number !== undefined) continue;
        const t = norm(cell.text);
        const shape = shapes.filter((s) => t.endsWith(norm(s.title)) && t.length - norm(s.title).length <= 40).sort((a, b) => b.title.length - a.title.length)[0];
        if (!shape) continue;
        const [r, c] = key.split(',').map(Number) as [number, number];
        found.push({ shape, r, c });
      }
      found.sort((a, b) => a.r - b.r);
      found.forEach((f, i) => out.push({ shape: f.shape, sheet, from: f.r, to: found[i + 1]?.r ?? sheet.rows, title: [f.r, f.c] }));
    }
  }
  return out;
}

function same(a: string, b: string): boolean {
  return a === b || loose(a) === loose(b) || (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a)));
}

/** The cells of a region whose text is a label (exact first, then a prefix either way). */
function findCells(inst: Instance, label: string): [number, number][] {
  const want = norm(label);
  const exact: [number, number][] = [];
  const near: [number, number][] = [];
  for (let r = inst.from; r < inst.to; r++) {
    for (let c = 0; c < inst.sheet.cols; c++) {
      const cell = cellAt(inst.sheet, r, c);
      if (!cell || cell.number !== undefined) continue;
      const t = norm(cell.text);
      if (t === want) exact.push([r, c]);
      else if (t && same(t, want)) near.push([r, c]);
    }
  }
  return exact.length ? exact : near;
}

/** Where a located field's value is in the sheet. */
function place(inst: Instance, loc: Locator): [number, number] | undefined {
  const heads = findCells(inst, loc.head);
  if (loc.kind === 'after') {
    const h = heads[0];
    if (!h) return undefined;
    const m = mergeAt(inst.sheet, h[0], h[1]);
    return [h[0], (m?.right ?? h[1]) + 1];
  }
  if (loc.kind === 'below') {
    const h = heads[0];
    if (!h) return undefined;
    const m = mergeAt(inst.sheet, h[0], h[1]);
    return [(m?.bottom ?? h[0]) + 1, h[1]];
  }
  const row = findCells(inst, loc.row)[0];
  if (!row) return undefined;
  // The head nearest above the labelled row.
  const head = heads.filter(([r]) => r < row[0]).sort((a, b) => b[0] - a[0])[0];
  return head ? [row[0], head[1]] : undefined;
}

function nodeAt(root: DataNode, path: string[]): DataNode | undefined {
  let node: DataNode | undefined = root;
  for (const k of path) node = child(node, k);
  return node;
}

/** A field's text for the block, by the kind of value the block holds there. */
function fieldText(vfile: VFile, inst: Instance, r: number, c: number, node: DataNode | undefined, unit: Unit): string | null | undefined {
  const cell: WorkCell | undefined = cellAt(inst.sheet, r, c);
  const kind = node?.kind;
  if (kind === 'amount' || kind === 'score' || kind === 'count') {
    const read = readCell(cell, kind, unit);
    if (!read.ok) {
      problem(vfile, inst.sheet, r, c, read.rule, `${inst.shape.title}: ${read.reason}`);
      return undefined;
    }
    if (read.value === null) return null;
    if (kind === 'amount') {
      const t = amountText({ value: read.value, decimals: read.decimals, stated: read.stated, cell: '' }, unit, unit, 0);
      return 'text' in t ? t.text : undefined;
    }
    return read.stated ? fixed(read.value, read.decimals) : read.value.toString();
  }
  const text = (cell?.text ?? '').replace(/\s*\n\s*/gu, '').trim();
  // A text the report writes with helpers ({{数 资金.执行数}}) keeps its wording.
  const written = textOf(node) ?? '';
  if (written.includes('{{')) return undefined;
  if (text === '') return null;
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

function setPath(root: Desired & { kind: 'map' }, path: string[], leaf: Desired): void {
  let map = root;
  path.forEach((k, i) => {
    let entry = map.entries.find(([key]) => key === k);
    if (i === path.length - 1) {
      if (!entry) map.entries.push([k, leaf]);
      return;
    }
    if (!entry) {
      entry = [k, { kind: 'map', entries: [] }];
      map.entries.push(entry);
    }
    map = entry[1] as Desired & { kind: 'map' };
  });
}

/** Reads one form into its block: the edits, and where each value came from. */
function readInstance(vfile: VFile, inst: Instance, block: Block, raw: DataBlock, unit: Unit): { edits: TextEdit[]; origins: Origins } {
  const desired: Desired & { kind: 'map' } = { kind: 'map', entries: [] };
  const origins: Origins = new Map();
  const done = new Set<string>();
  for (const loc of inst.shape.locators) {
    if (done.has(loc.path)) continue;
    const at = place(inst, loc);
    if (!at) continue;
    const path = loc.path.split('.');
    const node = nodeAt(block.root, path);
    if (!node) continue; // not a field of this block (a derived figure, another block's)
    done.add(loc.path);
    const text = fieldText(vfile, inst, at[0], at[1], node, unit);
    if (text === undefined) continue;
    setPath(desired, path, { kind: 'leaf', text });
    origins.set(`/${path.map(escapePointer).join('/')}`, address(inst.sheet, at[0], at[1]));
  }
  const ind = inst.shape.indicators;
  if (ind) {
    // The indicator header: the row holding most of its heads.
    let best = { row: -1, cols: [] as (number | undefined)[] };
    for (let r = inst.from; r < inst.to; r++) {
      const cols = ind.map((h) => {
        if (!h.head) return undefined;
        for (let c = 0; c < inst.sheet.cols; c++) {
          const t = norm(cellAt(inst.sheet, r, c)?.text ?? '');
          if (t && (t === norm(h.head) || same(t, norm(h.head)))) return c;
        }
        return undefined;
      });
      if (cols.filter((c) => c !== undefined).length > best.cols.filter((c) => c !== undefined).length) best = { row: r, cols };
    }
    const nameAt = ind.findIndex((h) => h.field === '三级指标');
    if (best.row >= 0 && nameAt >= 0 && best.cols[nameAt] !== undefined) {
      const rows = indicatorRows(block.root);
      const byName = new Map(rows.map((x) => [loose(x.name), x]));
      const groups = new Map<string, Map<string, [string, Desired & { kind: 'map' }][]>>();
      const seen = new Set<string>();
      const stops = new Set(inst.shape.stops.map(loose));
      for (let r = best.row + 1; r < inst.to; r++) {
        const texts = Array.from({ length: inst.sheet.cols }, (_, c) => loose(cellAt(inst.sheet, r, c)?.text ?? ''));
        if (texts.some((t) => t && stops.has(t))) break;
        const nameCol = best.cols[nameAt]!;
        const name = (cellAt(inst.sheet, r, nameCol)?.text ?? '').trim();
        if (!name) continue;
        const row = byName.get(loose(name));
        if (!row) {
          const hint = suggest(name, rows.map((x) => x.name));
          problem(vfile, inst.sheet, r, nameCol, 'import/unknown-indicator', `${inst.shape.title}「${block.name ?? block.kind}」: 报告中没有三级指标「${name}」` + (hint ? `;是否为「${hint}」?` : ';请先在数据块中加入该指标(juesuan new 保留上年的指标)'));
          continue;
        }
        seen.add(row.name);
        const item: Desired & { kind: 'map' } = { kind: 'map', entries: [] };
        const index = rows.indexOf(row);
        ind.forEach((h, i) => {
          const c = best.cols[i];
          if (!h.field || h.field === '三级指标' || c === undefined) return;
          const text = fieldText(vfile, inst, r, c, child(row.node, h.field), unit);
          if (text === undefined) return;
          item.entries.push([h.field, { kind: 'leaf', text }]);
          origins.set(`/指标/${escapePointer(row.level1)}/${escapePointer(row.level2)}/${rows.filter((x, j) => j < index && x.level1 === row.level1 && x.level2 === row.level2).length}/${escapePointer(h.field)}`, address(inst.sheet, r, c));
        });
        const l1 = groups.get(row.level1) ?? new Map();
        l1.set(row.level2, [...(l1.get(row.level2) ?? []), [row.name, item]]);
        groups.set(row.level1, l1);
      }
      const missing = rows.filter((x) => !seen.has(x.name)).map((x) => x.name);
      if (missing.length) problem(vfile, inst.sheet, best.row, best.cols[nameAt]!, 'import/missing-indicator', `${inst.shape.title}「${block.name ?? block.kind}」: 表中没有报告的三级指标 ${missing.map((m) => `「${m}」`).join('')},其值未改`, 'warning');
      desired.entries.push(['指标', { kind: 'map', entries: [...groups].map(([l1, l2s]) => [l1, { kind: 'map', entries: [...l2s].map(([l2, items]) => [l2, { kind: 'list', key: '三级指标', items }]) }]) }]);
    }
  }
  const result = reconcile({ path: raw.file.path, text: raw.file.text, offset: raw.offset, contents: documentOf(raw.yaml).contents }, desired, (a, b) => {
    if (a === b || sameAmount(unit)(a, b)) return true;
    try {
      return a === String(parse(b));
    } catch {
      return false;
    }
  });
  for (const c of result.conflicts) diagnose(vfile, { rule: 'import/conflict', reason: `数据块「${block.kind}」中「${c.path.join(' › ')}」的写法与版式不同,未改写`, file: raw.file.path });
  return { edits: result.edits, origins };
}

/** Imports every 绩效 form found in the workbooks into the report's blocks. */
export function importForms(vfile: VFile, books: Workbook[], blocks: readonly Block[], files: readonly ParsedFile[], template: Template, unit: Unit): { edits: TextEdit[]; forms: ImportedForm[] } {
  const kinds = [...new Set(blocks.map((b) => b.kind))].filter((k) => !template.tables.has(k));
  const shapes = formShapes(template, kinds).filter((s) => s.indicators);
  const edits: TextEdit[] = [];
  const forms: ImportedForm[] = [];
  const naming = template.manifest.blocks.repeatable ?? {};
  const done = new Set<Block>();
  for (const inst of instances(books, shapes)) {
    const field = naming[inst.shape.kind];
    const candidates = blocks.filter((b) => b.kind === inst.shape.kind);
    let block: Block | undefined;
    const title = address(inst.sheet, inst.title[0], inst.title[1]);
    if (field) {
      const loc = inst.shape.locators.find((l) => l.path === field);
      const at = loc ? place(inst, loc) : undefined;
      const name = at ? (cellAt(inst.sheet, at[0], at[1])?.text ?? '').trim() : '';
      block = candidates.find((b) => b.name && loose(b.name) === loose(name));
      if (!block) {
        const hint = suggest(name, candidates.map((b) => b.name ?? ''));
        diagnose(vfile, {
          rule: 'import/unknown-project',
          reason: `${inst.shape.title}: 报告中没有项目「${name || '(无名称)'}」的「${inst.shape.kind}」数据块` + (hint ? `;是否为「${hint}」?` : ''),
          file: inst.sheet.file,
          cell: at ? address(inst.sheet, at[0], at[1]) : title,
        });
        continue;
      }
    } else block = candidates[0];
    if (!block) continue;
    if (done.has(block)) {
      diagnose(vfile, { rule: 'import/duplicate-table', reason: `${inst.shape.title}「${block.name ?? block.kind}」在工作簿中出现了两次,此处未导入`, file: inst.sheet.file, cell: title });
      continue;
    }
    done.add(block);
    const raw = files.flatMap((f) => f.blocks).find((b) => b.node === block.node);
    if (!raw) continue;
    const { edits: e, origins } = readInstance(vfile, inst, block, raw, unit);
    edits.push(...e);
    forms.push({ kind: block.kind, name: block.name, file: raw.file.path, sheet: inst.sheet, cell: title, node: raw.node, origins });
  }
  return { edits, forms };
}
