import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchFanOut, benchSlashCommand, type LoadResult } from './slack.ts';
import { benchStartup } from './startup.ts';

/**
 * `npm run bench`: how long the `mipg` command takes to start and answer /ayuda against a bare Node start;
 * how fast the Slack adapter handles a slash command compared with a Bolt app that
 * only acks (same process, same machine), and how long the digest plus 1,000 reminders take against
 * a fake Web API that rate-limits some calls. Not part of `npm test`.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 1000);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
/** `npm run bench -- arranque` measures only the start-up. */
const only = process.argv.slice(2).find((a) => a === 'arranque');

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('es-CO', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function row(name: string, r: LoadResult): string {
  return `${name.padEnd(30)} ${fmt(r.perSecond, 0).padStart(10)} ${fmt(r.p50, 2).padStart(10)} ${fmt(r.p99, 2).padStart(10)}${r.failures ? `   (${r.failures} fallidas)` : ''}`;
}

const cpu = cpus()[0]?.model ?? 'CPU desconocida';
console.log(`Banco de pruebas de Slack · Node ${process.version} · ${cpus().length} núcleos (${cpu})`);
console.log(`Carga del equipo al empezar (1 min): ${fmt(loadavg()[0] ?? 0, 2)}\n`);

console.log(
  `0) Arranque: node bin/mipg.js chat "/ayuda" frente a node -e 0, mediana de ${STARTUP_RUNS} de cada uno.`,
);
const bin = process.env.BENCH_MIPG_BIN ? resolve(process.env.BENCH_MIPG_BIN) : undefined;
if (bin) console.log(`   Orden medida: ${bin}`);
const startup = benchStartup(STARTUP_RUNS, bin);
console.log(
  `   mipg: ${fmt(startup.mipgMs, 0)} ms · node -e 0: ${fmt(startup.nodeMs, 0)} ms · ` +
    `relación ${fmt(startup.ratio, 1)}× · memoria pico de mipg: ${fmt(startup.peakMiB, 0)} MiB\n`,
);
if (only === 'arranque') process.exit(0);

console.log(`1) /estado tareas por HTTP: ${REQUESTS} solicitudes firmadas, ${CONCURRENCY} a la vez.`);
console.log(
  '   Cada respuesta HTTP espera a que termine el trabajo (processBeforeResponse), incluida la respuesta a Slack.\n',
);
const { mipg, bare } = await benchSlashCommand(REQUESTS, CONCURRENCY);
console.log(
  `${''.padEnd(30)} ${'solic./s'.padStart(10)} ${'p50 (ms)'.padStart(10)} ${'p99 (ms)'.padStart(10)}`,
);
console.log(row('Bot MIPG', mipg));
console.log(row('Bolt que solo responde ack', bare));
console.log(
  `\n   Relación bot / Bolt vacío: ${fmt(mipg.perSecond / bare.perSecond, 2)} del caudal; ` +
    `p50 ${fmt(mipg.p50 / bare.p50, 2)}× y p99 ${fmt(mipg.p99 / bare.p99, 2)}× más lento.\n`,
);

console.log(`2) Resumen al canal y ${REMINDERS} recordatorios por mensaje directo (cliente de producción).`);
console.log('   La API falsa responde 429 con Retry-After: 1 a una de cada 100 llamadas.\n');
const fan = await benchFanOut(REMINDERS, 100, 1);
console.log(
  `   Tiempo total: ${fmt(fan.seconds, 2)} s · mensajes entregados: ${fan.delivered} de ${REMINDERS + 1}`,
);
console.log(`   Respuestas 429 atendidas: ${fan.rateLimited} · envíos fallidos: ${fan.failed}`);
