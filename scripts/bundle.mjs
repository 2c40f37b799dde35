// Bundles the compiled CLI (lib/cli/main.js, from tsc) into lib/bundle/: one module for the entry
// and one chunk per lazily loaded command, so a process loads a few files instead of hundreds
// (bench/cold.test.ts measures the start). Libraries loaded at run time through require (Ajv, the
// Markdown parser) and the browser, PDF and spreadsheet libraries stay in node_modules.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'rolldown';

const root = join(import.meta.dirname, '..');
const out = join(root, 'lib', 'bundle');
rmSync(out, { recursive: true, force: true });
await build({
  input: { main: join(root, 'lib', 'cli', 'main.js') },
  platform: 'node',
  external: [/^node:/u, 'puppeteer-core', 'pdf-lib', '@e965/xlsx', /^ajv(\/|$)/u],
  logLevel: 'warn',
  output: { dir: out, format: 'esm', chunkFileNames: '[name]-[hash].js', minify: false },
});
