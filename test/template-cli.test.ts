// `juesuan template new` and `juesuan template check` on real packs: both shipped packs check clean;
// a copy of the Shanghai pack with one mistake of each kind gets each diagnostic at its file:line:column;
// `template new` copies a pack under a new name that checks clean, and refuses to overwrite one.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadFonts } from '../src/print/fonts.js';
import { ROOT } from './helpers/report.js';

/** Runs the CLI in-process (a command's module is loaded when it runs: the code may come as a promise). */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** `rule path:line:column` of each diagnostic line, the path from the template folder on. */
function found(output: string, template: string): string[] {
  return output
    .split('\n')
    .map((line) => /^(\S+?)(?::(\d+):(\d+))?\s{2}\S+\s{2}.*\s{2}(\S+)$/u.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[4]} ${m[1]!.slice(m[1]!.indexOf(`${template}/`) + template.length + 1)}${m[2] ? `:${m[2]}:${m[3]}` : ''}`);
}

/** `line:column` (1-based) of the first occurrence of a text in a file. */
function at(file: string, needle: string): string {
  const text = readFileSync(file, 'utf8');
  const offset = text.indexOf(needle);
  expect(offset, `${needle} in ${file}`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text.split(from).length - 1, `${from} in ${file}`).toBe(1);
  writeFileSync(file, text.replace(from, to));
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-templates-'));
  cpSync(join(ROOT, 'templates'), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('juesuan template check', () => {
  it('passes both shipped packs', async () => {
    const result = await run(['template', 'check', 'shanghai-district-2025', 'jiangxi-county-2023', '--templates', join(ROOT, 'templates')]);
    expect(result.out).toBe('✔ 2 个模板检查通过,没有发现问题\n');
    expect(result.code).toBe(0);
  });

  it('finds each kind of mistake in a pack at its place', async () => {
    const pack = join(dir, 'shanghai-district-2025');
    expect(loadFonts().covers('𠀀'.codePointAt(0)!)).toBe(false);
    edit(join(pack, 'rules.yaml'), 'left: [表五.合计.基本支出], right: [表六.人员经费合计', 'left: [表五.合计.基本支付], right: [表六.人员经费合计');
    edit(join(pack, 'rules.yaml'), 'right: [表七.公务用车购置费.决算数]', 'right: [表七.公务用车购买费.决算数]');
    edit(join(pack, 'narrative', '机关运行经费支出情况.hbs'), '{{万元 机关运行经费.决算数}}', '{{万圆 机关运行经费.决算数}}');
    edit(join(pack, 'narrative', '收入支出决算总体情况说明.hbs'), '{{万元 表一.收入.总计}}', '{{万元 表一.收入.合计}}');
    edit(join(pack, 'narrative', '国有资本经营预算财政拨款收入支出决算情况说明.hbs'), '{{else}}', '{{else}}{{> 无此片段}}');
    writeFileSync(join(pack, 'narrative', '坏片段.hbs'), '本年{{#if 表一.收入.总计}}有收入\n');
    edit(join(pack, 'template.yaml'), '机关运行经费: 机关运行经费.决算数', '机关运行经费: 表六.机关运行经费');
    edit(join(pack, 'tables', 't1.yaml'), '{code: "223", ordinal: 二十一}', '{code: "225", ordinal: 二十一}');
    edit(join(pack, 'tables', 't9.yaml'), 'title: 国有资本经营预算财政拨款收入支出决算表', 'title: 国有资本经营预算财政拨款收入支出决算表𠀀');
    const result = await run(['template', 'check', 'shanghai-district-2025', '--templates', dir]);
    expect(result.code).toBe(1);
    expect(found(result.out, 'shanghai-district-2025').sort()).toEqual(
      [
        'narrate/syntax narrative/坏片段.hbs:2:1',
        `narrate/unknown-partial narrative/国有资本经营预算财政拨款收入支出决算情况说明.hbs:${at(join(pack, 'narrative', '国有资本经营预算财政拨款收入支出决算情况说明.hbs'), '{{> 无此片段}}')}`,
        `template/invalid-reference template.yaml:${at(join(pack, 'template.yaml'), '表六.机关运行经费')}`,
        `template/invalid-reference tables/t1.yaml:${at(join(pack, 'tables', 't1.yaml'), '"225"')}`,
        `print/missing-glyph tables/t9.yaml:${at(join(pack, 'tables', 't9.yaml'), '𠀀')}`,
        `template/invalid-reference narrative/收入支出决算总体情况说明.hbs:${at(join(pack, 'narrative', '收入支出决算总体情况说明.hbs'), '表一.收入.合计')}`,
        `template/invalid-reference rules.yaml:${at(join(pack, 'rules.yaml'), '表五.合计.基本支付')}`,
        `template/invalid-reference rules.yaml:${at(join(pack, 'rules.yaml'), '表七.公务用车购买费.决算数')}`,
        `template/unknown-helper narrative/机关运行经费支出情况.hbs:${at(join(pack, 'narrative', '机关运行经费支出情况.hbs'), '{{万圆')}`,
      ].sort(),
    );
    expect(result.out).toContain('表五 没有「基本支付」栏');
    expect(result.out).toContain('表七 没有「公务用车购买费」行');
    expect(result.out).toContain('不存在的辅助函数「万圆」');
    expect(result.out).toContain('U+20000');
    expect(result.out).toContain('✖ 1 个模板');
  });

  it('reports a definition that breaks its schema', async () => {
    const pack = join(dir, 'jiangxi-county-2023');
    edit(join(pack, 'tables', 't05.yaml'), 'layout: classified', 'layout: classified\nwidth: 3');
    const result = await run(['template', 'check', 'jiangxi-county-2023', '--templates', dir]);
    expect(result.code).toBe(1);
    expect(found(result.out, 'jiangxi-county-2023')).toContain(`template/invalid tables/t05.yaml:${at(join(pack, 'tables', 't05.yaml'), 'width: 3')}`);
  });

  it('refuses an unknown pack with a usage error', async () => {
    const result = await run(['template', 'check', 'no-such-pack', '--templates', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('没有模板「no-such-pack」');
  });
});

describe('juesuan template new', () => {
  let fresh = '';
  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), 'juesuan-templates-'));
    cpSync(join(ROOT, 'templates'), fresh, { recursive: true });
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('copies a pack under a new name that checks clean', async () => {
    const result = await run(['template', 'new', 'shanghai-district-2026', '--from', 'shanghai-district-2025', '--templates', fresh]);
    expect(result.code).toBe(0);
    const pack = join(fresh, 'shanghai-district-2026');
    expect(readFileSync(join(pack, 'template.yaml'), 'utf8')).toMatch(/^name: shanghai-district-2026$/mu);
    expect(readFileSync(join(pack, 'tables', 't7.yaml'), 'utf8')).toBe(readFileSync(join(ROOT, 'templates', 'shanghai-district-2025', 'tables', 't7.yaml'), 'utf8'));
    expect(result.out).toContain('已写入');
    expect(result.out).toContain('juesuan template check shanghai-district-2026');
    const check = await run(['template', 'check', 'shanghai-district-2026', '--templates', fresh]);
    expect(check.out).toBe('✔ 1 个模板检查通过,没有发现问题\n');
  });

  it('refuses to overwrite a pack, a bad name, and a missing --from', async () => {
    const again = await run(['template', 'new', 'shanghai-district-2026', '--from', 'shanghai-district-2025', '--templates', fresh]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('已存在');
    expect((await run(['template', 'new', 'Shanghai 2026', '--from', 'shanghai-district-2025', '--templates', fresh])).err).toContain('只能由小写字母');
    expect((await run(['template', 'new', 'x-2026', '--templates', fresh])).err).toContain('--from');
    expect(existsSync(join(fresh, 'x-2026'))).toBe(false);
  });
});
