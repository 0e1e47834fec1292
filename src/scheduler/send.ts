import type { Db } from '../../db/client.ts';
import type { MessageRef, MessageSubject, Messenger } from '../chat/messenger.ts';
import { UnreachableError } from '../chat/messenger.ts';
import { rememberMessage } from '../chat/notifier.ts';
import type { Reply } from '../chat/reply.ts';
import { bogotaDate, type Clock } from '../domain/clock.ts';
import { type Person, personById } from '../domain/directory/people.ts';
import {
  type ClaimRequest,
  claim,
  claimItems,
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
import {
  DAILY_REMINDER_KIND,
  type DailyItem,
  dailyReply,
  dailySubject,
  itemFromReply,
} from './reminders/daily.ts';

/** What sending needs: the store, the clock, the platforms running now, a log and who we are. */
export interface SendDeps {
  db: Db;
  clock: Clock;
  /** Read at send time: platforms that start later are used as soon as they are there. */
  messengers: () => Messenger[];
  log: (text: string) => void;
  /** Names this scheduler instance in the ledger (two processes on one database tell apart). */
  instance: string;
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

/** One attempt on one platform: sends, then remembers the message and marks the row. */
async function attempt(deps: SendDeps, row: DeliveryRow, messenger: Messenger, person?: Person) {
  const { reply, about, channel } = row.payload as DeliveryPayload;
  let ref: MessageRef;
  try {
    ref = person ? await messenger.toPerson(person, reply) : await messenger.toChannel(reply, channel);
  } catch (error) {
    // A platform that cannot reach the person will not do better on a retry.
    const final = error instanceof UnreachableError || row.attempts >= MAX_ATTEMPTS;
    markFailed(deps.db, deps.clock, row, describe(error), final);
    deps.log(
      `Falló el envío ${row.kind} ${row.period} → ${row.recipient} (intento ${row.attempts}): ${describe(error)}`,
    );
    return 'failed' as const;
  }
  // Outside the try: once the platform took the message, nothing here may turn it into a retry.
  // Remembered first: if the process dies in between, the row stays pending (visible) and
  // answers in the message's thread still find their handler.
  if (about) rememberMessage(deps.db, deps.clock, ref, about, person?.id ?? null);
  markSent(deps.db, deps.clock, row.id, ref);
  return 'sent' as const;
}

function recipientOf(to: 'channel' | Person, channel?: string): string {
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
    recordSkipped(deps.db, deps.clock, {
      ...base,
      recipient: recipientOf(delivery.to),
      platform: null,
      payload,
      reason: `Ninguna plataforma puede contactar a ${person.name} (falta su ID de Slack o de Teams).`,
    });
    return ['skipped'];
  }
  const outcomes: SendOutcome[] = [];
  for (const messenger of targets) {
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

/**
 * One person's reminder of a run that can be joined into one message: its ledger key and both ways it
 * reads, rendered before the claim so that nothing is drawn while the ledger's write lock is held.
 */
interface Joinable {
  delivery: Delivery;
  reply: Reply;
  item: DailyItem;
  kind: string;
  period: string;
  recipient: string;
  subject: string | null;
}

/**
 * A person's reminders of one run, on every platform that reaches them: the ones not sent before go out as
 * one message (or, when only one is new, as that reminder's own message). Each reminder still goes out
 * once, whether alone or inside a daily message, whatever the retries, restarts or processes.
 */
async function sendDaily(
  deps: SendDeps,
  person: Person,
  deliveries: Delivery[],
  timing: SendTiming,
): Promise<SendOutcome[]> {
  const targets = deps.messengers().filter((m) => m.canReach(person));
  if (targets.length === 0) {
    const outcomes: SendOutcome[] = [];
    for (const delivery of deliveries) outcomes.push(...(await claimAndSend(deps, delivery, timing)));
    return outcomes;
  }
  const date = bogotaDate(timing.dueAt);
  const late = timing.late ? { dueAt: timing.dueAt } : undefined;
  const rendered = deliveries.map((delivery) => {
    const reply = delivery.build(late);
    return { delivery, reply, item: delivery.item?.(late) ?? itemFromReply(reply) };
  });
  const outcomes: SendOutcome[] = [];
  for (const messenger of targets) {
    const recipient = `${recipientOf(person)}@${messenger.platform}`;
    const items: Joinable[] = rendered.map(({ delivery, reply, item }) => ({
      delivery,
      reply,
      item,
      kind: delivery.kind,
      period: delivery.period,
      recipient,
      subject: delivery.subject ?? delivery.about?.subject ?? null,
    }));
    const base = { personId: person.id, dueAt: timing.dueAt.toISOString(), claimedBy: deps.instance };
    const claimed = claimItems(deps.db, deps.clock, items, (fresh) => {
      const [only] = fresh;
      if (fresh.length === 1 && only) {
        const { reply } = only;
        const about = only.delivery.about;
        const request: ClaimRequest = {
          ...base,
          kind: only.kind,
          period: only.period,
          recipient,
          platform: messenger.platform,
          subject: only.subject,
          late: timing.late,
          payload: about ? { reply, about } : { reply },
        };
        return { request, alone: true };
      }
      const entries = fresh.map(({ delivery, item }) => ({
        item,
        ...(delivery.about ? { about: delivery.about } : {}),
      }));
      const about = { kind: DAILY_REMINDER_KIND, subject: dailySubject(entries) };
      const request: ClaimRequest = {
        ...base,
        kind: DAILY_REMINDER_KIND,
        period: timing.dueAt.toISOString(),
        recipient,
        platform: messenger.platform,
        subject: fresh.map((f) => f.subject ?? f.kind).join(','),
        late: timing.late,
        payload: { reply: dailyReply(date, entries, late), about },
      };
      return { request, alone: false };
    });
    outcomes.push(claimed ? await attempt(deps, claimed.row, messenger, person) : 'taken');
  }
  return outcomes;
}

/**
 * Sends a run's deliveries: each person's joinable reminders as one daily message (see `sendDaily`),
 * everything else (the digest, escalations, channel messages) as itself.
 */
export async function sendAll(
  deps: SendDeps,
  deliveries: Delivery[],
  timing: SendTiming,
): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  const byPerson = new Map<number, { person: Person; deliveries: Delivery[] }>();
  for (const delivery of deliveries) {
    if (delivery.to === 'channel' || !delivery.item) {
      outcomes.push(...(await claimAndSend(deps, delivery, timing)));
      continue;
    }
    const entry = byPerson.get(delivery.to.id) ?? { person: delivery.to, deliveries: [] };
    entry.deliveries.push(delivery);
    byPerson.set(delivery.to.id, entry);
  }
  for (const { person, deliveries: mine } of byPerson.values()) {
    outcomes.push(...(await sendDaily(deps, person, mine, timing)));
  }
  return outcomes;
}
