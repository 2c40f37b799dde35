// The schema of a non-table block comes from its template pack (templates/<t>/blocks/…): here it
// is given its id in the template's namespace, and its $refs are rebased from the pack file to the
// generated copy (schemas/generated/<t>/<kind>.schema.json), so that they resolve in Ajv and on disk.

const ORIGIN = 'https://juesuan.dev/';
const COMMON = `${ORIGIN}schemas/`;

/** The schema id of a block kind (a table or another block) of a template. */
export function generatedSchemaId(template: string, kind: string): string {
  return `${ORIGIN}schemas/generated/${template}/${kind}.schema.json`;
}

/** A $ref of a pack schema that points outside the file and outside juesuan's shared schemas. */
export interface BadRef {
  pointer: string;
  ref: string;
}

function escape(segment: string): string {
  return segment.replace(/~/gu, '~0').replace(/\//gu, '~1');
}

/**
 * Rebases one $ref written in the pack file `path` of `template`: a local ref (#…) stays; a ref to
 * a file under schemas/ (relative, as `../../../schemas/common.schema.json#/$defs/amount`, or
 * absolute by its id) becomes relative to schemas/generated/<t>/. Anything else is undefined.
 */
function rebase(ref: string, template: string, path: string): string | undefined {
  if (ref.startsWith('#')) return ref;
  let url: URL;
  try {
    url = new URL(ref, `${ORIGIN}templates/${template}/${path}`);
  } catch {
    return undefined;
  }
  const target = decodeURIComponent(url.origin + url.pathname);
  if (!target.startsWith(COMMON) || target.startsWith(`${COMMON}generated/`)) return undefined;
  return `../../${target.slice(COMMON.length)}${decodeURIComponent(url.hash)}`;
}

/**
 * A pack's block schema as juesuan registers it (and `juesuan schema` writes it): with its id in the
 * template's namespace and every $ref rebased; refs that cannot be rebased come back as `bad`.
 */
export function packBlockSchema(template: string, kind: string, path: string, raw: Record<string, unknown>): { schema: Record<string, unknown>; bad: BadRef[] } {
  const bad: BadRef[] = [];
  const walk = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${pointer}/${i}`));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${escape(key)}`;
      if (key === '$ref' && typeof value === 'string') {
        const rebased = rebase(value, template, path);
        if (rebased === undefined) bad.push({ pointer: at, ref: value });
        out[key] = rebased ?? value;
      } else out[key] = walk(value, at);
    }
    return out;
  };
  const body = walk(raw, '') as Record<string, unknown>;
  delete body['$id'];
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: generatedSchemaId(template, kind),
    ...body,
    description: [body['description'], `模板 ${template} 的数据块「${kind}」(由 ${path} 经 juesuan schema 生成;请勿直接编辑)`].filter(Boolean).join(' — '),
  };
  return { schema, bad };
}
