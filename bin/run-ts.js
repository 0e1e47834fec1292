#!/usr/bin/env node
// Runs one TypeScript file (benchmarks, scripts) through tsx.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const file = process.argv[2];
if (!file) {
  console.error('Uso: node bin/run-ts.js <archivo.ts>');
  process.exit(2);
}
await import(pathToFileURL(resolve(file)).href);
