// Ajv errors become Chinese diagnostics with a rule id, pointing at the key or value in the .md
// file; an unknown key gets "是否为「…」?" from the keys the schema allows there.
import { closest, distance } from 'fastest-levenshtein';
import type { ErrorObject } from 'ajv';
import type { VFile } from 'vfile';
import { diagnose } from '../diagnostics/message.js';
import type { SourceFile, YamlRegion } from '../parse/markdown.js';
import { placeOfPointer } from '../parse/locate.js';
import { escapePointer, splitPointer } from '../parse/yaml-index.js';

const TYPE_NAMES: Record<string, string> = {
  object: '映射(键: 值)',
  array: '列表(- 项)',
  string: '文本或数值',
  integer: '整数',
  number: '数值',
  boolean: 'true 或 false',
};

/** A readable path for messages: `收入 › 本年收入合计`. */
export function readablePath(pointer: string): string {
  const parts = splitPointer(pointer);
  return parts.length ? parts.join(' › ') : '(整个块)';
}

/** The closest allowed key, when it is close enough to be a likely typo. */
export function suggest(word: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const best = closest(word, [...allowed]);
  const limit = Math.max(2, Math.ceil(Math.max(word.length, best.length) / 2));
  if (distance(word, best) <= limit) return best;
  // A key written without its code or name ("201" for "201 一般公共服务支出").
  return allowed.find((a) => a.startsWith(`${word} `) || a.endsWith(` ${word}`));
}

function allowedKeys(error: ErrorObject): string[] {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(parent?.properties ?? {});
}

/** Reports Ajv errors of one YAML region (a data block or the front matter). */
export function reportSchemaErrors(vfile: VFile, file: SourceFile, region: YamlRegion, errors: ErrorObject[], what: string): void {
  const seen = new Set<string>();
  for (const error of errors) {
    const pointer = error.instancePath;
    const at = (p: string, part: 'key' | 'value' = 'value') => placeOfPointer(file, region, p, part);
    let rule = 'schema/invalid';
    let reason = `${what}「${readablePath(pointer)}」不符合格式`;
    let place = at(pointer);
    switch (error.keyword) {
      case 'juesuanType': {
        const params = error.params as { rule: string; reason: string };
        rule = params.rule;
        reason = `${what}「${readablePath(pointer)}」: ${params.reason}`;
        break;
      }
      case 'required': {
        const missing = (error.params as { missingProperty: string }).missingProperty;
        rule = 'schema/required';
        reason = pointer === '' ? `${what}缺少「${missing}」` : `${what}「${readablePath(pointer)}」缺少「${missing}」`;
        place = at(pointer, 'key');
        break;
      }
      case 'additionalProperties': {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        const hint = suggest(key, allowedKeys(error));
        rule = 'schema/unknown-key';
        reason = `${what}中未知的键「${key}」` + (hint ? `,是否为「${hint}」?` : '');
        place = at(`${pointer}/${escapePointer(key)}`, 'key');
        break;
      }
      case 'type': {
        const wanted = [(error.params as { type: string | string[] }).type].flat().filter((t) => t !== 'string' || error.data !== null);
        rule = 'schema/type';
        const wantedText = wanted.map((t) => TYPE_NAMES[t] ?? t).join('或');
        reason =
          error.data === null || error.data === ''
            ? `${what}「${readablePath(pointer)}」不能为空,应为${wantedText}`
            : wanted.length === 1 && wanted[0] === 'string' && typeof error.data !== 'object'
              ? `${what}「${readablePath(pointer)}」应为文本,请加引号: "${String(error.data)}"`
              : `${what}「${readablePath(pointer)}」应为${wantedText}`;
        break;
      }
      case 'maxLength': {
        if ((error.params as { limit: number }).limit === 0) {
          rule = 'schema/type';
          reason = `${what}「${readablePath(pointer)}」应为「栏目: 值」的映射(或留空),不能直接写值`;
        }
        break;
      }
      case 'enum': {
        const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
        rule = 'schema/enum';
        reason = `${what}「${readablePath(pointer)}」应为以下之一: ${allowed.join('、')}`;
        break;
      }
      case 'pattern': {
        rule = 'schema/format';
        reason = `${what}「${readablePath(pointer)}」的格式不对: 「${String(error.data)}」`;
        break;
      }
      case 'minItems':
      case 'minProperties':
      case 'minLength': {
        rule = 'schema/empty';
        reason = `${what}「${readablePath(pointer)}」不能为空`;
        break;
      }
      case 'maximum':
      case 'minimum': {
        const limit = (error.params as { limit: number }).limit;
        reason = `${what}「${readablePath(pointer)}」应${error.keyword === 'maximum' ? '不大于' : '不小于'} ${limit}`;
        break;
      }
      case 'uniqueItems': {
        rule = 'schema/duplicate';
        reason = `${what}「${readablePath(pointer)}」中有重复项`;
        break;
      }
      default:
        break;
    }
    const dedupe = `${rule}|${pointer}|${reason}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    diagnose(vfile, { rule, reason, file: file.path, place });
  }
}
