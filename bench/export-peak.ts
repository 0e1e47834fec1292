import { openMigratedDatabase } from '../db/client.ts';
import { indicatorsExporter } from '../src/cli/indicators-io.ts';
import { loadConfig } from '../src/config.ts';
import { SYSTEM } from '../src/domain/audit/log.ts';
import { clockAtBogotaDate } from '../src/domain/clock.ts';
import { silentLogger } from '../src/domain/logger.ts';
import { BENCH_TODAY } from './dataset.ts';

/**
 * Child process of the benchmark: `exportar indicadores --formato xlsx` on a database file (mode `xlsx`), or
 * the same start without the export (mode `base`), then prints its peak resident memory.
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
  const data = await indicatorsExporter.run('xlsx', { positional: [], options: {} }, env);
  if (data.length === 0) throw new Error('el libro salió vacío');
}
console.log(`PICO_KIB ${process.resourceUsage().maxRSS}`);
