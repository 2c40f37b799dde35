// Generates the JSON Schema of a table's data block from its declarative definition, so that
// the table is known in one place and editors get completion and validation for free.
import { rowKey, type Classification, type ColumnDef, type RowDef, type SectionDef, type TableDef } from '../template/types.js';
import { generatedSchemaId } from './block-schema.js';

// Relative to schemas/generated/<t>/: resolved by Ajv against the $id, and by editors on disk.
const AMOUNT = { $ref: '../../common.schema.json#/$defs/amount' };
const COUNT = { $ref: '../../common.schema.json#/$defs/count' };
const NA = { type: 'string', juesuanType: 'na', description: '官方表中印为「——」' };

/** The schema id of a table's block in a template. */
export function tableSchemaId(template: string, table: string): string {
  return generatedSchemaId(template, table);
}

function leaf(row: RowDef | undefined, column: ColumnDef | undefined): object {
  if (row?.na && column && row.na.includes(column.key)) return NA;
  return row?.type === 'count' ? COUNT : AMOUNT;
}

/** A row's value: one cell (single-column section) or a map of its columns. */
function rowSchema(section: SectionDef, row: RowDef | undefined): object {
  const label = row ? (row.label ?? row.key ?? row.code ?? '') : '';
  if (section.columns.length === 1) return { ...leaf(row, section.columns[0]), description: label };
  const properties: Record<string, object> = {};
  for (const column of section.columns) properties[column.key] = { ...leaf(row, column), description: column.label ?? column.key };
  return {
    type: ['object', 'string'],
    maxLength: 0,
    description: label ? `${label}: 各栏` : '各栏',
    properties,
    additionalProperties: false,
  };
}

function sectionSchema(section: SectionDef, classifications: Map<string, Classification>): object {
  const classification = section.classification ? classifications.get(section.classification) : undefined;
  const properties: Record<string, object> = {};
  if (section.rows) {
    for (const row of section.rows) {
      const key = rowKey(row, classification);
      if (!key || row.heading) continue;
      properties[key] = rowSchema(section, row);
    }
    return { type: ['object', 'string'], maxLength: 0, properties, additionalProperties: false };
  }
  if (section.total) properties[section.total.key] = rowSchema(section, undefined);
  // Any digits here: a code of the wrong length gets hierarchy/code-format, which can say more.
  const codePattern = '^\\d+ \\S';
  return {
    type: ['object', 'string'],
    maxLength: 0,
    description: `合计行, 然后按${classification?.name ?? '科目'}编码的行, 如 "201 一般公共服务支出"`,
    properties,
    patternProperties: { [codePattern]: rowSchema(section, undefined) },
    additionalProperties: false,
  };
}

/** The JSON Schema of a table's data block. */
export function tableSchema(template: string, table: TableDef, classifications: Map<string, Classification>): object {
  const base = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: tableSchemaId(template, table.id),
    title: `${table.id} ${table.title} (${template})`,
    description: 'Generated from the template\'s table definition by `juesuan schema`; do not edit.',
  };
  if (table.sections.length === 1) return { ...base, ...sectionSchema(table.sections[0]!, classifications) };
  const properties: Record<string, object> = {};
  for (const section of table.sections) properties[section.key] = sectionSchema(section, classifications);
  return {
    ...base,
    type: 'object',
    properties,
    required: table.sections.map((s) => s.key),
    additionalProperties: false,
  };
}
