#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so there is no build step between a change and `npx meshwright`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
process.exitCode = await main(process.argv.slice(2), io);
