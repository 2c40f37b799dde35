// One file of a template pack read for the loader: its value (YAML or JSON), and where each part of
// it was written, so that a problem in a pack is reported at its file:line:column like a report's.
import { parse as parseYamlValue, YAMLParseError } from 'yaml';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { SourceFile, YamlRegion } from '../parse/markdown.js';
import { pointAt, placeOfPointer } from '../parse/locate.js';
import { parseYaml } from '../parse/yaml-index.js';
import type { TemplateSource } from './load.js';

export interface PackFile {
  /** Path of the file, as printed in diagnostics (templates/<t>/…). */
  path: string;
  value: unknown;
  /** Where a JSON pointer of the value was written (its key, or its value). */
  place(pointer: string, part?: 'key' | 'value'): Position;
  /** Where a text first occurs in the file (the start of the file when it does not). */
  placeOfText(text: string): Position;
}

/** Reads a pack file; undefined (with a diagnostic) when it is missing or does not parse. */
export function readPackFile(vfile: VFile, source: TemplateSource, path: string, missing?: { file: string; place: Position }): PackFile | undefined {
  const text = source.files.get(path);
  const shown = `${source.dir}/${path}`;
  if (text === undefined) {
    diagnose(vfile, {
      rule: 'template/missing-file',
      reason: `模板「${source.name}」缺少文件 ${path}`,
      file: missing?.file ?? shown,
      place: missing?.place,
    });
    return undefined;
  }
  const file: SourceFile = { path: shown, name: path, text };
  let value: unknown;
  try {
    value = parseYamlValue(text, { prettyErrors: false });
  } catch (error) {
    const offset = error instanceof YAMLParseError ? error.pos[0] : 0;
    const start = pointAt(file, offset);
    diagnose(vfile, { rule: 'template/invalid', reason: `模板文件无法解析: ${(error as Error).message.split('\n')[0]}`, file: shown, place: start });
    return undefined;
  }
  let region: YamlRegion | undefined;
  const indexed = (): YamlRegion => (region ??= { yaml: parseYaml(text), offset: 0 });
  return {
    path: shown,
    value,
    place: (pointer, part = 'value') => placeOfPointer(file, indexed(), pointer, part),
    placeOfText: (needle) => {
      const at = Math.max(0, text.indexOf(needle));
      return { start: pointAt(file, at), end: pointAt(file, at + (at === 0 && !text.startsWith(needle) ? 0 : needle.length)) };
    },
  };
}
