#!/usr/bin/env node
// The juesuan command: runs the compiled CLI (lib/), setting the exit code it returns. Once the
// command has finished, a handle left open (a browser that failed to start) cannot keep it alive.
import { main } from '../lib/cli/main.js';

const write = (stream) => (text) => stream.write(text);
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2), write(process.stdout), write(process.stderr));
setTimeout(() => process.exit(process.exitCode), 2_000).unref();
