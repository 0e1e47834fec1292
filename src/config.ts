import { validate as validateCron } from 'node-cron';
import { z } from 'zod/v4';

/** Raised when a setting is wrong; the message is Spanish and names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());

const port = (fallback: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'debe ser un número de puerto' })
      .int('debe ser un número entero')
      .min(0, 'debe estar entre 0 y 65535')
      .max(65535, 'debe estar entre 0 y 65535')
      .default(fallback),
  );

const flag = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0', 'si', 'no'], {
      message: 'debe ser true o false',
    })
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'si'),
);

const reminderDays = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('5,1')
    .transform((text, ctx) => {
      const parts = text.split(',').map((p) => p.trim());
      const days = parts.map(Number);
      if (parts.some((p) => !/^\d+$/.test(p)) || days.some((d) => d < 1 || d > 60)) {
        ctx.addIssue({
          code: 'custom',
          message: 'debe ser una lista de días hábiles entre 1 y 60 separados por comas, por ejemplo 5,1',
        });
        return z.NEVER;
      }
      return [...new Set(days)].sort((a, b) => b - a);
    }),
);

const cron = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .refine((expr) => validateCron(expr), {
        message:
          'no es una expresión cron válida (cinco campos: minuto hora día mes día-semana, por ejemplo "0 8 * * 1")',
      }),
  );

/** `MIPG_EVIDENCIA_HOSTS`: internal host names (or addresses) accepted in evidence links, lowercased. */
const evidenceHosts = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      const hosts = text
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== '');
      if (hosts.some((h) => !/^[a-z0-9.-]+$/.test(h) && !/^\[?[0-9a-f:.]+\]?$/.test(h))) {
        ctx.addIssue({
          code: 'custom',
          message:
            'debe ser una lista de nombres de servidor separados por comas, sin https:// ni rutas, por ejemplo intranet,sharepoint.pasto.local',
        });
        return z.NEVER;
      }
      return [...new Set(hosts)];
    }),
);

/** `MIPG_TAREAS_PUBLICACION`: the plan's task codes that the publication of the action plan is evidence of. */
/**
 * `PTH=C0123,PIC=19:abc@thread.tacv2`: the channel where each plan's leader gets the digest of just that plan
 * (a Slack channel id, or the id of a Teams channel the bot is installed in).
 */
const digestChannels = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('')
    .transform((text, ctx) => {
      const channels: Record<string, string> = {};
      for (const pair of text
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '')) {
        const eq = pair.indexOf('=');
        const code = pair.slice(0, Math.max(eq, 0)).trim().toUpperCase();
        const channel = pair.slice(eq + 1).trim();
        if (eq < 0 || !/^[A-Z][A-Z0-9]{1,7}$/.test(code) || channel === '' || /\s/.test(channel)) {
          ctx.addIssue({
            code: 'custom',
            message:
              'debe ser una lista plan=canal separada por comas, por ejemplo PTH=C0123ABC,PIC=C0456DEF',
          });
          return z.NEVER;
        }
        channels[code] = channel;
      }
      return channels;
    }),
);

const publicationTasks = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default('6.1,6.3')
    .transform((text, ctx) => {
      const codes = text
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
      if (codes.some((c) => !/^\d{1,2}\.\d{1,2}$/.test(c))) {
        ctx.addIssue({
          code: 'custom',
          message: 'debe ser una lista de códigos de tarea separados por comas, por ejemplo 6.1,6.3',
        });
        return z.NEVER;
      }
      return [...new Set(codes)];
    }),
);

const schema = z.object({
  MIPG_DB: z.preprocess(emptyToUndefined, z.string().default('data/mipg.db')),
  MIPG_CONSOLE_USER: optionalText,
  MIPG_DIGEST_CRON: cron('0 8 * * 1'),
  MIPG_REMINDER_CRON: cron('0 8 * * 1-5'),
  MIPG_REMINDER_DAYS: reminderDays,
  /** When the nightly backup is taken (Bogotá); see src/domain/backup/. */
  MIPG_RESPALDO_CRON: cron('0 2 * * *'),
  /** Where backups and their journal go (default: `respaldos` next to the database). */
  MIPG_RESPALDO_DIR: optionalText,
  MIPG_RESPALDO_CONSERVAR: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'debe ser un número de respaldos, por ejemplo 14' })
      .int('debe ser un número entero de respaldos, por ejemplo 14')
      .min(1, 'debe ser al menos 1')
      .max(3650, 'debe ser como mucho 3650')
      .default(14),
  ),
  MIPG_RISK_METHOD: z.preprocess(
    emptyToUndefined,
    z.enum(['v6', 'v7'], { message: 'debe ser v6 o v7' }).default('v7'),
  ),
  MIPG_RISK_ACCEPTABLE_ZONES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('bajo')
      .transform((text, ctx) => {
        const zones = text.split(',').map((z) => z.trim().toLowerCase());
        const known = ['bajo', 'moderado', 'alto', 'extremo'] as const;
        const bad = zones.filter((z) => !(known as readonly string[]).includes(z));
        if (bad.length > 0 || zones.length === 0) {
          ctx.addIssue({
            code: 'custom',
            message:
              'debe ser una lista de zonas separadas por comas entre bajo, moderado, alto y extremo, por ejemplo bajo,moderado',
          });
          return z.NEVER;
        }
        return [...new Set(zones)] as (typeof known)[number][];
      }),
  ),
  MIPG_ASISTENCIA_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({
        protocol: /^https?$/,
        message: 'debe ser una dirección http(s), por ejemplo https://intranet.pasto.gov.co/asistencia/',
      })
      .optional(),
  ),
  MIPG_ASISTENCIA_DIR: optionalText,
  MIPG_PUBLICACION_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({
        protocol: /^https?$/,
        message:
          'debe ser una dirección http(s), por ejemplo https://www.pasto.gov.co/transparencia/plan-de-accion/',
      })
      .optional(),
  ),
  MIPG_TAREAS_PUBLICACION: publicationTasks,
  MIPG_EVIDENCIA_HOSTS: evidenceHosts,
  /** The plan's task whose evidence is the report to the Comité (`informe comite --registrar`). */
  MIPG_TAREA_INFORME_COMITE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,2}\.\d{1,2}$/, {
        message: 'debe ser el código de una tarea del plan (actividad.tarea), por ejemplo 6.4',
      })
      .default('6.4'),
  ),
  MIPG_LOAD_EXAMPLES: z.preprocess(emptyToUndefined, flag.default(true)),
  /** `json` (one object per line, for a log collector) or `texto` (readable); unset: texto on a terminal. */
  MIPG_LOG_FORMATO: z.preprocess(
    emptyToUndefined,
    z.enum(['json', 'texto'], { message: 'debe ser json o texto' }).optional(),
  ),
  MIPG_LOG_NIVEL: z.preprocess(
    (value) => (typeof value === 'string' ? emptyToUndefined(value.trim().toLowerCase()) : value),
    z
      .enum(['debug', 'info', 'warn', 'error', 'silent'], {
        message:
          'debe ser debug, info, warn, error o silent (de más a menos detalle; silent no escribe nada)',
      })
      .default('info'),
  ),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_DIGEST_CHANNEL: optionalText,
  /** Each plan's own digest channel (see `digestChannels`). */
  MIPG_DIGEST_CANALES: digestChannels,
  SLACK_PORT: port(3000),
  SLACK_HOST: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[\w.:-]+$/, {
        message:
          'debe ser una dirección IP o un nombre de equipo, sin http:// ni puerto, por ejemplo 127.0.0.1 o 0.0.0.0',
      })
      .optional(),
  ),
  SLACK_API_URL: z.preprocess(
    emptyToUndefined,
    z
      .url({
        message: 'debe ser una URL http(s), por ejemplo http://127.0.0.1:9000/api/',
      })
      .optional(),
  ),
  TEAMS_ENABLED: flag,
  TEAMS_APP_ID: optionalText,
  TEAMS_APP_PASSWORD: optionalText,
  TEAMS_APP_TENANT_ID: optionalText,
  TEAMS_APP_TYPE: z.preprocess(
    emptyToUndefined,
    z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        message: 'debe ser MultiTenant, SingleTenant o UserAssignedMSI',
      })
      .default('MultiTenant'),
  ),
  TEAMS_PORT: port(3978),
  TEAMS_HOST: optionalText,
  TEAMS_DIGEST_CHANNEL: optionalText,
  TEAMS_BOT_NAME: z.preprocess(emptyToUndefined, z.string().default('Planeación MIPG')),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** Parses the environment once; a wrong value throws a Spanish ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuración');
      return `- ${name}: ${issue.message} (valor actual: "${String(env[name] ?? '')}")`;
    });
    throw new ConfigError(`La configuración no es válida:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'La configuración no es válida:\n- SLACK_SIGNING_SECRET: es obligatorio en modo HTTP (sin SLACK_APP_TOKEN).',
    );
  }
  if (config.TEAMS_APP_ID && !config.TEAMS_APP_PASSWORD && config.TEAMS_APP_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError(
      'La configuración no es válida:\n- TEAMS_APP_PASSWORD: es obligatorio cuando se define TEAMS_APP_ID.',
    );
  }
  if (config.TEAMS_APP_TYPE === 'SingleTenant' && config.TEAMS_APP_ID && !config.TEAMS_APP_TENANT_ID) {
    throw new ConfigError(
      'La configuración no es válida:\n- TEAMS_APP_TENANT_ID: es obligatorio con TEAMS_APP_TYPE=SingleTenant.',
    );
  }
  return Object.freeze(config);
}

/** Slack starts when it has a bot token; Teams when it has an app id or TEAMS_ENABLED=true. */
export function enabledPlatforms(config: Config): {
  slack: boolean;
  teams: boolean;
} {
  return {
    slack: Boolean(config.SLACK_BOT_TOKEN),
    teams: Boolean(config.TEAMS_APP_ID) || config.TEAMS_ENABLED,
  };
}
