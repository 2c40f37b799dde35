// What the compiler works with besides a report: the schemas and the templates, held in memory
// (only cli/ reads them from disk), with each template loaded and its table schemas compiled once
// — or, with a cache, the loaded template and its compiled validators taken from an earlier run.
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { fromCacheText, hashOf, toCacheText, type CompileCache } from './cache.js';
import { FRONT_MATTER_SCHEMA } from './data/front-matter.js';
import { SchemaRegistry } from './schema/registry.js';
import { tableSchema } from './schema/table-schema.js';
import { loadTemplate, type TemplateSource } from './template/load.js';
import type { Template } from './template/types.js';

export interface Workspace {
  registry: SchemaRegistry;
  templates: Map<string, TemplateSource>;
  /** Templates already loaded, with the problems found in them (and, with a cache, their cache key). */
  loaded: Map<string, LoadedTemplate>;
  /** Texts kept between runs (compiled validators, partials, parsed files), when the caller keeps them. */
  cache?: CompileCache;
  /** The ids of juesuan's own schemas (those given at creation). */
  globalSchemas: string[];
}

/**
 * The schemas a report is read with before its template is known, precompiled with every cached
 * workspace. The others of juesuan's own (the pack files') are needed only to load a template,
 * which a cached template skips; a template's validators are kept with it (see toCache).
 */
const BEFORE_TEMPLATE = [FRONT_MATTER_SCHEMA];

export interface LoadedTemplate {
  template: Template | undefined;
  messages: VFileMessage[];
  /** The hash of the template's files and juesuan's schemas, when the workspace has a cache. */
  key?: string;
}

/** Creates a workspace from schema objects and template sources. */
export function createWorkspace(schemas: object[], templates: TemplateSource[], cache?: CompileCache): Workspace {
  const registry = new SchemaRegistry(schemas);
  const globalSchemas = registry.ids();
  if (cache) {
    const key = hashOf('validators', registry.contentOf(globalSchemas), ...BEFORE_TEMPLATE);
    const code = cache.get('validators', key);
    if (code === undefined || !registry.usePrecompiled(code)) cache.set('validators', key, registry.standalone(BEFORE_TEMPLATE));
  }
  return {
    registry,
    templates: new Map(templates.map((t) => [t.name, t])),
    loaded: new Map(),
    ...(cache ? { cache } : {}),
    globalSchemas,
  };
}

/** The cache key of a loaded template: juesuan's schemas and every file of the template. */
function templateKey(workspace: Workspace, source: TemplateSource): string {
  const files = [...source.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flat();
  return hashOf('template', workspace.registry.contentOf(workspace.globalSchemas), source.name, ...files);
}

/**
 * What a run keeps of a template that loaded cleanly: the template and the schemas it added (as
 * cache text), and their validators' code beside it (a text of its own: read as it is, not
 * through JSON).
 */
interface CachedTemplate {
  template: Omit<Template, 'files'>;
  schemas: object[];
}

const VALIDATORS = 'template-validators';

/** A template from the cache (its schemas registered, its validators precompiled), if the cache has it. */
function fromCache(workspace: Workspace, source: TemplateSource, key: string): Template | undefined {
  const text = workspace.cache?.get('template', key);
  const validators = text === undefined ? undefined : workspace.cache?.get(VALIDATORS, key);
  if (text === undefined || validators === undefined) return undefined;
  let entry: CachedTemplate;
  try {
    entry = fromCacheText(text) as CachedTemplate;
  } catch {
    return undefined;
  }
  if (!entry?.template || !Array.isArray(entry.schemas)) return undefined;
  if (!workspace.registry.usePrecompiled(validators)) return undefined;
  for (const schema of entry.schemas) workspace.registry.add(schema);
  return { ...entry.template, files: source.files } as Template;
}

/** Offers a cleanly loaded template to the cache (when it holds only plain data). */
function toCache(workspace: Workspace, key: string, template: Template, added: string[]): void {
  const { files: _files, ...rest } = template;
  const { registry } = workspace;
  const schemas = added.map((id) => registry.schemaOf(id)).filter((s): s is object => s !== undefined);
  const text = toCacheText({ template: rest, schemas });
  if (text === undefined) return;
  // The validators a report is read with: its blocks' and tables' (what they refer to is compiled in).
  workspace.cache!.set(VALIDATORS, key, registry.standalone(added));
  workspace.cache!.set('template', key, text);
}

/** Loads a template once; its table schemas are generated from its definitions and registered. */
export function useTemplate(workspace: Workspace, name: string): LoadedTemplate {
  const cached = workspace.loaded.get(name);
  if (cached) return cached;
  const source = workspace.templates.get(name);
  const vfile = new VFile();
  let template: Template | undefined;
  let key = '';
  if (source) {
    const { registry, cache } = workspace;
    key = cache ? templateKey(workspace, source) : '';
    template = cache ? fromCache(workspace, source, key) : undefined;
    if (!template) {
      const before = new Set(registry.ids());
      template = loadTemplate(vfile, registry, source);
      if (template) {
        for (const table of template.tables.values()) {
          registry.add(tableSchema(template.name, table, template.classifications));
        }
      }
      // A template that loads cleanly is kept for the next run.
      if (cache && template && vfile.messages.length === 0) toCache(workspace, key, template, registry.ids().filter((id) => !before.has(id)));
    }
  }
  const result: LoadedTemplate = { template, messages: vfile.messages, ...(key ? { key } : {}) };
  workspace.loaded.set(name, result);
  return result;
}
