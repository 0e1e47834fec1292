import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase } from '../db/client.ts';
import { indicatorsExporter } from '../src/cli/indicators-io.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM } from '../src/domain/audit/log.ts';
import { clockAtBogotaDate } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { saveFile, wholeFile } from '../src/domain/streamed.ts';
import { BENCH_TODAY } from './dataset.ts';

/**
 * Child process of the benchmark: `exportar indicadores --formato xlsx` on a database file (mode `xlsx`),
 * streamed into a file as `mipg exportar … --salida` does, or the same start without the export (mode
 * `base`), then prints its peak resident memory.
 */
const [file = '', mode = 'base'] = process.argv.slice(3);
const db = openMigratedDatabase(file);
if (mode === 'xlsx') {
  const env = {
    config: loadConfig({ MIPG_DB: file }),
    db,
    clock: clockAtBogotaDate(BENCH_TODAY),
    author: SYSTEM,
    log: silentLogger,
    out: () => {},
    err: () => {},
    write: () => {},
  };
  const dir = mkdtempSync(join(tmpdir(), 'mipg-banco-xlsx-'));
  const output = join(dir, 'indicadores.xlsx');
  const data = await indicatorsExporter.stream('xlsx', { positional: [], options: {} }, env);
  await saveFile(output, typeof data === 'string' ? wholeFile(data) : data);
  const size = statSync(output).size;
  rmSync(dir, { recursive: true, force: true });
  if (size === 0) throw new Error('el libro salió vacío');
}
console.log(`PICO_KIB ${process.resourceUsage().maxRSS}`);
