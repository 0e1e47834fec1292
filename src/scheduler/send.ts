import type { Db } from '../../db/client.ts';
import type { MessageRef, MessageSubject, Messenger } from '../chat/messenger.ts';
import { UnreachableError } from '../chat/messenger.ts';
import { rememberMessage } from '../chat/notifier.ts';
import type { Reply } from '../chat/reply.ts';
import type { Clock } from '../domain/clock.ts';
import { type Person, personById } from '../domain/directory/people.ts';
import { errorFields, type LogFields, type Logger } from '../domain/logger.ts';
import {
  claim,
  type DeliveryPayload,
  type DeliveryRow,
  dueRetries,
  MAX_ATTEMPTS,
  markDropped,
  markFailed,
  markSent,
  reclaimForRetry,
  recordSkipped,
} from './ledger.ts';
import type { DailyItem } from './reminders/daily.ts';

/** What sending needs: the store, the clock, the platforms running now, a log and who we are. */
export interface SendDeps {
  db: Db;
  clock: Clock;
  /** Read at send time: platforms that start later are used as soon as they are there. */
  messengers: () => Messenger[];
  log: Logger;
  /** Names this scheduler instance in the ledger (two processes on one database tell apart). */
  instance: string;
  /**
   * True once the bot is shutting down: no further send is claimed (what is unclaimed stays for the
   * next start); the send already under way finishes.
   */
  stopping?: () => boolean;
}

/** When a message goes out after its time: the instant it was due. */
export interface Lateness {
  dueAt: Date;
}

/**
 * One message the scheduler sends on its own initiative, exactly once per (kind, period, recipient).
 * `to` is the team channel (each platform's) or a person (each platform that can reach them).
 */
export interface Delivery {
  /** Ledger kind, e.g. `resumen.semanal`, `recordatorio.tarea`, `escalamiento.vencidas`. */
  kind: string;
  /** What makes it unique in time: a date `2026-09-07`, an ISO week `2026-W37`, `2.3:2026-09-23`… */
  period: string;
  to: 'channel' | Person;
  /** With `to: 'channel'`: a channel other than the team's (a plan's own digest channel, MIPG_DIGEST_CANALES). */
  channel?: string;
  /** Remembered with the sent message so thread replies and buttons on it find their handler. */
  about?: MessageSubject;
  /** What it is about, for the ledger and for retries (default: `about.subject`), e.g. task codes. */
  subject?: string;
  /** Builds the message; `late` is set when it goes out after its time (it should say so). */
  build(late: Lateness | undefined): Reply;
  /**
   * A reminder that joins the person's daily message when they have several that day: how it reads
   * there. Without it the delivery always goes out as its own message.
   */
  item?: (late: Lateness | undefined) => DailyItem;
}

export type SendOutcome = 'sent' | 'failed' | 'taken' | 'skipped';

/** How a send is being made: the instant it was due and whether that instant already passed unseen. */
export interface SendTiming {
  dueAt: Date;
  late: boolean;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a log line says of a ledger row: its key and where it goes, never what it says. */
export function deliveryFields(row: DeliveryRow): LogFields {
  return {
    deliveryId: row.id,
    kind: row.kind,
    period: row.period,
    recipient: row.recipient,
    platform: row.platform,
    personId: row.personId,
    attempt: row.attempts,
  };
}

/** One attempt on one platform: sends, then remembers the message and marks the row. */
export async function attempt(deps: SendDeps, row: DeliveryRow, messenger: Messenger, person?: Person) {
  const { reply, about, channel } = row.payload as DeliveryPayload;
  let ref: MessageRef;
  try {
    ref = person ? await messenger.toPerson(person, reply) : await messenger.toChannel(reply, channel);
  } catch (error) {
    // A platform that cannot reach the person will not do better on a retry.
    const final = error instanceof UnreachableError || row.attempts >= MAX_ATTEMPTS;
    markFailed(deps.db, deps.clock, row, describe(error), final);
    deps.log.warn(
      `Falló el envío ${row.kind} ${row.period} → ${row.recipient} (intento ${row.attempts}): ${describe(error)}`,
      { ...deliveryFields(row), outcome: 'failed', retry: !final, ...errorFields(error) },
    );
    return 'failed' as const;
  }
  // Outside the try: once the platform took the message, nothing here may turn it into a retry.
  // Remembered first: if the process dies in between, the row stays pending (visible) and
  // answers in the message's thread still find their handler.
  if (about) rememberMessage(deps.db, deps.clock, ref, about, person?.id ?? null);
  markSent(deps.db, deps.clock, row.id, ref);
  deps.log.info(`Enviado ${row.kind} ${row.period} → ${row.recipient}.`, {
    ...deliveryFields(row),
    outcome: 'sent',
  });
  return 'sent' as const;
}

export function recipientOf(to: 'channel' | Person, channel?: string): string {
  if (to !== 'channel') return `persona:${to.id}`;
  return channel ? `canal:${channel}` : 'canal';
}

/**
 * Claims and sends one delivery on every platform it applies to. A platform whose row another
 * process or an earlier run already holds is left alone ("taken"); a person no platform can reach
 * gets one "skipped" row so the ledger shows why nothing went out.
 */
export async function claimAndSend(
  deps: SendDeps,
  delivery: Delivery,
  timing: SendTiming,
): Promise<SendOutcome[]> {
  const person = delivery.to === 'channel' ? undefined : delivery.to;
  const channel = delivery.channel;
  const targets = deps
    .messengers()
    .filter((m) => (person ? m.canReach(person) : !channel || (m.ownsChannel?.(channel) ?? true)));
  const base = {
    kind: delivery.kind,
    period: delivery.period,
    personId: person?.id ?? null,
    subject: delivery.subject ?? delivery.about?.subject ?? null,
    dueAt: timing.dueAt.toISOString(),
    claimedBy: deps.instance,
  };
  const reply = delivery.build(timing.late ? { dueAt: timing.dueAt } : undefined);
  const payload: DeliveryPayload = {
    reply,
    ...(delivery.about ? { about: delivery.about } : {}),
    ...(channel ? { channel } : {}),
  };
  if (person && targets.length === 0) {
    const recipient = recipientOf(delivery.to);
    const recorded = recordSkipped(deps.db, deps.clock, {
      ...base,
      recipient,
      platform: null,
      payload,
      reason: `Ninguna plataforma puede contactar a ${person.name} (falta su ID de Slack o de Teams).`,
    });
    if (recorded) {
      deps.log.info(`Omitido ${delivery.kind} ${delivery.period} → ${recipient}: nadie lo puede recibir.`, {
        kind: delivery.kind,
        period: delivery.period,
        recipient,
        personId: person.id,
        outcome: 'skipped',
        reason: 'unreachable',
      });
    }
    return ['skipped'];
  }
  const outcomes: SendOutcome[] = [];
  for (const messenger of targets) {
    if (deps.stopping?.()) break;
    const row = claim(deps.db, deps.clock, {
      ...base,
      recipient: `${recipientOf(delivery.to, channel)}@${messenger.platform}`,
      platform: messenger.platform,
      late: timing.late,
      payload,
    });
    outcomes.push(row ? await attempt(deps, row, messenger, person) : 'taken');
  }
  return outcomes;
}

/** Decides, before a retry, whether a message is still wanted (e.g. its task is not done yet). */
export type StillWanted = (row: DeliveryRow) => string | undefined;

/**
 * Retries the failed sends whose backoff has passed, on the platform each was meant for.
 * `stillWanted` returns a reason to drop a row instead (the task was done meanwhile).
 */
export async function retryDue(deps: SendDeps, stillWanted: StillWanted = () => undefined): Promise<number> {
  let retried = 0;
  for (const row of dueRetries(deps.db, deps.clock)) {
    if (deps.stopping?.()) break;
    const messenger = deps.messengers().find((m) => m.platform === row.platform);
    if (!messenger) continue;
    const reason = stillWanted(row);
    if (reason) {
      markDropped(deps.db, row.id, reason);
      continue;
    }
    const person = row.personId === null ? undefined : personById(deps.db, row.personId);
    if (row.personId !== null && !person) {
      markDropped(deps.db, row.id, 'La persona ya no está en el directorio.');
      continue;
    }
    const mine = reclaimForRetry(deps.db, row, deps.instance);
    if (!mine) continue;
    await attempt(deps, mine, messenger, person);
    retried += 1;
  }
  return retried;
}
