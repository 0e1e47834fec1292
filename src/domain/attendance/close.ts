import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { attendanceSessions, evidence } from '../../../db/schema/index.ts';
import { audit, SYSTEM } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { attendanceList } from './list.ts';
import { type ListPublishing, listPublishing, publishList } from './publish.ts';
import { requireSession, type SessionView } from './store.ts';
import { hasEnded } from './time.ts';

/** What closing an ended session did. `pending` says why a linked task did not get its evidence yet. */
export interface CloseOutcome {
  session: SessionView;
  url: string | null;
  evidenceId: number | null;
  pending?: string;
}

export const PENDING_PUBLISHING =
  'La lista no se registró como evidencia porque no hay dónde publicarla: falta configurar MIPG_ASISTENCIA_URL (y MIPG_ASISTENCIA_DIR).';

/**
 * Closes one ended session: publishes its list when publishing is configured and, when it is linked
 * to a task, registers the list's link as that task's evidence (author: the system). A session linked to
 * a task stays open while there is nowhere to publish, so a later run can still register it.
 * Safe to run from two processes: only the one that flips `closed_at` registers the evidence.
 */
export async function closeSession(
  db: Db,
  clock: Clock,
  sessionId: number,
  publishing: ListPublishing | undefined,
): Promise<CloseOutcome> {
  const session = requireSession(db, sessionId);
  if (session.closedAt || !hasEnded(session, clock.now())) {
    return { session, url: null, evidenceId: session.evidenceId };
  }
  if (session.taskId !== null && !publishing) {
    return { session, url: null, evidenceId: null, pending: PENDING_PUBLISHING };
  }
  const list = attendanceList(db, sessionId);
  const url = publishing ? await publishList(list, publishing) : null;
  const nowIso = clock.now().toISOString();
  const evidenceId = db.transaction((tx) => {
    const flipped = tx
      .update(attendanceSessions)
      .set({ closedAt: nowIso })
      .where(and(eq(attendanceSessions.id, sessionId), isNull(attendanceSessions.closedAt)))
      .run();
    if (flipped.changes === 0) return null;
    let added: number | null = null;
    if (session.taskId !== null && session.taskCode && url) {
      const { counts } = list;
      const note = `Lista de asistencia de la sesión ${session.id} «${session.title}»: ${counts.present} presentes de ${counts.invited} en la lista.`;
      added = tx
        .insert(evidence)
        .values({ taskId: session.taskId, url, note, personId: null, createdAt: nowIso })
        .returning({ id: evidence.id })
        .get().id;
      tx.update(attendanceSessions)
        .set({ evidenceId: added })
        .where(eq(attendanceSessions.id, sessionId))
        .run();
      audit(tx, clock, SYSTEM, {
        action: 'evidencia.agregar',
        entity: 'tarea',
        entityId: session.taskCode,
        after: { url, note },
      });
    }
    audit(tx, clock, SYSTEM, {
      action: 'sesion.cerrar',
      entity: 'sesion',
      entityId: session.id,
      after: { url, counts: list.counts },
    });
    return added;
  });
  return { session: requireSession(db, sessionId), url, evidenceId };
}

/** Closes every ended session not closed yet (the scheduler's periodic run calls this). */
export async function closeEndedSessions(
  db: Db,
  clock: Clock,
  publishing: ListPublishing | undefined,
): Promise<CloseOutcome[]> {
  const ended = db
    .select({ id: attendanceSessions.id })
    .from(attendanceSessions)
    .where(
      and(isNull(attendanceSessions.closedAt), lte(attendanceSessions.endsAt, clock.now().toISOString())),
    )
    .orderBy(asc(attendanceSessions.endsAt))
    .all();
  const outcomes: CloseOutcome[] = [];
  for (const { id } of ended) outcomes.push(await closeSession(db, clock, id, publishing));
  return outcomes;
}

/** Re-publishes a closed session's list after a late change (a presence marked by hand); same URL. */
export async function republishIfClosed(
  db: Db,
  sessionId: number,
  publishing: ListPublishing | undefined,
): Promise<string | null> {
  const session = requireSession(db, sessionId);
  if (!session.closedAt || !publishing) return null;
  return publishList(attendanceList(db, sessionId), publishing);
}

/** One Spanish line per outcome, for the operator's log and `npx mipg sesion cerrar`. */
export function outcomeLine(outcome: CloseOutcome): string {
  const { session } = outcome;
  const what = outcome.pending
    ? outcome.pending
    : outcome.evidenceId !== null
      ? `lista registrada como evidencia de la tarea ${session.taskCode}: ${outcome.url}`
      : `cerrada${outcome.url ? `; lista publicada en ${outcome.url}` : ''}.`;
  return `Sesión ${session.id} «${session.title}»: ${what}`;
}

/**
 * What the scheduler's periodic run calls: closes every ended session with the publishing settings
 * and logs the ones it closed (sessions still waiting for MIPG_ASISTENCIA_URL are not repeated in the log).
 */
export async function closeEndedSessionsAndLog(deps: {
  db: Db;
  clock: Clock;
  config: Parameters<typeof listPublishing>[0];
  log: Logger;
}): Promise<CloseOutcome[]> {
  const outcomes = await closeEndedSessions(deps.db, deps.clock, listPublishing(deps.config));
  for (const outcome of outcomes) {
    if (!outcome.pending) {
      deps.log.info(outcomeLine(outcome), {
        sessionId: outcome.session.id,
        evidenceId: outcome.evidenceId,
      });
    }
  }
  return outcomes;
}
