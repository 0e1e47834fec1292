#!/usr/bin/env node
// Entry point of the `mipg` command: runs the TypeScript CLI through tsx, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
