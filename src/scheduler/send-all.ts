import type { Reply } from '../chat/reply.ts';
import { bogotaDate } from '../domain/clock.ts';
import type { Person } from '../domain/directory/people.ts';
import { type ClaimRequest, claimItems } from './ledger.ts';
import {
  DAILY_REMINDER_KIND,
  type DailyItem,
  dailyReply,
  dailySubject,
  itemFromReply,
} from './reminders/daily.ts';
import {
  attempt,
  claimAndSend,
  type Delivery,
  recipientOf,
  type SendDeps,
  type SendOutcome,
  type SendTiming,
} from './send.ts';

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
    if (deps.stopping?.()) break;
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
    if (deps.stopping?.()) return outcomes;
    if (delivery.to === 'channel' || !delivery.item) {
      outcomes.push(...(await claimAndSend(deps, delivery, timing)));
      continue;
    }
    const entry = byPerson.get(delivery.to.id) ?? { person: delivery.to, deliveries: [] };
    entry.deliveries.push(delivery);
    byPerson.set(delivery.to.id, entry);
  }
  for (const { person, deliveries: mine } of byPerson.values()) {
    if (deps.stopping?.()) break;
    outcomes.push(...(await sendDaily(deps, person, mine, timing)));
  }
  return outcomes;
}
