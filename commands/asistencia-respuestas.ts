import type { ThreadReplyDef } from '../src/chat/registry.ts';
import { textReply } from '../src/chat/reply.ts';
import { answerInvitation, checkIn } from '../src/domain/attendance/answers.ts';
import { requireSession } from '../src/domain/attendance/store.ts';
import { normalize } from '../src/domain/text.ts';
import { ATTENDANCE_MESSAGE_KIND } from '../src/views/attendance.ts';
import { changeReply } from './asistencia-acciones.ts';

/** What a free-text answer to an invitation means, when it is clear. */
export type ThreadAnswer =
  | { kind: 'confirmado' }
  | { kind: 'presente' }
  | { kind: 'declinado'; reason: string };

/*
 * Whole answers only (compared without accents, case or end punctuation). A reply that merely starts
 * like one — «no sé todavía», «sí, pero llego tarde» — is not an answer: storing it would put words in
 * the person's mouth, so it gets a hint instead.
 */
const CONFIRMS = new Set([
  'si',
  'confirmo',
  'confirmado',
  'confirmo asistencia',
  'confirmo mi asistencia',
  'si confirmo',
  'asistire',
  'si asistire',
  'alli estare',
  'ahi estare',
]);
const CHECK_INS = new Set(['presente', 'estoy presente', 'ya llegue', 'llegue', 'ya estoy aqui']);
/** Declines that may carry a reason after a separator: «no puedo, tengo comité». */
const DECLINES = new Set([
  'no podre asistir',
  'no podre',
  'no puedo asistir',
  'no puedo',
  'no asistire',
  'no voy a poder',
  'no voy a poder asistir',
]);
/** A bare «no» is clear on its own, but not followed by more words («no, todavía no sé»). */
const BARE_DECLINE = 'no';

/** Lower case, no accents, each run of punctuation and spaces one space: «¡Sí, asistiré!» → «si asistire». */
function plain(text: string): string {
  return normalize(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** What comes before and after the first separator («,», «;», «:», «.», or a dash between spaces). */
function splitAtSeparator(text: string): { head: string; rest: string } | undefined {
  const match = /^(.*?)(?:[,;:.]|\s[-–—])\s*(.*)$/su.exec(text.trim());
  if (!match) return undefined;
  return { head: match[1] ?? '', rest: (match[2] ?? '').trim() };
}

/** The answer a thread reply clearly gives, or undefined when it is not one of the accepted answers. */
export function interpretThreadAnswer(text: string): ThreadAnswer | undefined {
  const whole = plain(text);
  if (CONFIRMS.has(whole)) return { kind: 'confirmado' };
  if (CHECK_INS.has(whole)) return { kind: 'presente' };
  if (DECLINES.has(whole) || whole === BARE_DECLINE) return { kind: 'declinado', reason: '' };
  const parts = splitAtSeparator(text);
  if (parts && DECLINES.has(plain(parts.head))) return { kind: 'declinado', reason: parts.rest };
  return undefined;
}

/** The exact words and commands that work, for a reply the bot did not understand. */
export function threadAnswerHint(sessionId: number): string {
  return [
    'No entendí la respuesta y no registré nada. Responda con una de estas frases, sola:',
    '• «confirmo» o «sí asistiré»',
    '• «no podré asistir» o «no puedo», con el motivo después de una coma si quiere: «no puedo, tengo comité»',
    '• «presente» cuando ya esté en la sesión',
    `O escriba /asistencia confirmar ${sessionId} · /asistencia declinar ${sessionId} <motivo> · /asistencia presente ${sessionId}`,
  ].join('\n');
}

/** Words in the thread (or personal chat) of an invitation: "confirmo", "no puedo, tengo comité", "presente". */
export const attendanceThreadReplies: ThreadReplyDef[] = [
  {
    kind: ATTENDANCE_MESSAGE_KIND,
    run(subject, text, ctx) {
      const id = Number(subject);
      requireSession(ctx.db, id);
      const answer = interpretThreadAnswer(text);
      switch (answer?.kind) {
        case 'confirmado':
          return changeReply(answerInvitation(ctx.db, ctx.clock, ctx.actor, id, 'confirmado'), 'confirmado');
        case 'presente':
          return changeReply(checkIn(ctx.db, ctx.clock, ctx.actor, id), 'presente');
        case 'declinado':
          return changeReply(
            answerInvitation(ctx.db, ctx.clock, ctx.actor, id, 'declinado', answer.reason),
            'declinado',
          );
        default:
          return textReply(threadAnswerHint(id), { tone: 'warning', visibility: 'private' });
      }
    },
  },
];
