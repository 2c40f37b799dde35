// One table's region of a sheet → its cells, through the table's definition: the header's
// columns matched to the definition's by label (through merged multi-row headers, 栏次 checked),
// rows matched by 科目编码 (one column, or split into 类/款/项) or by label (行次 checked), each
// value read as a Decimal. Whatever cannot be placed is a diagnostic at its cell.
import type { VFile } from 'vfile';
import type { Unit } from '../amount/amount.js';
import { suggest } from '../schema/errors.js';
import { rowKey, rowLabel, type Classification, type ColumnDef, type RowDef, type SectionDef, type TableDef, type Template } from '../template/types.js';
import { isBlankText, readCell, type ValueKind } from './cell-value.js';
import { problem, type ImportedRow, type ImportedSection, type ImportedTable, type ImportedValue } from './context.js';
import { findHeader, type Header } from './header.js';
import type { Region } from './locate.js';
import { loose, norm } from './normalize.js';
import { COLUMN_NUMBERS, NOTE_LINE, ROW_NUMBERS, UNIT_LINE } from './vocabulary.js';
import { address, cellAt, columnName, mergeAt, type Sheet } from './workbook.js';

interface Ctx {
  vfile: VFile;
  sheet: Sheet;
  table: TableDef;
  template: Template;
  unit: Unit;
  header: Header;
  /** Rows of data: [from, to). */
  from: number;
  to: number;
  /** Columns taken by a matched column, label, code or 行次 (the rest must hold no values). */
  used: Set<number>;
  /** --force: import rows with codes the template does not know, by the sheet's names. */
  force: boolean;
}

/** Optional definition fields other templates use (a spanning header over code and name). */
type SectionExtras = SectionDef & { headerGroup?: string };

function labelOf(column: ColumnDef): string {
  return column.label ?? column.key;
}

/** Every header word of a table, normalised: what tells its header rows from its data. */
function headerWords(table: TableDef, template: Template): Set<string> {
  const words = new Set<string>([COLUMN_NUMBERS, ROW_NUMBERS]);
  for (const s of table.sections as SectionExtras[]) {
    for (const w of [s.label, s.key, s.itemHeader, s.codeHeader, s.headerGroup]) if (w) words.add(norm(w));
    for (const c of s.columns) {
      words.add(norm(labelOf(c)));
      if (c.group) words.add(norm(c.group));
    }
    const cls = s.classification ? template.classifications.get(s.classification) : undefined;
    for (const level of cls?.levels ?? []) words.add(norm(level));
  }
  for (const p of table.panels ?? []) words.add(norm(p.label));
  return words;
}

function unitOf(vfile: VFile, sheet: Sheet, region: Region, headerTop: number): Unit {
  for (let r = region.from; r <= headerTop; r++) {
    for (let c = 0; c < sheet.cols; c++) {
      const m = UNIT_LINE.exec((cellAt(sheet, r, c)?.text ?? '').normalize('NFKC'));
      if (m) return m[1] as Unit;
    }
  }
  const fallback: Unit = region.table.unit === '元' ? '元' : '万元';
  const amounts = region.table.sections.some((s) => (s.rows ?? [{}]).some((row) => row.type !== 'count'));
  if (amounts) problem(vfile, sheet, region.row, region.col, 'import/unit', `${region.table.id}: 表头中没有「金额单位」行,按表定义的单位「${fallback}」读取;请核对`, 'warning');
  return fallback;
}

/** The columns (within `span`) whose header path satisfies `test`. */
function columnsWhere(header: Header, span: number[], test: (path: string[], c: number) => boolean): number[] {
  return span.filter((c) => test(header.paths[c] ?? [], c));
}

function lastIs(path: string[], word: string): boolean {
  return path.length > 0 && (path[path.length - 1] === word || loose(path[path.length - 1]!) === loose(word));
}

/** The sheet column of each of a section's value columns; unmatched ones are reported. */
function matchColumns(ctx: Ctx, section: SectionDef, span: number[]): Map<string, number> {
  const { header } = ctx;
  const out = new Map<string, number>();
  const taken = new Set<number>();
  for (const column of section.columns) {
    const label = norm(labelOf(column));
    let candidates = columnsWhere(header, span, (path) => lastIs(path, label) && (!column.group || path.includes(norm(column.group))));
    if (candidates.length === 0) candidates = columnsWhere(header, span, (path) => path.includes(label) && (!column.group || path.includes(norm(column.group))));
    candidates = candidates.filter((c) => !taken.has(c));
    if (candidates.length > 1 && column.栏次 !== undefined) {
      const numbered = candidates.filter((c) => header.numbers[c] === column.栏次);
      if (numbered.length) candidates = numbered;
    }
    let c = candidates[0];
    if (c === undefined && column.栏次 !== undefined) {
      c = span.find((x) => header.numbers[x] === column.栏次 && !taken.has(x) && (header.paths[x] ?? []).length === 0);
    }
    if (c === undefined) {
      const labels = [...new Set(span.map((x) => header.paths[x]?.[header.paths[x]!.length - 1]).filter((x): x is string => Boolean(x)))];
      const hint = suggest(label, labels);
      problem(
        ctx.vfile,
        ctx.sheet,
        header.top,
        span[0] ?? 0,
        'import/missing-column',
        `${ctx.table.id}: 表头中找不到「${labelOf(column)}」栏` + (hint ? `;是否为「${hint}」?` : `;表头中有: ${labels.join('、') || '(无)'}`),
      );
      continue;
    }
    const number = header.numbers[c];
    if (column.栏次 !== undefined && number !== undefined && number !== column.栏次) {
      problem(ctx.vfile, ctx.sheet, header.numbersRow ?? header.bottom, c, 'import/column-number', `${ctx.table.id}: 「${labelOf(column)}」栏的栏次为 ${number},表定义为 ${column.栏次};表头与数据可能错位`);
    }
    taken.add(c);
    out.set(column.key, c);
  }
  for (const c of taken) ctx.used.add(c);
  return out;
}

function kindOf(def: RowDef | undefined): ValueKind {
  return def?.type === 'count' ? 'count' : 'amount';
}

/** Reads the values of one data row for a section's matched columns. */
function readValues(ctx: Ctx, r: number, section: SectionDef, columns: Map<string, number>, def: RowDef | undefined, label: string): Map<string, ImportedValue> {
  const cells = new Map<string, ImportedValue>();
  for (const column of section.columns) {
    const c = columns.get(column.key);
    if (c === undefined) continue;
    const cell = cellAt(ctx.sheet, r, c);
    const at = address(ctx.sheet, r, c);
    if (def?.na?.includes(column.key)) {
      if (cell && !isBlankText(cell.text)) problem(ctx.vfile, ctx.sheet, r, c, 'import/not-applicable', `${ctx.table.id}「${label}」的「${labelOf(column)}」在官方表中印为「——」,不应填数(此处为「${cell.text}」)`);
      continue;
    }
    const read = readCell(cell, kindOf(def), ctx.unit);
    if (!read.ok) {
      problem(ctx.vfile, ctx.sheet, r, c, read.rule, `${ctx.table.id}「${label}」「${labelOf(column)}」: ${read.reason}`);
      continue;
    }
    cells.set(column.key, { value: read.value, decimals: read.decimals, stated: read.stated, cell: at });
  }
  return cells;
}

function looksLikeValue(text: string): boolean {
  return /^\(?-?[\d,，]+(?:\.\d+)?\)?$/u.test(text.normalize('NFKC').trim());
}

/** A value in a column that no definition column claims: a shifted column, an extra column. */
function unplaced(ctx: Ctx, r: number): void {
  for (let c = 0; c < ctx.sheet.cols; c++) {
    if (ctx.used.has(c)) continue;
    const cell = cellAt(ctx.sheet, r, c);
    if (!cell || (cell.number === undefined && !looksLikeValue(cell.text))) continue;
    const merge = mergeAt(ctx.sheet, r, c);
    if (merge && merge.left !== c) continue;
    const path = ctx.header.paths[c] ?? [];
    problem(
      ctx.vfile,
      ctx.sheet,
      r,
      c,
      'import/unplaced-value',
      `${ctx.table.id}: 此单元格有数「${cell.text}」,但第 ${columnName(c)} 栏` + (path.length ? `(表头「${path.join(' › ')}」)` : '(没有表头)') + '不是表定义中的任何一栏;表头与数据是否错位?',
    );
  }
}

function isNoteRow(sheet: Sheet, r: number): boolean {
  for (let c = 0; c < sheet.cols; c++) {
    const text = cellAt(sheet, r, c)?.text.trim();
    if (text) return NOTE_LINE.test(text.normalize('NFKC'));
  }
  return false;
}

function text(ctx: Ctx, r: number, c: number | undefined): string {
  return c === undefined ? '' : (cellAt(ctx.sheet, r, c)?.text ?? '').trim();
}

/** A fixed row's defs by printed label (exact, then without ordinals); a label may name several rows. */
function rowIndex(section: SectionDef, cls: Classification | undefined): { byLabel: Map<string, RowDef[]>; byLoose: Map<string, RowDef[]> } {
  const byLabel = new Map<string, RowDef[]>();
  const byLoose = new Map<string, RowDef[]>();
  const add = (map: Map<string, RowDef[]>, label: string, def: RowDef) => {
    const list = map.get(label) ?? [];
    if (!list.includes(def)) list.push(def);
    map.set(label, list);
  };
  for (const def of section.rows ?? []) {
    const key = rowKey(def, cls);
    if (!key) continue;
    for (const l of [rowLabel(def, cls), key]) {
      add(byLabel, norm(l), def);
      add(byLoose, loose(l), def);
    }
    const name = def.code ? cls?.codes.get(def.code) : undefined;
    if (name) {
      add(byLoose, loose(name), def);
      add(byLabel, norm(`${def.code}${name}`), def);
    }
  }
  return { byLabel, byLoose };
}

/** The row a label names: by 行次 among rows of that label, else the first not taken yet. */
function pick(candidates: RowDef[] | undefined, seen: Set<RowDef>, number: string): RowDef | undefined {
  if (!candidates?.length) return undefined;
  if (/^\d+$/u.test(number)) {
    const byNumber = candidates.find((d) => d.行次 === Number(number));
    if (byNumber) return byNumber;
  }
  return candidates.find((d) => !seen.has(d)) ?? candidates[0];
}

interface Side {
  section: SectionDef;
  cls: Classification | undefined;
  item: number | undefined;
  numbers: number | undefined;
  columns: Map<string, number>;
  index: ReturnType<typeof rowIndex>;
  rows: ImportedRow[];
  seen: Set<RowDef>;
}

/** The columns of one section: its label, 行次 and value columns. */
function side(ctx: Ctx, section: SectionDef, span: number[]): Side {
  const cls = section.classification ? ctx.template.classifications.get(section.classification) : undefined;
  const itemWord = norm(section.itemHeader ?? '项目');
  const item = columnsWhere(ctx.header, span, (p) => lastIs(p, itemWord))[0] ?? columnsWhere(ctx.header, span, (p) => p.includes(itemWord))[0] ?? span[0];
  const others = span.filter((c) => c !== item);
  const numbers =
    columnsWhere(ctx.header, others, (p) => lastIs(p, ROW_NUMBERS))[0] ??
    columnsWhere(ctx.header, others, (p, c) => ctx.header.levels[c] === ROW_NUMBERS || lastIs(p, COLUMN_NUMBERS))[0];
  if (item !== undefined) ctx.used.add(item);
  if (numbers !== undefined) ctx.used.add(numbers);
  return { section, cls, item, numbers, columns: matchColumns(ctx, section, span), index: rowIndex(section, cls), rows: [], seen: new Set() };
}

/** Reads one data row into a fixed-row section (ledger, fixed). */
function fixedRow(ctx: Ctx, s: Side, r: number): void {
  const label = text(ctx, r, s.item);
  const hasValues = [...s.columns.values()].some((c) => {
    const cell = cellAt(ctx.sheet, r, c);
    return cell && (cell.number !== undefined || !isBlankText(cell.text));
  });
  if (label === '' && !hasValues) return;
  const number = text(ctx, r, s.numbers);
  const def = pick(s.index.byLabel.get(norm(label)), s.seen, number) ?? pick(s.index.byLoose.get(loose(label)), s.seen, number);
  const at = s.item ?? 0;
  if (!def) {
    if (!hasValues) return;
    const labels = (s.section.rows ?? []).map((d) => rowLabel(d, s.cls)).filter(Boolean);
    const hint = label ? suggest(label, labels) : undefined;
    problem(ctx.vfile, ctx.sheet, r, at, 'import/unknown-row', `${ctx.table.id}: 「${label || '(无名称)'}」不是表定义中的行` + (hint ? `;是否为「${hint}」?` : ''));
    return;
  }
  if (s.seen.has(def)) {
    problem(ctx.vfile, ctx.sheet, r, at, 'import/duplicate-row', `${ctx.table.id}: 「${label}」行出现了两次`);
    return;
  }
  s.seen.add(def);
  if (def.行次 !== undefined && /^\d+$/u.test(number) && Number(number) !== def.行次) {
    problem(ctx.vfile, ctx.sheet, r, s.numbers!, 'import/row-number', `${ctx.table.id}: 「${label}」的行次为 ${number},表定义为 ${def.行次}`, 'warning');
  }
  if (def.heading) return;
  const key = rowKey(def, s.cls)!;
  s.rows.push({ key, ...(def.code ? { code: def.code } : {}), cells: readValues(ctx, r, s.section, s.columns, def, label), cell: address(ctx.sheet, r, at) });
}

/** The two sides of a ledger, or the one section of a fixed table. */
function readFixed(ctx: Ctx): ImportedSection[] {
  const sections = ctx.table.sections;
  const all = Array.from({ length: ctx.sheet.cols }, (_, c) => c);
  let spans: number[][];
  if (sections.length === 1) spans = [all];
  else {
    spans = sections.map((s) => columnsWhere(ctx.header, all, (p) => p.includes(norm(s.label ?? s.key))));
    if (spans.some((s) => s.length === 0)) {
      // No section labels over the columns: split at each label column.
      const items = sections.map((s) => columnsWhere(ctx.header, all, (p) => lastIs(p, norm(s.itemHeader ?? '项目'))));
      const starts = [...new Set(items.flat())].sort((a, b) => a - b);
      spans = sections.map((_, i) => all.filter((c) => c >= (starts[i] ?? 0) && c < (starts[i + 1] ?? ctx.sheet.cols)));
    }
  }
  const sides = sections.map((s, i) => side(ctx, s, spans[i]!));
  for (let r = ctx.from; r < ctx.to; r++) {
    if (isNoteRow(ctx.sheet, r)) break;
    for (const s of sides) fixedRow(ctx, s, r);
    unplaced(ctx, r);
  }
  return sides.map((s) => ({ def: s.section, rows: s.rows }));
}

/** The code of a row from its code columns: one joined code, or 类/款/项 parts (inherited when blank). */
function codeOf(parts: string[], digits: number[], last: string[]): string {
  let code = '';
  let level = -1;
  parts.forEach((raw, i) => {
    const p = norm(raw).replace(/\.0+$/u, '');
    if (p === '' || !/^\d+$/u.test(p)) return;
    const full = digits.indexOf(p.length);
    if (full >= i && (i === 0 || full > 0)) {
      code = p;
      level = full;
      return;
    }
    const width = (digits[i] ?? 0) - (digits[i - 1] ?? 0);
    const part = p.padStart(width, '0');
    const prefix = level === i - 1 ? code : (last[i - 1] ?? '');
    code = prefix + part;
    level = i;
  });
  if (level >= 0) {
    last[level] = code;
    last.length = level + 1;
  }
  return code;
}

function readClassified(ctx: Ctx): ImportedSection[] {
  const section = ctx.table.sections[0]! as SectionExtras;
  const cls = section.classification ? ctx.template.classifications.get(section.classification) : undefined;
  const digits = cls?.digits ?? [3, 5, 7];
  const all = Array.from({ length: ctx.sheet.cols }, (_, c) => c);
  const codeWord = norm(section.codeHeader ?? '科目编码');
  const itemWord = norm(section.itemHeader ?? '科目名称');
  let codes = columnsWhere(ctx.header, all, (p) => p.includes(codeWord));
  const item = columnsWhere(ctx.header, all, (p, c) => lastIs(p, itemWord) && !codes.includes(c))[0];
  // 类/款/项 columns that the code header does not span (an unmerged header, a CSV): the columns
  // before the name whose 栏次-row text is a level of the classification.
  const levelWords = new Set((cls?.levels ?? []).map(norm));
  if (item !== undefined) {
    const isLevel = (c: number) => levelWords.has(ctx.header.levels[c] ?? '') && !(ctx.header.paths[c] ?? []).some((p) => p !== codeWord);
    if (codes.length === 0) codes = all.filter((c) => c < item && isLevel(c));
    else for (let c = Math.max(...codes) + 1; c < item && isLevel(c); c++) codes.push(c);
  }
  codes.forEach((c) => ctx.used.add(c));
  if (item !== undefined) ctx.used.add(item);
  const columns = matchColumns(ctx, section, all);
  if (item === undefined) problem(ctx.vfile, ctx.sheet, ctx.header.top, 0, 'import/missing-column', `${ctx.table.id}: 表头中找不到「${section.itemHeader ?? '科目名称'}」栏`);
  const totalWord = section.total ? loose(section.total.label ?? section.total.key) : undefined;
  const rows: ImportedRow[] = [];
  const seen = new Map<string, string>();
  const last: string[] = [];
  for (let r = ctx.from; r < ctx.to; r++) {
    if (isNoteRow(ctx.sheet, r)) break;
    unplaced(ctx, r);
    let label = text(ctx, r, item);
    let code = codeOf(
      codes.map((c) => text(ctx, r, c)),
      digits,
      last,
    );
    // A code written into the name cell: "2010504 信息事务".
    const inLabel = /^(\d{3,})\s*(.*)$/u.exec(label.normalize('NFKC'));
    if (!code && inLabel) {
      code = inLabel[1]!;
      label = inLabel[2]!;
    }
    const values = [...columns.values()].some((c) => {
      const cell = cellAt(ctx.sheet, r, c);
      return cell && (cell.number !== undefined || !isBlankText(cell.text));
    });
    const at = codes[0] ?? item ?? 0;
    if (!code) {
      if (label === '' && !values) continue;
      if (totalWord !== undefined && loose(label) === totalWord) {
        if (seen.has(section.total!.key)) {
          problem(ctx.vfile, ctx.sheet, r, item ?? at, 'import/duplicate-row', `${ctx.table.id}: 「${label}」行出现了两次`);
          continue;
        }
        seen.set(section.total!.key, address(ctx.sheet, r, item ?? at));
        rows.push({ key: section.total!.key, cells: readValues(ctx, r, section, columns, undefined, label), cell: address(ctx.sheet, r, item ?? at) });
        continue;
      }
      if (!values) continue;
      problem(ctx.vfile, ctx.sheet, r, item ?? at, 'import/unknown-row', `${ctx.table.id}: 「${label || '(无名称)'}」行没有科目编码`);
      continue;
    }
    const codeCell = codes[0] ?? item ?? 0;
    if (cls && !cls.digits.includes(code.length)) {
      problem(ctx.vfile, ctx.sheet, r, codeCell, 'import/code-format', `${ctx.table.id}: 编码「${code}」有 ${code.length} 位,${cls.name}的编码应为 ${cls.digits.join('/')} 位`);
      continue;
    }
    const official = cls?.codes.get(code);
    const name = label.normalize('NFKC').trim();
    if (cls && official === undefined) {
      const byName = [...cls.codes].find(([, n]) => loose(n) === loose(name));
      problem(
        ctx.vfile,
        ctx.sheet,
        r,
        codeCell,
        'import/unknown-code',
        `${ctx.table.id}: 模板的${cls.name}中没有编码「${code}」(${name || '无名称'})` +
          (byName ? `;「${byName[1]}」的编码是「${byName[0]}」` : `;若为新科目,请把「"${code}": ${name}」加入模板的分类表,或用 --force 按表中名称导入`),
      );
      if (!ctx.force) continue;
    } else if (official !== undefined && name !== '' && loose(name) !== loose(official)) {
      problem(ctx.vfile, ctx.sheet, r, item ?? codeCell, 'import/code-name', `${ctx.table.id}: 编码 ${code} 的科目名称应为「${official}」,表中为「${name}」;按模板的名称导入`, 'warning');
    }
    const key = `${code} ${official ?? name}`;
    if (seen.has(key)) {
      problem(ctx.vfile, ctx.sheet, r, codeCell, 'import/duplicate-row', `${ctx.table.id}: 科目「${key}」出现了两次(第一次在 ${seen.get(key)})`);
      continue;
    }
    seen.set(key, address(ctx.sheet, r, codeCell));
    rows.push({ key, code, cells: readValues(ctx, r, section, columns, undefined, key), cell: address(ctx.sheet, r, codeCell) });
  }
  return [{ def: section, rows }];
}

/** 经济分类 panels side by side (code | name | amount, repeated), and the totals row under them. */
function readPanels(ctx: Ctx): ImportedSection[] {
  const section = ctx.table.sections[0]!;
  const cls = section.classification ? ctx.template.classifications.get(section.classification) : undefined;
  const column = section.columns[0]!;
  const all = Array.from({ length: ctx.sheet.cols }, (_, c) => c);
  const codeWord = norm(section.codeHeader ?? '科目编码');
  const amountWord = norm(labelOf(column));
  const codeCols = columnsWhere(ctx.header, all, (p) => lastIs(p, codeWord));
  const panels = codeCols.map((c, i) => {
    const end = codeCols[i + 1] ?? ctx.sheet.cols;
    const within = all.filter((x) => x > c && x < end);
    const amount = columnsWhere(ctx.header, within, (p) => lastIs(p, amountWord))[0];
    const name = columnsWhere(ctx.header, within, (p) => lastIs(p, norm(section.itemHeader ?? '科目名称')))[0];
    return { code: c, name, amount };
  });
  if (panels.length === 0 || panels.some((p) => p.amount === undefined)) {
    problem(ctx.vfile, ctx.sheet, ctx.header.top, 0, 'import/missing-column', `${ctx.table.id}: 表头中找不到「${section.codeHeader ?? '科目编码'}」与「${labelOf(column)}」栏`);
    return [{ def: section, rows: [] }];
  }
  for (const p of panels) [p.code, p.name, p.amount].forEach((c) => c !== undefined && ctx.used.add(c));
  const defs = new Map((section.rows ?? []).filter((d) => d.code).map((d) => [d.code!, d]));
  const totals = (section.rows ?? []).filter((d) => !d.code && d.key);
  const rows: ImportedRow[] = [];
  const seen = new Set<string>();
  for (let r = ctx.from; r < ctx.to; r++) {
    if (isNoteRow(ctx.sheet, r)) break;
    let totalRow = false;
    // The totals row: a label cell that names a total, its value in the next cell holding one.
    for (let c = 0; c < ctx.sheet.cols; c++) {
      const t = text(ctx, r, c);
      const def = t ? totals.find((d) => loose(d.label ?? d.key!) === loose(t)) : undefined;
      if (!def) continue;
      totalRow = true;
      const merge = mergeAt(ctx.sheet, r, c);
      const v = (merge?.right ?? c) + 1;
      const cell = cellAt(ctx.sheet, r, v);
      const read = readCell(cell, kindOf(def), ctx.unit);
      ctx.used.add(c);
      ctx.used.add(v);
      if (!read.ok) {
        problem(ctx.vfile, ctx.sheet, r, v, read.rule, `${ctx.table.id}「${t}」: ${read.reason}`);
        continue;
      }
      rows.push({ key: def.key!, cells: new Map([[column.key, { value: read.value, decimals: read.decimals, stated: read.stated, cell: address(ctx.sheet, r, cell ? v : c) }]]), cell: address(ctx.sheet, r, c) });
    }
    if (totalRow) continue;
    for (const p of panels) {
      const code = norm(text(ctx, r, p.code));
      if (code === '') continue;
      const def = defs.get(code);
      if (!def) {
        const name = text(ctx, r, p.name);
        problem(ctx.vfile, ctx.sheet, r, p.code, 'import/unknown-code', `${ctx.table.id}: 表定义中没有经济分类编码「${code}」(${name || '无名称'})`);
        continue;
      }
      const key = rowKey(def, cls)!;
      if (seen.has(key)) {
        problem(ctx.vfile, ctx.sheet, r, p.code, 'import/duplicate-row', `${ctx.table.id}: 科目「${key}」出现了两次`);
        continue;
      }
      seen.add(key);
      const name = text(ctx, r, p.name);
      const official = cls?.codes.get(code);
      if (official && name && loose(name) !== loose(official)) {
        problem(ctx.vfile, ctx.sheet, r, p.name!, 'import/code-name', `${ctx.table.id}: 编码 ${code} 的科目名称应为「${official}」,表中为「${name}」;按模板的名称导入`, 'warning');
      }
      rows.push({ key, code, cells: readValues(ctx, r, section, new Map([[column.key, p.amount!]]), def, key), cell: address(ctx.sheet, r, p.code) });
    }
    unplaced(ctx, r);
  }
  return [{ def: section, rows }];
}

/** Reads one table from its region of a sheet; undefined (with a diagnostic) when no header is found. */
export function readRegion(vfile: VFile, template: Template, region: Region, force: boolean): ImportedTable | undefined {
  const { sheet, table } = region;
  const header = findHeader(sheet, region.from + 1, region.to, headerWords(table, template));
  if (!header) {
    problem(vfile, sheet, region.row, region.col, 'import/no-header', `${table.id}「${table.title}」: 标题之下找不到表头(应有「${table.sections[0]?.itemHeader ?? '项目'}」等栏名)`);
    return undefined;
  }
  const unit = unitOf(vfile, sheet, region, header.top);
  const ctx: Ctx = { vfile, sheet, table, template, unit, header, from: header.bottom + 1, to: region.to, used: new Set(), force };
  const sections = table.layout === 'classified' ? readClassified(ctx) : table.layout === 'panels' ? readPanels(ctx) : readFixed(ctx);
  return { def: table, sheet, unit, sections, cell: address(sheet, region.row, region.col) };
}
