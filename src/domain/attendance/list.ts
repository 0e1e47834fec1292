import type { Store } from '../../../db/client.ts';
import { people } from '../../../db/schema/index.ts';
import type { Sheet, SheetColumn } from '../tabular.ts';
import {
  type AnswerState,
  type AttendanceCounts,
  type Attendee,
  answerState,
  attendeesOf,
  countAttendance,
  requireSession,
  type SessionView,
} from './store.ts';
import { bogotaWallClock } from './time.ts';

/** A session's attendance list: the evidence that replaces the scanned paper sheet. */
export interface AttendanceList {
  session: SessionView;
  attendees: Attendee[];
  counts: AttendanceCounts;
  /** Names of whoever recorded a presence by hand, by person id (coordinator marks). */
  markers: Map<number, string>;
}

export function attendanceList(store: Store, sessionId: number): AttendanceList {
  const session = requireSession(store, sessionId);
  const attendees = attendeesOf(store, sessionId);
  const names = new Map(
    store
      .select({ id: people.id, name: people.name })
      .from(people)
      .all()
      .map((p) => [p.id, p.name]),
  );
  const markers = new Map<number, string>();
  for (const a of attendees) {
    if (a.checkedInBy !== null && a.checkedInBy !== a.personId)
      markers.set(a.checkedInBy, names.get(a.checkedInBy) ?? `persona ${a.checkedInBy}`);
  }
  return { session, attendees, counts: countAttendance(attendees), markers };
}

/** The JSON export, `{ session, attendees }`; instants in UTC ISO, wall-clock times in Bogotá. */
export function listJson(list: AttendanceList) {
  const { session, counts } = list;
  return {
    session: {
      id: session.id,
      title: session.title,
      start: bogotaWallClock(session.startsAt),
      end: bogotaWallClock(session.endsAt),
      timeZone: 'America/Bogota',
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      place: session.place,
      task: session.taskCode ? { code: session.taskCode, title: session.taskTitle } : null,
      audience: session.audience,
      team: session.team,
      counts,
    },
    attendees: list.attendees.map((a) => ({
      name: a.name,
      email: a.email,
      process: a.processName,
      answer: answerState(a),
      reason: a.reason,
      answeredAt: a.answeredAt,
      present: a.checkedInAt !== null,
      checkedInAt: a.checkedInAt,
    })),
  };
}

const answerWords: Record<AnswerState, string> = {
  confirmado: 'Confirmó',
  declinado: 'No asistirá',
  sin_respuesta: 'Sin respuesta',
};

const audienceWords = {
  personas: 'Personas invitadas',
  equipo: 'Equipo',
  canal: 'Canal del equipo',
} as const;

const columns: SheetColumn[] = [
  { key: 'name', header: 'Nombre', width: 32 },
  { key: 'email', header: 'Correo', width: 34 },
  { key: 'process', header: 'Proceso', width: 30 },
  { key: 'answer', header: 'Respuesta', width: 14 },
  { key: 'reason', header: 'Motivo', width: 28 },
  { key: 'answeredAt', header: 'Hora de respuesta', width: 18 },
  { key: 'present', header: 'Presente', width: 10 },
  { key: 'checkedInAt', header: 'Hora de llegada', width: 18 },
  { key: 'markedBy', header: 'Presencia registrada por', width: 26 },
];

function when(instant: string | null): string | null {
  return instant ? bogotaWallClock(instant) : null;
}

/** The sheet written as CSV or XLSX: the session's data above one row per invitee. Times in Bogotá. */
export function listSheet(list: AttendanceList): Sheet {
  const { session, counts } = list;
  const preamble: string[][] = [
    ['Lista de asistencia', `Sesión ${session.id}`],
    ['Título', session.title],
    ['Inicio (hora de Bogotá)', bogotaWallClock(session.startsAt)],
    ['Fin (hora de Bogotá)', bogotaWallClock(session.endsAt)],
    ['Lugar o enlace', session.place],
    [
      'Tarea del plan',
      session.taskCode ? `${session.taskCode} ${session.taskTitle ?? ''}`.trim() : 'Ninguna',
    ],
    [
      'Convocatoria',
      session.team ? `${audienceWords[session.audience]}: ${session.team}` : audienceWords[session.audience],
    ],
    [
      'Totales',
      `Invitados ${counts.invited} · Confirmaron ${counts.confirmed} · No asistirán ${counts.declined} · Sin respuesta ${counts.unanswered} · Presentes ${counts.present}`,
    ],
    [],
  ];
  const rows = list.attendees.map((a) => ({
    name: a.name,
    email: a.email,
    process: a.processName,
    answer: answerWords[answerState(a)],
    reason: a.reason,
    answeredAt: when(a.answeredAt),
    present: a.checkedInAt ? 'Sí' : 'No',
    checkedInAt: when(a.checkedInAt),
    markedBy:
      a.checkedInBy !== null && a.checkedInBy !== a.personId
        ? (list.markers.get(a.checkedInBy) ?? null)
        : null,
  }));
  return { name: `Asistencia sesión ${session.id}`, columns, rows, preamble };
}
