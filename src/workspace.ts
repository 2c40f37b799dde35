// What the compiler works with besides a report: the schemas and the templates, held in memory
// (only cli/ reads them from disk), with each template loaded and its table schemas compiled once.
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { SchemaRegistry } from './schema/registry.js';
import { tableSchema } from './schema/table-schema.js';
import { loadTemplate, type TemplateSource } from './template/load.js';
import type { Template } from './template/types.js';

export interface Workspace {
  registry: SchemaRegistry;
  templates: Map<string, TemplateSource>;
  /** Templates already loaded, with the problems found in them. */
  loaded: Map<string, { template: Template | undefined; messages: VFileMessage[] }>;
}

/** Creates a workspace from schema objects and template sources. */
export function createWorkspace(schemas: object[], templates: TemplateSource[]): Workspace {
  return {
    registry: new SchemaRegistry(schemas),
    templates: new Map(templates.map((t) => [t.name, t])),
    loaded: new Map(),
  };
}

/** Loads a template once; its table schemas are generated from its definitions and registered. */
export function useTemplate(workspace: Workspace, name: string): { template: Template | undefined; messages: VFileMessage[] } {
  const cached = workspace.loaded.get(name);
  if (cached) return cached;
  const source = workspace.templates.get(name);
  const vfile = new VFile();
  let template: Template | undefined;
  if (source) {
    template = loadTemplate(vfile, workspace.registry, source);
    if (template) {
      for (const table of template.tables.values()) {
        workspace.registry.add(tableSchema(template.name, table, template.classifications));
      }
    }
  }
  const result = { template, messages: vfile.messages };
  workspace.loaded.set(name, result);
  return result;
}
