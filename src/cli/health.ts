import { type Config, enabledPlatforms } from '../config.ts';
import { checkHealth, type HealthReport, healthText } from '../scheduler/health/index.ts';
import { textOrJson } from './args.ts';
import type { FileCommand, FileEnv } from './types.ts';

const usage = 'salud [--servidor] [--formato texto|json]';
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);
/** How long the running bot gets to answer `--servidor`. */
const SERVER_TIMEOUT_MS = 5_000;

/**
 * Where the running bot serves `/salud` on this machine: the Slack HTTP port, else the Teams one; none
 * with Slack in Socket Mode alone or the console.
 */
export function healthUrl(config: Config): string | undefined {
  const platforms = enabledPlatforms(config);
  const slackHttp = platforms.slack && !config.SLACK_APP_TOKEN;
  if (!slackHttp && !platforms.teams) return undefined;
  const host = slackHttp ? config.SLACK_HOST : config.TEAMS_HOST;
  const port = slackHttp ? config.SLACK_PORT : config.TEAMS_PORT;
  const local = !host || WILDCARDS.has(host) ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}/salud`;
}

/** Asks the running bot for its report; undefined (and says why) when it does not answer with one. */
async function askServer(url: string, env: FileEnv): Promise<HealthReport | undefined> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(SERVER_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    env.err(`El bot no responde en ${url} (${cause}): no está en marcha o escucha en otro puerto.`);
    return undefined;
  }
  try {
    const report = (await response.json()) as HealthReport;
    if (typeof report.ok !== 'boolean') throw new Error('sin campo ok');
    return report;
  } catch {
    env.err(`Lo que responde en ${url} (estado ${response.status}) no es el informe de salud del bot.`);
    return undefined;
  }
}

/**
 * `mipg salud`: the health report, from the database file as it is (read-only, nothing migrated); the
 * scheduler's state cannot be seen from another process. With `--servidor`, the running bot's own report
 * (`GET /salud`), which the Docker HEALTHCHECK uses. Exit code 0 when healthy, 1 when not.
 */
export const healthCommand: FileCommand = {
  name: 'salud',
  summary:
    'Revisa la base de datos, las migraciones, el programador, el último resumen, los envíos y el último respaldo; termina con código 1 si algo anda mal. Con --servidor pregunta al bot en marcha (GET /salud).',
  usage,
  ownsDatabase: true,
  async run(args, env) {
    const format = textOrJson(args, usage);
    let report: HealthReport | undefined;
    const url = args.options.servidor === undefined ? undefined : healthUrl(env.config);
    if (args.options.servidor !== undefined && !url) {
      env.err(
        'El bot no sirve /salud con esta configuración (Slack en modo Socket o la consola): se revisa desde aquí.',
      );
    }
    if (url) {
      report = await askServer(url, env);
      if (!report) return 1;
    }
    report ??= checkHealth({ file: env.config.MIPG_DB, clock: env.clock, config: env.config });
    env.out(format === 'json' ? JSON.stringify(report, null, 2) : healthText(report));
    return report.ok ? 0 : 1;
  },
};
