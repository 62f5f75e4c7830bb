#!/usr/bin/env node
import { run } from './run.js';

// The first Ctrl-C (or SIGTERM) aborts the command cleanly; a second Ctrl-C exits at once.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.once('SIGTERM', () => interrupt.abort());

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Created only when read (`-f -`): an idle stdin handle could keep the process alive.
  stdin: { isTTY: process.stdin.isTTY, [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
  env: process.env,
  signal: interrupt.signal,
});
