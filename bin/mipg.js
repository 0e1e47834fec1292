#!/usr/bin/env node
// Entry point of the `mipg` command: runs the compiled JavaScript in dist/ (`npm run build`, run by `npm install`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('El bot no está compilado: falta dist/. Ejecute «npm run build» (npm install lo hace solo).');
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
