import type { Db } from '../../../db/client.ts';
import type { MessageRef, MessageSubject } from '../../chat/messenger.ts';
import { type Block, type Button, MORE_ACTION, type Reply } from '../../chat/reply.ts';
import { sameTaskRef } from '../../domain/tasks/refs.ts';
import { longDate } from '../../views/dates.ts';
import { lateNote } from '../../views/digest.ts';
import { type DeliveryPayload, deliveryByMessage, updatePayload } from '../ledger.ts';

/** The ledger and `sent_messages` kind of a person's daily message of reminders. */
export const DAILY_REMINDER_KIND = 'recordatorio.diario';

/** Items shown with their buttons; the rest are counted and /pendientes lists them all. */
export const DAILY_MAX_ITEMS = 8;

/** How one reminder reads inside a person's daily message: a few lines and its own buttons. */
export interface DailyItem {
  text: string;
  buttons?: Button[];
}

/** One reminder of the day for a person: its line in the message and what answers to it refer to. */
export interface DailyEntry {
  item: DailyItem;
  about?: MessageSubject;
}

/** A reminder's own message as an item: its title, its first sentence and its first row of buttons. */
export function itemFromReply(reply: Reply): DailyItem {
  const sentence = reply.blocks.find((b) => b.kind === 'text');
  const actions = reply.blocks.find((b) => b.kind === 'actions');
  const lines = [
    reply.title ? `*${reply.title}*` : undefined,
    sentence?.kind === 'text' ? sentence.text : undefined,
  ];
  return {
    text: lines.filter(Boolean).join('\n'),
    ...(actions?.kind === 'actions' ? { buttons: actions.buttons } : {}),
  };
}

/** What the daily message is about: the subjects of its items, so an answer in its thread finds its item. */
export function dailySubject(entries: DailyEntry[]): string {
  return JSON.stringify(entries.flatMap((e) => (e.about ? [e.about] : [])));
}

/** The items' subjects stored with a daily message (see `dailySubject`). */
export function dailyItemsOf(subject: string): MessageSubject[] {
  try {
    const parsed = JSON.parse(subject) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (s): s is MessageSubject =>
            typeof s === 'object' &&
            s !== null &&
            typeof s.kind === 'string' &&
            typeof s.subject === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/** The code that starts an item's subject (`2.3`, `GTH-01 2026-T3` → `GTH-01`, a process code, a session id). */
export function itemCode(about: MessageSubject): string {
  return about.subject.split(' ')[0] ?? '';
}

/** One message with everything due for a person today: each item with its buttons, then "y N más". */
export function dailyReply(date: string, entries: DailyEntry[], late?: { dueAt: Date }): Reply {
  const blocks: Block[] = [];
  if (late) blocks.push({ kind: 'context', text: lateNote(late.dueAt) });
  blocks.push({
    kind: 'text',
    text: `Tiene ${entries.length} pendientes que requieren su atención:`,
  });
  for (const { item } of entries.slice(0, DAILY_MAX_ITEMS)) {
    blocks.push({ kind: 'divider' }, { kind: 'text', text: item.text });
    if (item.buttons?.length) blocks.push({ kind: 'actions', buttons: item.buttons });
  }
  const rest = entries.length - DAILY_MAX_ITEMS;
  if (rest > 0) {
    blocks.push(
      { kind: 'divider' },
      { kind: 'text', text: `… y ${rest} más.` },
      // The router runs the command of «Ver más» as if the person had typed it.
      {
        kind: 'actions',
        buttons: [
          { label: 'Ver todos', actionId: MORE_ACTION, value: '/pendientes', command: '/pendientes' },
        ],
      },
    );
  }
  blocks.push({
    kind: 'context',
    text: 'Para responder en este hilo, empiece por el código: «2.3 https://…» (evidencia de una tarea) o «GTH-01 45/50 https://…» (un indicador).',
  });
  return {
    title: `Sus pendientes · ${longDate(date)}`,
    tone: 'info',
    blocks,
    visibility: 'private',
  };
}

/**
 * After an item of a daily message was answered with one of its buttons (postponed, done…): the message
 * with that item's buttons replaced by what happened, the others untouched; undefined when the message is
 * not a daily one (a single reminder is replaced whole by its handler).
 */
export function answeredInDaily(
  db: Db,
  ref: MessageRef | undefined,
  value: string,
  outcome: string,
): Reply | undefined {
  if (!ref) return undefined;
  const row = deliveryByMessage(db, ref.conversation, ref.messageId);
  if (row?.kind !== DAILY_REMINDER_KIND) return undefined;
  const payload = row.payload as DeliveryPayload;
  const blocks = payload.reply.blocks.map(
    (block): Block =>
      block.kind === 'actions' &&
      block.buttons.some(
        (b) => b.actionId !== MORE_ACTION && (b.value === value || sameTaskRef(b.value, value)),
      )
        ? { kind: 'context', text: outcome }
        : block,
  );
  const reply: Reply = { ...payload.reply, blocks };
  updatePayload(db, row.id, { ...payload, reply });
  return reply;
}
