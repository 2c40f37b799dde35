#!/usr/bin/env node
// The juesuan command: runs the compiled CLI (lib/), setting the exit code it returns.
import { main } from '../lib/cli/main.js';

const write = (stream) => (text) => stream.write(text);
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2), write(process.stdout), write(process.stderr));
