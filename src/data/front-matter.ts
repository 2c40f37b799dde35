// The report's front matter (index.md): validated against schemas/front-matter.schema.json; its
// `parts` are matched with the files of the folder; its `numbers` (the report's own number style)
// are read as template.yaml is (true/false, integers) and validated by the template schema's part.
import { parse as parseYamlValue } from 'yaml';
import type { VFile } from 'vfile';
import type { Unit } from '../amount/amount.js';
import { diagnose } from '../diagnostics/message.js';
import type { ParsedReport } from '../parse/report.js';
import { placeOfPointer } from '../parse/locate.js';
import { entryOf, plainToJS, type YNode } from '../parse/yaml-tree.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { reportSchemaErrors } from '../schema/errors.js';
import { LIMITS } from '../parse/limits.js';
import type { NumberFormats } from '../template/types.js';

export interface FrontMatter {
  department: string;
  year: number;
  template: string;
  unit: Unit;
  date?: string;
  parts: string[];
  /** A partial data file (a previous year's figures): no required blocks, no number rules, no print. */
  partial: boolean;
  /** The report's own number style for its 情况说明, over the template's `narrative.numbers`, field by field. */
  numbers?: NumberFormats;
}

export const FRONT_MATTER_SCHEMA = 'https://juesuan.dev/schemas/front-matter.schema.json';

/** Whether YYYY-MM-DD names a day of the calendar (2024-02-30 and 2024-13-45 do not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1]!;
}

/** Reads and checks the front matter; undefined when the report cannot be read further. */
export function readFrontMatter(vfile: VFile, report: ParsedReport, registry: SchemaRegistry): FrontMatter | undefined {
  const index = report.index;
  if (!index) return undefined;
  const region = index.frontMatter;
  if (!region) {
    diagnose(vfile, {
      rule: 'report/front-matter',
      reason: 'index.md 应以文件头(--- 之间的 YAML: department, year, template, unit, parts)开始',
      file: index.file.path,
      place: { line: 1, column: 1 },
    });
    return undefined;
  }
  if (region.yaml.errors.length) return undefined;
  const value = plainToJS(region.yaml.tree) as Record<string, unknown> | null;
  const numbers = entryOf(region.yaml.tree, 'numbers');
  if (value && typeof value === 'object' && numbers !== undefined) value.numbers = coreValue(numbers);
  const { errors } = registry.validate(registry.compile(FRONT_MATTER_SCHEMA), value, '万元');
  if (errors.length) {
    reportSchemaErrors(vfile, index.file, region, errors, '文件头');
    return undefined;
  }
  const raw = value as unknown as { department: string; year: string; template: string; unit: Unit; date?: string; parts?: string[]; partial?: string; numbers?: NumberFormats };
  let refused = false;
  if (raw.date !== undefined && !isCalendarDate(raw.date)) {
    diagnose(vfile, { rule: 'report/date', reason: `日期「${raw.date}」不存在(月份应为 01–12,日期不超过当月天数)`, file: index.file.path, place: placeOfPointer(index.file, region, '/date') });
    refused = true;
  }
  if ([...raw.department].length > LIMITS.departmentChars) {
    diagnose(vfile, {
      rule: 'limit/text-length',
      reason: `部门名称有 ${[...raw.department].length} 个字,超过上限 ${LIMITS.departmentChars}`,
      file: index.file.path,
      place: placeOfPointer(index.file, region, '/department'),
    });
    refused = true;
  }
  if (refused) return undefined;
  const frontMatter: FrontMatter = {
    department: raw.department,
    year: Number.parseInt(raw.year, 10),
    template: raw.template,
    unit: raw.unit,
    ...(raw.date ? { date: raw.date } : {}),
    parts: raw.parts ?? [],
    partial: raw.partial === 'true',
    ...(raw.numbers ? { numbers: raw.numbers } : {}),
  };
  const present = new Set(report.names);
  frontMatter.parts.forEach((part, i) => {
    if (!present.has(part)) {
      diagnose(vfile, {
        rule: 'report/missing-file',
        reason: `文件头 parts 列出的 ${part} 不存在`,
        file: index.file.path,
        place: placeOfPointer(index.file, region, `/parts/${i}`),
      });
    }
  });
  const listed = new Set(['index.md', ...frontMatter.parts]);
  for (const parsed of report.files) {
    if (!listed.has(parsed.file.name)) {
      diagnose(vfile, {
        rule: 'report/unlisted-file',
        reason: `${parsed.file.name} 不在 index.md 文件头的 parts 中,不会被印出`,
        file: parsed.file.path,
        place: { line: 1, column: 1 },
        severity: 'warning',
      });
    }
  }
  return frontMatter;
}

/**
 * A front-matter value read as template.yaml is read (YAML's core schema): an unquoted true/false is a
 * boolean, an unquoted number a number, a quoted scalar stays text. The rest of the front matter keeps
 * the failsafe reading (every scalar a string), so `year: 2025` and amounts keep their text.
 */
function coreValue(node: YNode | null): unknown {
  if (node?.t === 'map') return Object.fromEntries(node.items.map((pair) => [pair.key, coreValue(pair.value)]));
  if (node?.t === 'seq') return node.items.map((item) => coreValue(item));
  if (node?.t === 'scalar') {
    if (node.quoted) return node.value;
    try {
      return parseYamlValue(node.value) as unknown;
    } catch {
      return node.value;
    }
  }
  return null;
}
