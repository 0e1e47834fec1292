import type { SentMessage } from '../../chat/notifier.ts';
import type { Reply } from '../../chat/reply.ts';
import type { Person } from '../../domain/directory/people.ts';
import { TASK_REMINDER_KIND } from '../../scheduler/reminders/messages.ts';
import { ATTENDANCE_MESSAGE_KIND } from '../../views/attendance.ts';
import { INDICATOR_REMINDER_KIND } from '../../views/indicators.ts';

/** What someone outside the directory is told; nothing about them is stored. */
export const unknownPersonText =
  'No encuentro su usuario de Teams en el directorio del bot de Planeación MIPG, así que todavía no puedo atenderle.';

export const unknownPersonReply: Reply = {
  title: 'Bot de Planeación MIPG',
  tone: 'warning',
  visibility: 'private',
  blocks: [
    { kind: 'text', text: unknownPersonText },
    {
      kind: 'context',
      text: 'Pida a la coordinación MIPG que lo agregue con su correo institucional; después vuelva a escribir.',
    },
  ],
};

/** Shown when a card's button or form belongs to an older version of the bot. */
export const staleCardText = 'Esta tarjeta ya no es válida. Escriba ayuda para ver las órdenes.';

/** Plain text sent when Teams refuses the card that answered a person. */
export const replyRefusedText =
  'Teams no aceptó mi respuesta, así que no la verá aquí. Intente de nuevo en unos minutos; si se repite, avise a la coordinación MIPG.';

/** Invoke answer when an action only produced new messages. */
export const doneText = 'Listo.';

export function personalWelcome(person: Person): Reply {
  return {
    title: `Hola, ${person.name}`,
    blocks: [
      {
        kind: 'text',
        text: 'Soy el bot de Planeación MIPG de la Alcaldía de Pasto. Por este chat le llegarán los recordatorios de sus tareas y reportes.',
      },
      {
        kind: 'context',
        text: 'Escriba *ayuda* para ver las órdenes, o *pendientes* para ver lo que le toca.',
      },
    ],
  };
}

export function channelWelcome(botName: string): Reply {
  return {
    title: 'Bot de Planeación MIPG',
    blocks: [
      {
        kind: 'text',
        text: 'Quedé instalado en este canal: aquí publicaré el resumen del plan institucional.',
      },
      {
        kind: 'context',
        text: `Para darme una orden mencióneme, por ejemplo: @${botName} estado tareas`,
      },
    ],
    visibility: 'channel',
  };
}

/** How a person answers, with a typed order, a message of each kind that takes answers. */
function answerOrder(kind: string, subject: string): { what: string; order?: string } {
  switch (kind) {
    case TASK_REMINDER_KIND:
      return { what: `Tarea ${subject}`, order: `/cumplida ${subject} <enlace> [nota]` };
    case ATTENDANCE_MESSAGE_KIND:
      return { what: `Convocatoria ${subject}`, order: `/asistencia confirmar ${subject}` };
    case INDICATOR_REMINDER_KIND: {
      const [code = subject, period = ''] = subject.split(' ');
      return {
        what: `Indicador ${code}${period ? ` (${period})` : ''}`,
        order: `/reportar indicador ${subject} <medición> <enlace> [análisis]`,
      };
    }
    case 'riesgos.matriz':
      return { what: `Matriz de riesgos ${subject}`, order: `/reportar riesgos ${subject} <enlace> [nota]` };
    default:
      return { what: `${kind} ${subject}` };
  }
}

/**
 * Typed text in a personal chat where several messages wait for an answer: which one it answers
 * cannot be told, so nothing is stored and the person gets the orders that say it.
 */
export function ambiguousAnswerReply(open: SentMessage[]): Reply {
  const items = open.map((message) => {
    const { what, order } = answerOrder(message.kind, message.subject);
    return order ? `${what}: ${order}` : `${what}: responda a ese mensaje con «Responder»`;
  });
  return {
    title: '¿A cuál mensaje responde?',
    tone: 'warning',
    visibility: 'private',
    blocks: [
      {
        kind: 'text',
        text: `Tiene ${open.length} mensajes esperando respuesta en este chat y no sé a cuál corresponde lo que escribió, así que no se guardó nada.`,
      },
      { kind: 'list', items },
      {
        kind: 'context',
        text: 'Escriba la orden que corresponde, o responda al mensaje que quiere contestar con «Responder» (cítelo).',
      },
    ],
  };
}

/** The neutral views' invitation to answer in a message's thread ("Responda en este hilo…"). */
const threadInvitation = /\b([Rr]esponda|[Rr]esponder) en este hilo\b/g;

/**
 * A message for a personal chat, which has no threads: the invitation to answer in the thread
 * becomes one to quote the message with Teams' «Responder», which tells the bot which one it is.
 */
export function forPersonalChat(reply: Reply): Reply {
  const reword = (text: string) => text.replace(threadInvitation, '$1 citando este mensaje («Responder»)');
  return {
    ...reply,
    blocks: reply.blocks.map((block) =>
      block.kind === 'text' || block.kind === 'context' ? { ...block, text: reword(block.text) } : block,
    ),
  };
}
