#!/usr/bin/env node
// The juesuan command: runs the compiled CLI (lib/bundle/, see scripts/bundle.mjs), setting the
// exit code it returns. Once the command has finished, a handle left open (a browser that failed
// to start) cannot keep it alive.
import { setFlagsFromString } from 'node:v8';
import { main } from '../lib/bundle/main.js';

const argv = process.argv.slice(2);
// A command that runs once and ends is over before V8's optimizing compiler pays for itself: its
// background compiles cost more CPU than they save (bench/cold.test.ts: a check after an edit,
// 1.5 → 1.0 s; `check reports` 7.6 → 5.2 s). The long-running ones (preview, --watch, build with
// its browser) keep it.
const longRunning = argv[0] === 'preview' || argv[0] === 'build' || argv.includes('--watch');
if (!longRunning && !process.env.JUESUAN_V8_OPT) setFlagsFromString('--no-opt');

const write = (stream) => (text) => stream.write(text);
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(argv, write(process.stdout), write(process.stderr));
setTimeout(() => process.exit(process.exitCode), 2_000).unref();
