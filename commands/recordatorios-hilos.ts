// Answers written in the thread of a reminder: the evidence of its task, or of the item a daily message names.
import type { ThreadReplyDef } from '../src/chat/registry.ts';
import { listBlock, type Reply, textReply } from '../src/chat/reply.ts';
import { markDone } from '../src/domain/tasks/actions.ts';
import { isHttpUrl, normalize } from '../src/domain/text.ts';
import { DAILY_REMINDER_KIND, dailyItemsOf, itemCode } from '../src/scheduler/reminders/daily.ts';
import { TASK_REMINDER_KIND } from '../src/scheduler/reminders/messages.ts';

const SLACK_LINK = /<(https?:\/\/[^>|\s]+)(?:\|[^>]*)?>/i;
const BARE_LINK = /https?:\/\/\S+/i;

/** A link (Slack writes it `<url|text>`) and the rest of the text as the note; undefined without one. */
export function parseEvidenceAnswer(text: string): { url: string; note?: string } | undefined {
  const match = SLACK_LINK.exec(text) ?? BARE_LINK.exec(text);
  if (!match) return undefined;
  const url = (match[1] ?? match[0]).replace(/[.,;:!?)\]»"']+$/, '');
  if (!isHttpUrl(url)) return undefined;
  const note = text
    .replace(match[0], ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:;,.-]+|[\s:;,-]+$/g, '')
    .trim();
  return note ? { url, note } : { url };
}

/** What an answer the bot cannot understand gets: what to write, an example and the other ways out. */
function answerHint(code: string): Reply {
  return {
    title: 'Falta el enlace',
    tone: 'warning',
    visibility: 'private',
    blocks: [
      {
        kind: 'text',
        text:
          `No entendí la respuesta y no se guardó nada. Para registrar la evidencia de la tarea *${code}*, ` +
          'responda en este hilo con el enlace (que empiece por https://) y, si quiere, una nota.',
      },
      {
        kind: 'context',
        text: `Ejemplo: https://intranet.pasto.gov.co/evidencia-${code}.pdf Acta firmada · Más tiempo: /posponer ${code} · Apoyo: /necesito-ayuda ${code} <nota>`,
      },
    ],
  };
}

/** A reply in a reminder's thread: a link (and note) is the task's evidence and marks it done. */
const reminderThread: ThreadReplyDef = {
  kind: TASK_REMINDER_KIND,
  run(code, text, ctx) {
    const answer = parseEvidenceAnswer(text);
    if (!answer) return answerHint(code);
    const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
    const change = markDone(ctx.db, ctx.clock, ctx.actor, code, answer.url, answer.note, hosts);
    const confirmation = change.alreadyDone
      ? `La tarea *${code}* ya estaba cumplida; se agregó la evidencia ${answer.url}.`
      : `✅ Gracias. La tarea *${code}* quedó cumplida con la evidencia ${answer.url}. Ya no tendrá recordatorios.`;
    return textReply(confirmation, { tone: 'success', visibility: 'private', title: `Tarea ${code}` });
  },
};

/**
 * An answer in the thread of a daily message goes to the item it names first («2.3 https://…», «GTH-01
 * 45/50 https://…»); with a single item it goes to that one; otherwise it says how to name one.
 */
const dailyThread: ThreadReplyDef = {
  kind: DAILY_REMINDER_KIND,
  run(subject, text) {
    const items = dailyItemsOf(subject);
    const [first, ...rest] = text.trim().split(/\s+/);
    const named = items.find((item) => normalize(itemCode(item)) === normalize(first ?? ''));
    if (named) return { kind: named.kind, subject: named.subject, text: rest.join(' ') };
    const [only] = items;
    if (items.length === 1 && only) return { kind: only.kind, subject: only.subject, text };
    return {
      title: '¿De cuál pendiente?',
      tone: 'warning',
      visibility: 'private',
      blocks: [
        {
          kind: 'text',
          text: 'Este mensaje reúne varios pendientes y no se guardó nada. Empiece su respuesta por el código de uno:',
        },
        listBlock(
          undefined,
          items.map((item) => `*${itemCode(item)}*`),
          20,
        ),
        { kind: 'context', text: 'Ejemplo: 2.3 https://intranet.pasto.gov.co/acta.pdf Acta firmada' },
      ],
    };
  },
};

export const reminderThreads: ThreadReplyDef[] = [reminderThread, dailyThread];
