import type { Pager } from '../chat/paging.ts';
import {
  type Block,
  type Button,
  type Field,
  type Form,
  listBlock,
  mention,
  type Reply,
} from '../chat/reply.ts';
import { sessionWhen, shortTime } from '../domain/attendance/format.ts';
import type { AttendanceList } from '../domain/attendance/list.ts';
import {
  type AnswerState,
  type AttendanceCounts,
  type Attendee,
  answerState,
  type InviteeRow,
  type SessionView,
} from '../domain/attendance/store.ts';
import { CHECK_IN_OPENS_MINUTES } from '../domain/attendance/time.ts';
import { truncate } from '../domain/text.ts';
import { bogotaDateTime } from './dates.ts';

/** Action and form ids of the attendance buttons (the handlers live in commands/asistencia.ts). */
export const ATTENDANCE_ACTIONS = {
  confirm: 'asistencia.confirmar',
  decline: 'asistencia.declinar',
  checkIn: 'asistencia.presente',
} as const;

export const DECLINE_FORM = 'asistencia.declinar';
export const NEW_SESSION_FORM = 'asistencia.nueva';

/** The `sent_messages` kind of invitations and reminders: a press or a thread reply finds the session. */
export const ATTENDANCE_MESSAGE_KIND = 'asistencia';

export const answerLabels: Record<AnswerState, string> = {
  confirmado: '✅ Confirmó',
  declinado: '❌ No podrá asistir',
  sin_respuesta: '⏳ Sin respuesta',
};

/** **Confirmo asistencia** · **No podré asistir** · **Estoy presente**, each with its typed equivalent. */
export function attendanceButtons(sessionId: number): Button[] {
  const value = String(sessionId);
  return [
    {
      label: 'Confirmo asistencia',
      actionId: ATTENDANCE_ACTIONS.confirm,
      value,
      style: 'primary',
      command: `/asistencia confirmar ${sessionId}`,
    },
    {
      label: 'No podré asistir',
      actionId: ATTENDANCE_ACTIONS.decline,
      value,
      style: 'danger',
      command: `/asistencia declinar ${sessionId} [motivo]`,
    },
    {
      label: 'Estoy presente',
      actionId: ATTENDANCE_ACTIONS.checkIn,
      value,
      command: `/asistencia presente ${sessionId}`,
    },
  ];
}

/** Cuándo, dónde, tarea and who calls the session. */
export function sessionFields(session: SessionView): Field[] {
  const fields: Field[] = [
    { label: 'Cuándo', value: `${sessionWhen(session)} (hora de Bogotá)` },
    { label: 'Dónde', value: session.place },
  ];
  if (session.taskCode) {
    fields.push({
      label: 'Tarea del plan',
      value: `${session.taskCode} ${truncate(session.taskTitle ?? '', 90)}`,
    });
  }
  if (session.createdBy !== null) fields.push({ label: 'Convoca', value: mention(session.createdBy) });
  return fields;
}

/** What the person answered, shown on their invitation once they pressed a button. */
function answerLine(row: InviteeRow): string {
  const parts = [`Su respuesta: ${answerLabels[answerState(row)]}`];
  if (row.answeredAt) parts[0] += ` (${bogotaDateTime(row.answeredAt)})`;
  if (row.reason) parts.push(`Motivo: ${row.reason}`);
  if (row.checkedInAt) parts.push(`🙋 Presente desde las ${shortTime(row.checkedInAt)}`);
  return parts.join(' · ');
}

export interface InvitationOptions {
  /** Sent to the team channel: everyone there may answer. */
  channel?: boolean;
  /** The reader's own row, to show their current answer (a personal invitation after a press). */
  row?: InviteeRow;
  /** A reminder rather than the first invitation; `late` when it goes out after its time. */
  reminder?: { late: boolean };
}

/** The invitation (or its reminder): what, when, where, for which task, and the three buttons. */
export function invitationReply(session: SessionView, options: InvitationOptions = {}): Reply {
  const name = `*${truncate(session.title, 150)}*`;
  let intro = options.channel
    ? `La coordinación MIPG invita al equipo a ${name}. Cada persona responde con los botones.`
    : `Le invitamos a ${name}.`;
  if (options.reminder) {
    intro = options.channel
      ? `Recordatorio: se acerca ${name}. Si aún no ha respondido, hágalo con los botones.`
      : `Recordatorio: aún no ha respondido la invitación a ${name}.`;
  }
  const blocks: Block[] = [
    { kind: 'text', text: intro },
    { kind: 'fields', fields: sessionFields(session) },
  ];
  if (options.row && (options.row.answer || options.row.checkedInAt)) {
    blocks.push({ kind: 'text', text: answerLine(options.row) });
  }
  const context = [
    `Puede cambiar su respuesta hasta el inicio. «Estoy presente» cuenta desde ${CHECK_IN_OPENS_MINUTES} minutos antes del inicio hasta el final.`,
    `Sesión ${session.id}.`,
  ];
  if (options.reminder?.late)
    context.push('Este recordatorio sale tarde: el bot no estaba en marcha a su hora.');
  blocks.push(
    { kind: 'context', text: context.join(' ') },
    { kind: 'actions', buttons: attendanceButtons(session.id) },
  );
  return {
    title: `${options.reminder ? 'Recordatorio' : 'Invitación'}: ${truncate(session.title, 120)}`,
    blocks,
    visibility: options.channel ? 'channel' : 'private',
  };
}

/** The small form **No podré asistir** opens: an optional reason. */
export function declineForm(session: SessionView): Form {
  return {
    id: DECLINE_FORM,
    title: 'No podré asistir',
    submitLabel: 'Enviar',
    metadata: String(session.id),
    command: `/asistencia declinar ${session.id} [motivo]`,
    fields: [
      {
        id: 'motivo',
        label: 'Motivo (opcional)',
        kind: 'textarea',
        placeholder: 'Por ejemplo: comisión fuera de la ciudad',
        hint: `Sesión ${session.id}: ${truncate(session.title, 100)}`,
      },
    ],
  };
}

/** One line per session in lists: "*7* · jue 10 sep 09:00 · Título · Lugar". */
export function sessionLine(session: SessionView, row?: InviteeRow): string {
  const parts = [`*${session.id}*`, bogotaDateTime(session.startsAt), truncate(session.title, 70)];
  parts.push(truncate(session.place, 40));
  if (session.taskCode) parts.push(`tarea ${session.taskCode}`);
  if (row) parts.push(`su respuesta: ${answerLabels[answerState(row)]}`);
  return parts.join(' · ');
}

/** `/asistencia`: the sessions that have not ended, with the reader's own answer when invited. */
export function sessionListReply(
  sessions: SessionView[],
  rows: Map<number, InviteeRow>,
  pager: Pager,
): Reply {
  return pager.reply({
    title: `Próximas sesiones (${sessions.length})`,
    blocks: [
      pager.list(
        undefined,
        sessions.map((s) => sessionLine(s, rows.get(s.id))),
        15,
        'No hay sesiones programadas.',
      ),
      {
        kind: 'context',
        text: 'Detalle y lista de una sesión: /asistencia <id> · Nueva sesión (coordinación): /asistencia nueva',
      },
    ],
    visibility: 'private',
  });
}

export type SessionPhase = 'programada' | 'en_curso' | 'terminada';

const phaseLabels: Record<SessionPhase, string> = {
  programada: '🗓️ Programada',
  en_curso: '🟢 En curso',
  terminada: '🏁 Terminada',
};

export interface DetailOptions {
  phase: SessionPhase;
  /** Show why people declined (the coordinator, or the person themself). */
  reasonsFor: (personId: number) => boolean;
  /** One line about the list as evidence (registered, pending, or what will happen). */
  evidenceNote: string;
  /** The reader may still use the buttons (invited, or a channel session, and it has not ended). */
  buttons: boolean;
  /** Pages the four lists of people together: `/asistencia 7 pagina 2`. */
  pager: Pager;
}

function attendeeLine(a: Attendee, reasons: boolean): string {
  return a.reason && reasons ? `${a.name} — ${a.reason}` : a.name;
}

function presentLine(a: Attendee): string {
  const manual = a.checkedInBy !== null && a.checkedInBy !== a.personId ? ', registro manual' : '';
  return `${a.name} (${a.checkedInAt ? shortTime(a.checkedInAt) : ''}${manual})`;
}

/** `/asistencia <id>`: the session, its counts and who confirmed, declined, did not answer and is present. */
export function sessionDetailReply(list: AttendanceList, options: DetailOptions): Reply {
  const { session, attendees, counts } = list;
  const { pager } = options;
  const audience =
    session.audience === 'canal'
      ? 'Canal del equipo'
      : session.team
        ? `Equipo «${session.team}»`
        : 'Personas invitadas';
  const blocks: Block[] = [
    {
      kind: 'fields',
      fields: [
        ...sessionFields(session),
        { label: 'Convocatoria', value: audience },
        { label: 'Estado', value: phaseLabels[options.phase] },
      ],
    },
    {
      kind: 'fields',
      fields: [
        { label: 'En la lista', value: String(counts.invited) },
        { label: 'Confirmaron', value: String(counts.confirmed) },
        { label: 'No podrán', value: String(counts.declined) },
        { label: 'Sin respuesta', value: String(counts.unanswered) },
        { label: 'Presentes', value: String(counts.present) },
      ],
    },
    pager.list(
      `Confirmaron (${counts.confirmed})`,
      attendees.filter((a) => a.answer === 'confirmado').map((a) => a.name),
      15,
      'Nadie todavía.',
    ),
    pager.list(
      `No podrán asistir (${counts.declined})`,
      attendees
        .filter((a) => a.answer === 'declinado')
        .map((a) => attendeeLine(a, options.reasonsFor(a.personId))),
      15,
      'Nadie.',
    ),
    pager.list(
      `Sin respuesta (${counts.unanswered})`,
      attendees.filter((a) => a.answer === null).map((a) => a.name),
      15,
      'Todos respondieron.',
    ),
    pager.list(
      `Presentes (${counts.present})`,
      attendees.filter((a) => a.checkedInAt !== null).map(presentLine),
      15,
      options.phase === 'programada'
        ? `El registro abre ${CHECK_IN_OPENS_MINUTES} minutos antes del inicio.`
        : 'Nadie registrado.',
    ),
    { kind: 'context', text: options.evidenceNote },
  ];
  if (options.buttons) blocks.push({ kind: 'actions', buttons: attendanceButtons(session.id) });
  return pager.reply({
    title: `Sesión ${session.id} · ${truncate(session.title, 120)}`,
    blocks,
    visibility: 'private',
  });
}

/** The digest's «Sesiones de esta semana»: each session with how many confirmed. Nothing when none. */
export function weekSessionsBlocks(sessions: { session: SessionView; counts: AttendanceCounts }[]): Block[] {
  if (sessions.length === 0) return [];
  return [
    listBlock(
      `Sesiones de esta semana (${sessions.length})`,
      sessions.map(
        ({ session, counts }) =>
          `${sessionLine(session)} · ${counts.confirmed} de ${counts.invited} confirmaron`,
      ),
      8,
    ),
    {
      kind: 'context',
      text: 'Confirme desde su invitación o con /asistencia confirmar <id>. Detalle: /asistencia <id>',
    },
  ];
}
