import { z } from 'zod/v4';
import { teams } from '../db/schema/index.ts';
import type { Ctx } from '../src/chat/context.ts';
import { findSentMessage } from '../src/chat/notifier.ts';
import type { ActionDef, ActionPress, ActionResult, FormDef } from '../src/chat/registry.ts';
import { type Form, type Reply, textReply } from '../src/chat/reply.ts';
import {
  type AttendanceChange,
  answerInvitation,
  assertMayAnswer,
  checkIn,
} from '../src/domain/attendance/answers.ts';
import { sessionWhen, shortTime } from '../src/domain/attendance/format.ts';
import { createSession, type NewSession, SessionInputError } from '../src/domain/attendance/sessions.ts';
import { attendeesOf } from '../src/domain/attendance/store.ts';
import { personAuthor } from '../src/domain/audit/log.ts';
import { isCoordinator } from '../src/domain/directory/people.ts';
import { DomainError } from '../src/domain/errors.ts';
import { errorFields } from '../src/domain/logger.ts';
import { sendInvitations } from '../src/scheduler/invitations.ts';
import {
  ATTENDANCE_ACTIONS,
  ATTENDANCE_MESSAGE_KIND,
  DECLINE_FORM,
  declineForm,
  invitationReply,
  NEW_SESSION_FORM,
} from '../src/views/attendance.ts';
import { parseArgs } from './args.ts';

/** Shared by the typed /asistencia and by its buttons and forms (thread replies: asistencia-respuestas.ts). */

const idSchema = z
  .string({ error: 'Falta el número de la sesión.' })
  .min(1, { message: 'Falta el número de la sesión.' })
  .regex(/^#?\d{1,9}$/, { message: 'El número de la sesión es un entero, por ejemplo 7.' })
  .transform((text) => Number(text.replace('#', '')));

/** Parses a session id typed after a verb, with the verb's usage in the error. */
export function sessionId(text: string, usage: string, example: string): number {
  return parseArgs(idSchema, text, usage, example);
}

function changeText({ session, invitee, changed }: AttendanceChange, what: ChangeKind): string {
  const name = `«${session.title}» (${sessionWhen(session)})`;
  switch (what) {
    case 'confirmado':
      return changed
        ? `✅ Quedó confirmada su asistencia a ${name}.`
        : `Ya había confirmado su asistencia a ${name}; no se registró de nuevo.`;
    case 'declinado': {
      if (!changed) return `Ya había indicado que no podrá asistir a ${name}; no se registró de nuevo.`;
      const reason = invitee.reason ? ` Motivo: ${invitee.reason}.` : '';
      return `Quedó registrado que no podrá asistir a ${name}.${reason} Si cambia de planes, puede confirmar hasta el inicio: /asistencia confirmar ${session.id}`;
    }
    case 'presente': {
      const at = invitee.checkedInAt ? shortTime(invitee.checkedInAt) : '';
      return changed
        ? `🙋 Quedó registrada su presencia en «${session.title}» a las ${at}.`
        : `Su presencia en «${session.title}» ya estaba registrada desde las ${at}.`;
    }
  }
}

export type ChangeKind = 'confirmado' | 'declinado' | 'presente';

/** What the reader sees after answering or checking in (a repeat says nothing new was stored). */
export function changeReply(change: AttendanceChange, what: ChangeKind): Reply {
  return textReply(changeText(change, what), {
    tone: change.changed ? 'success' : 'info',
    visibility: 'private',
  });
}

const CHANNEL_OPTION = '#canal';

/** The neutral form of `/asistencia nueva`: title, times, place, task and whom to invite. */
export function newSessionForm(ctx: Pick<Ctx, 'db'>): Form {
  const teamOptions = ctx.db
    .select({ name: teams.name })
    .from(teams)
    .all()
    .map((t) => ({ label: t.name, value: t.name }));
  return {
    id: NEW_SESSION_FORM,
    title: 'Nueva sesión',
    submitLabel: 'Crear e invitar',
    command:
      'npx mipg sesion crear --titulo "…" --inicio "AAAA-MM-DD HH:mm" --fin "AAAA-MM-DD HH:mm" --lugar "…" [--tarea 3.3] [--invitados correo;correo | --equipo "…" | --canal]',
    fields: [
      {
        id: 'titulo',
        label: 'Título',
        kind: 'text',
        required: true,
        placeholder: 'Capacitación en indicadores',
      },
      {
        id: 'inicio',
        label: 'Inicio (hora de Bogotá)',
        kind: 'datetime',
        required: true,
        hint: 'AAAA-MM-DD HH:mm',
      },
      {
        id: 'fin',
        label: 'Fin (hora de Bogotá)',
        kind: 'datetime',
        required: true,
        hint: 'AAAA-MM-DD HH:mm',
      },
      { id: 'lugar', label: 'Lugar o enlace de la reunión', kind: 'text', required: true },
      { id: 'tarea', label: 'Tarea del plan (opcional)', kind: 'text', placeholder: '3.3' },
      {
        id: 'equipo',
        label: 'Equipo o canal invitado (opcional)',
        kind: 'select',
        options: [...teamOptions, { label: 'Canal del equipo (todos)', value: CHANNEL_OPTION }],
      },
      {
        id: 'invitados',
        label: 'Correos de los invitados (opcional)',
        kind: 'textarea',
        hint: 'Separados por «;». Indique correos, un equipo o el canal.',
      },
    ],
  };
}

/** The form's values as a NewSession. */
export function sessionFromForm(values: Record<string, string>): NewSession {
  const team = (values.equipo ?? '').trim();
  return {
    title: values.titulo ?? '',
    start: values.inicio ?? '',
    end: values.fin ?? '',
    place: values.lugar ?? '',
    taskCode: values.tarea ?? '',
    invitees: values.invitados ?? '',
    team: team === CHANNEL_OPTION ? '' : team,
    channel: team === CHANNEL_OPTION,
  };
}

/** Form field ids of the domain's fields, so each error shows under its input. */
export const formFieldOf = {
  title: 'titulo',
  start: 'inicio',
  end: 'fin',
  place: 'lugar',
  task: 'tarea',
  invitees: 'invitados',
} as const;

export function assertCoordinator(ctx: Ctx): void {
  if (!isCoordinator(ctx.actor)) {
    throw new DomainError(
      'Solo la coordinación MIPG puede crear sesiones.',
      'Vea las sesiones con /asistencia.',
    );
  }
}

/** Sends a session's invitations; the coordinator hears of anyone who could not get theirs yet. */
async function inviteAndTell(ctx: Ctx, sessionId: number): Promise<void> {
  try {
    const report = await sendInvitations(ctx, sessionId);
    const later = [...report.unreachable, ...report.failed];
    if (later.length === 0) return;
    const text = `Sesión *${sessionId}*: aún sin invitación (se reintenta automáticamente): ${later.join(', ')}.`;
    await ctx.notify.toPerson(ctx.actor, textReply(text, { tone: 'warning', visibility: 'private' }));
  } catch (error) {
    // Whatever is left undelivered, the upkeep sends within five minutes; the log says why it stopped.
    ctx.log.error(`No se pudieron enviar las invitaciones de la sesión ${sessionId}.`, {
      sessionId,
      kind: 'asistencia.invitacion',
      ...errorFields(error, { stack: true }),
    });
  }
}

/**
 * Creates the session and answers at once; the invitations go out right after the answer. One message
 * per invitee takes seconds for a large audience, longer than a chat platform waits for its answer.
 * Each invitation is claimed in the ledger (notified_at) as it goes, so the five-minute upkeep finishes
 * whatever this run leaves (a stop half-way, someone no platform reaches yet).
 */
export async function createAndInvite(input: NewSession, ctx: Ctx): Promise<Reply> {
  const session = createSession(ctx.db, ctx.clock, personAuthor(ctx.actor), input);
  setImmediate(() => void inviteAndTell(ctx, session.id));
  const lines = [
    `✅ Sesión *${session.id}* creada: «${session.title}», ${sessionWhen(session)} (hora de Bogotá).`,
  ];
  if (session.audience === 'canal') lines.push('La invitación va en camino al canal del equipo.');
  else lines.push(`Invitaciones en camino: ${attendeesOf(ctx.db, session.id).length}.`);
  return textReply(lines.join('\n'), { tone: 'success', title: 'Nueva sesión', visibility: 'private' });
}

/** The session id a button carries. */
function pressedSession(press: ActionPress): number {
  if (!/^\d{1,9}$/.test(press.value))
    throw new DomainError('Ese botón ya no es válido.', 'Vea las sesiones con /asistencia.');
  return Number(press.value);
}

/** Whether the press came from the person's own invitation (then the invitation is updated in place). */
function onOwnInvitation(ctx: Ctx, press: ActionPress): boolean {
  const ref = press.message;
  if (!ref) return false;
  const sent = findSentMessage(ctx.db, ref);
  return sent?.kind === ATTENDANCE_MESSAGE_KIND && sent.personId === ctx.actor.id;
}

function result(
  ctx: Ctx,
  press: ActionPress,
  change: AttendanceChange,
  what: 'confirmado' | 'presente',
): ActionResult {
  const reply = changeReply(change, what);
  if (!onOwnInvitation(ctx, press)) return { reply };
  return { reply, update: invitationReply(change.session, { row: change.invitee }) };
}

export const attendanceActions: ActionDef[] = [
  {
    id: ATTENDANCE_ACTIONS.confirm,
    writes: true,
    run(press, ctx) {
      const change = answerInvitation(ctx.db, ctx.clock, ctx.actor, pressedSession(press), 'confirmado');
      return result(ctx, press, change, 'confirmado');
    },
  },
  {
    id: ATTENDANCE_ACTIONS.decline,
    writes: true,
    run(press, ctx) {
      const session = assertMayAnswer(ctx.db, ctx.clock, ctx.actor, pressedSession(press));
      return { form: declineForm(session) };
    },
  },
  {
    id: ATTENDANCE_ACTIONS.checkIn,
    writes: true,
    run(press, ctx) {
      return result(ctx, press, checkIn(ctx.db, ctx.clock, ctx.actor, pressedSession(press)), 'presente');
    },
  },
];

export const attendanceForms: FormDef[] = [
  {
    id: DECLINE_FORM,
    submit(values, metadata, ctx) {
      const id = sessionId(metadata ?? '', '/asistencia declinar <id> [motivo]', '/asistencia declinar 7');
      const change = answerInvitation(ctx.db, ctx.clock, ctx.actor, id, 'declinado', values.motivo);
      return { ok: true, reply: changeReply(change, 'declinado') };
    },
  },
  {
    id: NEW_SESSION_FORM,
    async submit(values, _metadata, ctx) {
      assertCoordinator(ctx);
      try {
        return { ok: true, reply: await createAndInvite(sessionFromForm(values), ctx) };
      } catch (error) {
        if (!(error instanceof SessionInputError)) throw error;
        const errors: Record<string, string> = {};
        for (const [field, message] of Object.entries(error.fields)) {
          errors[formFieldOf[field as keyof typeof formFieldOf]] = message;
        }
        return { ok: false, errors };
      }
    },
  },
];
