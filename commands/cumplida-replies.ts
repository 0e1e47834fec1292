import type { Ctx } from '../src/chat/context.ts';
import type { MessageRef } from '../src/chat/messenger.ts';
import { findSentMessage } from '../src/chat/notifier.ts';
import { type Reply, textReply } from '../src/chat/reply.ts';
import type { TaskChange } from '../src/domain/tasks/actions.ts';
import { partName, partsCount } from '../src/domain/tasks/part-actions.ts';
import { refValue } from '../src/domain/tasks/refs.ts';
import { truncate } from '../src/domain/text.ts';
import { answeredInDaily } from '../src/scheduler/reminders/daily.ts';
import { TASK_REMINDER_KIND } from '../src/scheduler/reminders/messages.ts';
import { statusText } from '../src/views/tasks.ts';

/** What /cumplida, /evidencia and their forms answer, and the reminder a done task updates. */

export function doneReply(change: TaskChange): Reply {
  const { task, part } = change;
  const url = change.evidence?.url;
  let text: string;
  if (part && task.parts) {
    const progress = `Avance: ${partsCount(task.parts)}${task.doneAt ? ' · ✅ la tarea quedó cumplida' : ''}.`;
    text = change.partAlreadyDone
      ? `La parte ${partName(part)} de la tarea *${task.label}* ya estaba cumplida; se agregó la nueva evidencia. ${progress}`
      : `✅ Quedó cumplida la parte ${partName(part)} de la tarea *${task.label}*. Evidencia: ${url}\n${progress}`;
  } else {
    text = change.alreadyDone
      ? `La tarea *${task.label}* ya estaba cumplida; se agregó la nueva evidencia.`
      : `✅ La tarea *${task.label}* quedó cumplida. Evidencia: ${url}`;
  }
  return textReply(text, {
    tone: 'success',
    title: `Tarea ${task.label}`,
    visibility: 'private',
  });
}

/**
 * The reminder whose «Marcar cumplida» opened the form, once the task is done: in a daily message only that
 * task's line changes; a task's own reminder loses its buttons. Any other message is left as it was.
 */
export function reminderAfterDone(
  ctx: Ctx,
  message: MessageRef | undefined,
  change: TaskChange,
): Reply | undefined {
  if (!message) return undefined;
  const { task } = change;
  const outcome = `✅ Cumplida por ${ctx.actor.name} con la evidencia ${change.evidence?.url ?? ''}`;
  const inDaily = answeredInDaily(ctx.db, message, refValue(task), `*${task.label}* · ${outcome}`);
  if (inDaily) return inDaily;
  if (findSentMessage(ctx.db, message)?.kind !== TASK_REMINDER_KIND) return undefined;
  return textReply(`La tarea *${task.label}* «${truncate(task.title, 120)}» quedó cumplida. ${outcome}.`, {
    title: `Recordatorio · Tarea ${task.label}`,
    tone: 'success',
    visibility: 'private',
  });
}

export function evidenceReply(change: TaskChange): Reply {
  return textReply(
    `Se registró la evidencia de la tarea *${change.task.label}* (${statusText(change.task)}): ${change.evidence?.url}`,
    { tone: 'success', visibility: 'private' },
  );
}
