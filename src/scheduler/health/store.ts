import { and, eq, gte, isNotNull, isNull, lt, max, sql } from 'drizzle-orm';
import { type Db, openDatabaseReadOnly } from '../../../db/client.ts';
import { migrationStatus } from '../../../db/migration-status.ts';
import { deliveries } from '../../../db/schema/index.ts';
import { bogotaDateTime } from '../../views/dates.ts';
import { DIGEST_KIND } from '../jobs.ts';
import { MAX_ATTEMPTS } from '../ledger.ts';
import type { Check, DigestCheck, MigrationsCheck, SendsCheck } from './report.ts';

const HOUR_MS = 3_600_000;
/** Sending takes seconds: a send still pending after this was left by a process that stopped mid-send. */
const STUCK_AFTER_MS = 2 * HOUR_MS;
/** How long a send that went wrong keeps the bot unhealthy. */
const PROBLEM_WINDOW_MS = 24 * HOUR_MS;

const NOT_CHECKED = 'Sin revisar: la base de datos no responde.';

/** Why SQLite refused, in words, from its error code (the message may name the file). */
function databaseTrouble(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  // better-sqlite3 says a missing folder with a TypeError of its own, before SQLite is asked.
  if (code.startsWith('SQLITE_CANTOPEN') || /directory does not exist/.test(String(error)))
    return 'No se puede abrir el archivo de la base de datos (MIPG_DB): no existe o no se puede leer.';
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'))
    return 'El archivo de la base de datos (MIPG_DB) está dañado o no es una base de datos SQLite.';
  if (code.startsWith('SQLITE_IOERR'))
    return 'El disco no deja leer la base de datos (MIPG_DB): error de entrada/salida.';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return 'La base de datos está bloqueada por otro proceso desde hace más de 5 segundos.';
  return `La base de datos no responde${code ? ` (${code})` : ''}.`;
}

/** Reads the file's schema through `db`; a file that is missing, unreadable or not SQLite throws. */
function touch(db: Db): void {
  db.$client.prepare('SELECT count(*) FROM sqlite_master').get();
}

/**
 * Checks the database: the file at `file` is opened afresh (read-only), so a file removed, replaced or made
 * unreadable under a running bot shows; then the bot's own connection, when there is one, is asked too.
 * Returns the check and the connection the other checks read (the bot's, or the fresh one, which the
 * caller closes), or none when the database did not answer.
 */
export function checkDatabase(
  file: string,
  own: Db | undefined,
): { check: Check; db: Db | undefined; opened: Db | undefined } {
  let opened: Db | undefined;
  try {
    if (file !== ':memory:') {
      opened = openDatabaseReadOnly(file);
      touch(opened);
    }
  } catch (error) {
    opened?.$client.close();
    return { check: { ok: false, detail: databaseTrouble(error) }, db: undefined, opened: undefined };
  }
  if (own) {
    try {
      touch(own);
    } catch (error) {
      opened?.$client.close();
      return {
        check: {
          ok: false,
          detail: `La conexión del bot con la base de datos falla. ${databaseTrouble(error)}`,
        },
        db: undefined,
        opened: undefined,
      };
    }
  }
  const db = own ?? opened;
  return { check: { ok: true, detail: 'Responde.' }, db, opened };
}

/** Runs a check that reads the database; a failing read is a problem, no database is "not checked". */
export function reading<T extends Check>(
  db: Db | undefined,
  blank: Omit<T, 'ok' | 'detail'>,
  what: string,
  read: (db: Db) => T,
): T {
  if (!db) return { ...blank, ok: null, detail: NOT_CHECKED } as T;
  try {
    return read(db);
  } catch (error) {
    return { ...blank, ok: false, detail: `No se pudo leer ${what}. ${databaseTrouble(error)}` } as T;
  }
}

/** Applied migrations against the journal shipped with this code. */
export function checkMigrations(db: Db | undefined): MigrationsCheck {
  const blank = { applied: null, shipped: null, pending: null, unknown: null };
  return reading<MigrationsCheck>(db, blank, 'las migraciones aplicadas', (open) => {
    const status = migrationStatus(open.$client);
    if (status.pending > 0) {
      return {
        ...status,
        ok: false,
        detail: `Faltan ${status.pending} de ${status.shipped} migraciones: el bot las aplica al iniciar (o «npx mipg migrar»).`,
      };
    }
    if (status.unknown > 0) {
      return {
        ...status,
        ok: false,
        detail: `La base de datos tiene ${status.unknown} migraciones que esta versión del bot no conoce: la escribió una versión más nueva.`,
      };
    }
    return { ...status, ok: true, detail: `Al día (${status.applied} aplicadas).` };
  });
}

/** When the last weekly digest went out. Informative: a digest that did not go out shows in the scheduler. */
export function checkDigest(db: Db | undefined): DigestCheck {
  return reading<DigestCheck>(db, { sentAt: null }, 'el registro de envíos', (open) => {
    const row = open
      .select({ at: max(deliveries.sentAt) })
      .from(deliveries)
      .where(and(eq(deliveries.kind, DIGEST_KIND), eq(deliveries.status, 'sent')))
      .get();
    const sentAt = row?.at ?? null;
    return {
      sentAt,
      ok: true,
      detail: sentAt
        ? `Enviado el ${bogotaDateTime(sentAt)}.`
        : 'Todavía no se ha enviado ningún resumen semanal.',
    };
  });
}

/** Sends pending and failed, from the ledger; what went wrong in the last 24 hours is a problem. */
export function checkSends(db: Db | undefined, now: Date): SendsCheck {
  const blank = {
    pending: null,
    retrying: null,
    failedLastDay: null,
    gaveUpLastDay: null,
    stuckLastDay: null,
  };
  return reading<SendsCheck>(db, blank, 'el registro de envíos', (open) => {
    const since = new Date(now.getTime() - PROBLEM_WINDOW_MS).toISOString();
    const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS).toISOString();
    const finalFailure = and(eq(deliveries.status, 'failed'), isNull(deliveries.nextAttemptAt));
    const row = open
      .select({
        pending: sql<number>`count(*) filter (where ${eq(deliveries.status, 'pending')})`,
        retrying: sql<number>`count(*) filter (where ${and(eq(deliveries.status, 'failed'), isNotNull(deliveries.nextAttemptAt))})`,
        failedLastDay: sql<number>`count(*) filter (where ${and(finalFailure, gte(deliveries.claimedAt, since))})`,
        gaveUpLastDay: sql<number>`count(*) filter (where ${and(finalFailure, gte(deliveries.claimedAt, since), gte(deliveries.attempts, MAX_ATTEMPTS))})`,
        stuckLastDay: sql<number>`count(*) filter (where ${and(eq(deliveries.status, 'pending'), gte(deliveries.claimedAt, since), lt(deliveries.claimedAt, stuckBefore))})`,
      })
      .from(deliveries)
      .get();
    const counts = {
      pending: row?.pending ?? 0,
      retrying: row?.retrying ?? 0,
      failedLastDay: row?.failedLastDay ?? 0,
      gaveUpLastDay: row?.gaveUpLastDay ?? 0,
      stuckLastDay: row?.stuckLastDay ?? 0,
    };
    const summary = `${counts.pending} pendientes, ${counts.retrying} en reintento y ${counts.failedLastDay} fallidos sin más intentos en las últimas 24 horas.`;
    const problems = [
      counts.gaveUpLastDay > 0 &&
        `${counts.gaveUpLastDay} envíos fallaron en sus ${MAX_ATTEMPTS} intentos: la plataforma los rechaza.`,
      counts.stuckLastDay > 0 &&
        `${counts.stuckLastDay} envíos quedaron pendientes hace más de 2 horas: un proceso se detuvo mientras enviaba (vea «npx mipg envios --estado pendiente»).`,
    ].filter((p): p is string => typeof p === 'string');
    return {
      ...counts,
      ok: problems.length === 0,
      detail: [summary, ...problems].join(' '),
    };
  });
}
