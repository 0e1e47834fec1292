import type { Reply } from '../../chat/reply.ts';
import type { Person } from '../../domain/directory/people.ts';

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
