// Preloaded with `node --import`: on exit, prints to stderr the npm packages whose CommonJS modules were loaded.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const packages = new Set();
  for (const path of Object.keys(require.cache)) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(path);
    if (match) packages.add(match[1].replace('\\', '/'));
  }
  process.stderr.write(`\nPAQUETES CARGADOS: ${JSON.stringify([...packages].sort())}\n`);
});
