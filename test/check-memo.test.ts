// The check memo (src/orchestrate/check-memo.ts) never hides an edit: `check` answered from the
// memo prints exactly what a compile prints, in every format, and an edit of the report, of the
// previous year's report, of the template or of juesuan's schemas is seen by the next check.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { checkPaths } from '../src/cli/check.js';
import { formatGithub, formatHuman, formatJson } from '../src/diagnostics/format.js';
import { fromMemoText, memoKey, memoText } from '../src/orchestrate/check-memo.js';
import { readInput, readSchemaTexts, templatesOf } from '../src/cli/load.js';
import { copyReport, edit, remove } from './helpers/report.js';

const dir = copyReport();
const cacheRoot = mkdtempSync(join(tmpdir(), 'juesuan-memo-'));
const saved = process.env.JUESUAN_CACHE;

beforeAll(() => {
  process.env.JUESUAN_CACHE = cacheRoot;
});
afterAll(() => {
  if (saved === undefined) delete process.env.JUESUAN_CACHE;
  else process.env.JUESUAN_CACHE = saved;
  remove(dir);
  rmSync(cacheRoot, { recursive: true, force: true });
});

/** Every format `check` prints, for these compiled or memoized reports. */
const printed = (files: VFile[]) => [formatHuman(files, undefined, true), formatJson(files), formatGithub(files)];

/** Checks through the memo; whether the answer came from it (a memoized VFile holds no compiled data). */
async function check(): Promise<{ out: string[]; memoized: boolean }> {
  const files = await checkPaths([dir]);
  return { out: printed(files), memoized: files.every((f) => f.data.report === undefined) };
}

/** A fresh compile, bypassing the memo. */
async function compiled(): Promise<string[]> {
  const files = await checkPaths([dir], false);
  expect(files[0]!.data.report).toBeDefined();
  return printed(files);
}

describe('check memo', () => {
  it('a second check of an unchanged report is answered from the memo, printing the same in every format', async () => {
    const first = await check();
    expect(first.memoized).toBe(false);
    const second = await check();
    expect(second.memoized).toBe(true);
    expect(second.out).toEqual(first.out);
    expect(second.out).toEqual(await compiled());
  });

  it('keeps every field of a diagnostic with notes, related places and expected values (a report with errors)', async () => {
    // 公开05 2010504 项目支出 +2.00 (tables.md:199), the change of issue 13.
    const tables = join(dir, 'tables.md');
    const lines = readFileSync(tables, 'utf8').split('\n');
    expect(lines[198]).toBe('  项目支出: 166.45');
    lines[198] = '  项目支出: 168.45';
    writeFileSync(tables, lines.join('\n'));
    const first = await check();
    expect(first.memoized).toBe(false);
    expect(first.out[0]).toContain('check/likely-change');
    expect(first.out[0]).toContain('须随之改动的合计 27 处');
    const second = await check();
    expect(second.memoized).toBe(true);
    expect(second.out).toEqual(first.out);
    expect(second.out).toEqual(await compiled());
    const files = await checkPaths([dir], false);
    const restored = fromMemoText(memoText(files[0]!)!)!;
    expect(restored.messages.map((m) => ({ ...m }))).toEqual(files[0]!.messages.map((m) => ({ ...m })));
  });

  it('sees an edit of the report, of the previous year, of the template and of a schema', async () => {
    const key = () => memoKey({ ...readInput(dir), templates: templatesOf([dir]), schemas: readSchemaTexts() });
    const before = key();
    const changes: [string, string, string][] = [
      [join(dir, 'index.md'), '\n', '\n\n'],
      [join(dir, '..', '2022', 'index.md'), '\n', '\n\n'],
      [resolve(dir, '..', '..', '..', 'templates', 'jiangxi-county-2023', 'rules.yaml'), '\n', '\n\n'],
    ];
    for (const [path, from, to] of changes) {
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(from, to));
      expect(key(), path).not.toBe(before);
      writeFileSync(path, text);
      expect(key()).toBe(before);
    }
    const schemas = readSchemaTexts();
    expect(memoKey({ ...readInput(dir), templates: templatesOf([dir]), schemas: schemas.map(([f, t], i) => [f, i === 0 ? `${t} ` : t]) })).not.toBe(before);
  });

  it('an edited figure is seen at once, and its undoing answered from the memo again', async () => {
    const start = await check();
    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 293.47\n  政府性基金');
    const edited = await check();
    expect(edited.memoized).toBe(false);
    expect(edited.out[0]).toContain('293.47');
    expect(edited.out).toEqual(await compiled());
    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 293.47\n  政府性基金', '  一般公共预算财政拨款收入: 292.90\n  政府性基金');
    const undone = await check();
    expect(undone.memoized).toBe(true);
    expect(undone.out).toEqual(start.out);
  });

  it('a broken memo entry is a miss', () => {
    expect(fromMemoText('not json')).toBeUndefined();
    expect(fromMemoText('{"path":1,"messages":[]}')).toBeUndefined();
    expect(fromMemoText('{"path":"x","messages":[{"reason":2}]}')).toBeUndefined();
  });
});
