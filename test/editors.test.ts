// The editor support (README「编辑器」): every $ref of juesuan's schemas and the packs' block
// schemas resolves to a local file (the same one whether resolved against the file or its $id),
// .vscode/settings.json gives each template YAML file a schema that accepts it, and the problem
// matcher of .vscode/tasks.json reads every problem `juesuan check` prints.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { copyReport, edit, remove, ROOT } from './helpers/report.js';

function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), test) : test(e.name) ? [join(dir, e.name)] : []));
}

const read = (path: string): unknown => (path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : parse(readFileSync(path, 'utf8')));

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

function pointer(doc: unknown, fragment: string): unknown {
  if (fragment === '' || fragment === '/') return doc;
  return fragment
    .slice(1)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/gu, '/').replace(/~0/gu, '~'))
    .reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), doc);
}

const schemaFiles = [...files(join(ROOT, 'schemas'), (n) => n.endsWith('.schema.json')), ...files(join(ROOT, 'templates'), (n) => n.endsWith('.schema.yaml'))];

describe('schemas for editors', () => {
  it('resolve every $ref to a local file and a place in it, against the file and against its $id alike', () => {
    expect(schemaFiles.length).toBeGreaterThan(20);
    let external = 0;
    for (const file of schemaFiles) {
      const schema = read(file) as { $id?: string };
      for (const ref of refsOf(schema)) {
        const where = `${relative(ROOT, file)}: $ref ${ref}`;
        expect(ref, where).not.toMatch(/^[a-z][a-z0-9+.-]*:/iu);
        const [path, fragment = ''] = ref.split('#');
        const target = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
        expect(existsSync(target), where).toBe(true);
        expect(pointer(read(target), fragment), where).toBeDefined();
        if (path) external++;
        if (path && schema.$id) {
          // Ajv resolves against the $id: it must name the same file, under https://juesuan.dev/.
          const byId = decodeURIComponent(new URL(path, schema.$id).pathname);
          expect(byId, where).toBe(`/${relative(ROOT, target).split('\\').join('/')}`);
        }
      }
    }
    expect(external).toBeGreaterThan(100);
  });

  it('are given by .vscode/settings.json to every template YAML file they describe, and accept it', () => {
    const settings = JSON.parse(readFileSync(join(ROOT, '.vscode', 'settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string> };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const file of files(join(ROOT, 'schemas'), (n) => n.endsWith('.schema.json'))) ajv.addSchema(read(file) as object);
    const covered = new Set<string>();
    for (const [schemaPath, glob] of Object.entries(settings['yaml.schemas'])) {
      const schema = read(join(ROOT, schemaPath)) as { $id: string };
      const validate = ajv.getSchema(schema.$id)!;
      const pattern = new RegExp(`^${glob.replace(/[.]/gu, '\\.').replace(/\*/gu, '[^/]+')}$`, 'u');
      const matched = files(join(ROOT, 'templates'), () => true).map((f) => relative(ROOT, f).split('\\').join('/')).filter((f) => pattern.test(f));
      expect(matched.length, glob).toBeGreaterThan(0);
      for (const f of matched) {
        covered.add(f);
        expect(validate(read(join(ROOT, f))), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
    // Every YAML file of a pack that has a schema of juesuan's is covered (classifications and block schemas have none).
    const uncovered = files(join(ROOT, 'templates'), (n) => n.endsWith('.yaml'))
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => !covered.has(f) && !/\/(classifications|blocks)\//u.test(f));
    expect(uncovered).toEqual([]);
  });
});

describe('the check task of .vscode/tasks.json', () => {
  const dir = copyReport();
  afterAll(() => remove(dir));

  it('matches every error and warning `juesuan check` prints, with its file, line, column and rule', () => {
    edit(dir, 'tables.md', '  一般公共预算财政拨款收入: 292.90\n  政府性基金', '  一般公共预算财政拨款收入: 293.47\n  政府性基金');
    const tasks = JSON.parse(readFileSync(join(ROOT, '.vscode', 'tasks.json'), 'utf8')) as { tasks: { label: string; problemMatcher: { severity: string; pattern: { regexp: string } }[] }[] };
    const task = tasks.tasks.find((t) => t.label.startsWith('juesuan check'))!;
    const run = (format: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'juesuan.js'), 'check', dir, '--format', format], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout;
    const json = JSON.parse(run('json')) as { reports: { counts: { error: number; warning: number }; messages: { rule: string }[] }[] };
    const human = run('human').split('\n');
    const found: { severity: string; file: string; line: number; column: number; rule: string }[] = [];
    for (const line of human) {
      for (const matcher of task.problemMatcher) {
        const m = new RegExp(matcher.pattern.regexp, 'u').exec(line);
        if (m) found.push({ severity: matcher.severity, file: m[1]!, line: Number(m[2]), column: Number(m[3]), rule: m[5]! });
      }
    }
    const errors = json.reports.reduce((n, r) => n + r.counts.error, 0);
    const warnings = json.reports.reduce((n, r) => n + r.counts.warning, 0);
    const rules = new Set(json.reports.flatMap((r) => r.messages.map((m) => m.rule)));
    expect(errors).toBeGreaterThan(0);
    expect(found.filter((f) => f.severity === 'error')).toHaveLength(errors);
    expect(found.filter((f) => f.severity === 'warning')).toHaveLength(warnings);
    for (const f of found) {
      expect(existsSync(resolve(ROOT, f.file)), f.file).toBe(true);
      expect(rules.has(f.rule), f.rule).toBe(true);
    }
    expect(found.some((f) => f.file.endsWith('tables.md') && f.line > 0 && f.column > 0)).toBe(true);
  });
});
