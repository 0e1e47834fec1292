/**
 * The bot's health: one report, platform-neutral, that `GET /salud` (Slack HTTP, Teams) answers as JSON and
 * `mipg salud` prints. It carries counts, instants and Spanish sentences only: no token, name, e-mail, path
 * or message text. What counts as a problem is listed in the README («Salud del bot»).
 */

/**
 * One part of the report. `ok` false is a problem (the report answers 503); null is something that cannot
 * be known from where the check runs, or was not checked because the database did not answer.
 */
export interface Check {
  ok: boolean | null;
  /** A Spanish sentence for whoever reads the report. */
  detail: string;
}

export interface MigrationsCheck extends Check {
  applied: number | null;
  shipped: number | null;
  pending: number | null;
  unknown: number | null;
}

/** A scheduled job as the database records it. */
export interface JobCheck {
  name: string;
  /** Its last run (or the scheduler's last start), from the database. */
  lastRunAt: string | null;
  /** The last time its cron expression said it should run. */
  dueAt: string | null;
  /** Due a while ago and not run since. */
  overdue: boolean;
}

export type SchedulerStatus = 'running' | 'starting' | 'stopped' | 'stalled' | 'unknown';

export interface SchedulerCheck extends Check {
  /** `unknown` outside the bot's process (`mipg salud`): only the database's records are seen there. */
  state: SchedulerStatus;
  startedAt: string | null;
  lastTickAt: string | null;
  crons: { active: number; total: number } | null;
  jobs: JobCheck[];
}

export interface DigestCheck extends Check {
  /** When the last weekly digest went out, to any channel. */
  sentAt: string | null;
}

export interface SendsCheck extends Check {
  /** Claimed and not sent yet (being sent now, or left by a process that stopped mid-send). */
  pending: number | null;
  /** Failed, with another attempt scheduled. */
  retrying: number | null;
  /** Failed for good in the last 24 hours, whatever the reason (a person no platform reaches included). */
  failedLastDay: number | null;
  /** Of those, the ones that used every attempt: the platform kept refusing. A problem. */
  gaveUpLastDay: number | null;
  /** Claimed in the last 24 hours, more than 2 hours ago, and still pending. A problem. */
  stuckLastDay: number | null;
}

export interface BackupCheck extends Check {
  at: string | null;
  /** Whether the last backup worked; null when there is none yet. */
  succeeded: boolean | null;
  /** The backup file's name (no folder). */
  file: string | null;
}

export interface HealthReport {
  ok: boolean;
  /** «bien» or «con problemas». */
  status: string;
  checkedAt: string;
  /** The detail of every check that failed, in Spanish. */
  problems: string[];
  database: Check;
  migrations: MigrationsCheck;
  scheduler: SchedulerCheck;
  lastDigest: DigestCheck;
  sends: SendsCheck;
  backup: BackupCheck;
}

/** The report's parts, in the order they are shown. */
export const CHECK_LABELS = {
  database: 'Base de datos',
  migrations: 'Migraciones',
  scheduler: 'Programador',
  lastDigest: 'Último resumen semanal',
  sends: 'Envíos',
  backup: 'Último respaldo',
} as const;

export type CheckName = keyof typeof CHECK_LABELS;

/** Puts the checks together: healthy when none failed (a check that could not be known does not fail). */
export function assembleReport(checkedAt: Date, checks: Pick<HealthReport, CheckName>): HealthReport {
  const names = Object.keys(CHECK_LABELS) as CheckName[];
  const problems = names.filter((name) => checks[name].ok === false).map((name) => checks[name].detail);
  const ok = problems.length === 0;
  // Each part with `ok` and `detail` first, for whoever reads the JSON.
  const parts = Object.fromEntries(
    names.map((name) => {
      const { ok, detail, ...rest } = checks[name];
      return [name, { ok, detail, ...rest }];
    }),
  ) as Pick<HealthReport, CheckName>;
  return {
    ok,
    status: ok ? 'bien' : 'con problemas',
    checkedAt: checkedAt.toISOString(),
    problems,
    ...parts,
  };
}

/** What `GET /salud` answers: 200 when healthy, else 503; the report as JSON either way. */
export function healthResponse(health: () => HealthReport): { status: 200 | 503; body: string } {
  try {
    const report = health();
    return { status: report.ok ? 200 : 503, body: JSON.stringify(report) };
  } catch {
    return {
      status: 503,
      body: JSON.stringify({
        ok: false,
        status: 'con problemas',
        problems: ['No se pudo revisar la salud del bot; vea su registro.'],
      }),
    };
  }
}
