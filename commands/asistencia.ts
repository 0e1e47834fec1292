import type { Ctx } from '../src/chat/context.ts';
import { PAGE_WORD, Pager, pagedCommand } from '../src/chat/paging.ts';
import type { CommandDef, Feature } from '../src/chat/registry.ts';
import { type Reply, textReply } from '../src/chat/reply.ts';
import { answerInvitation, checkIn, markPresence } from '../src/domain/attendance/answers.ts';
import { closeSession, republishIfClosed } from '../src/domain/attendance/close.ts';
import { longDateTime } from '../src/domain/attendance/format.ts';
import { attendanceList } from '../src/domain/attendance/list.ts';
import { listPublishing } from '../src/domain/attendance/publish.ts';
import {
  evidenceUrl,
  invitationsOf,
  inviteeOf,
  type SessionView,
  upcomingSessions,
} from '../src/domain/attendance/store.ts';
import { hasEnded, hasStarted } from '../src/domain/attendance/time.ts';
import { seesEverything } from '../src/domain/directory/roles.ts';
import { normalize } from '../src/domain/text.ts';
import {
  type SessionPhase,
  sessionDetailReply,
  sessionLine,
  sessionListReply,
} from '../src/views/attendance.ts';
import { splitHead, splitPage } from './args.ts';
import {
  assertCoordinator,
  attendanceActions,
  attendanceForms,
  changeReply,
  newSessionForm,
  sessionId,
} from './asistencia-acciones.ts';
import { attendanceThreadReplies } from './asistencia-respuestas.ts';
import type { PendingSection } from './pending-section.ts';

function phaseOf(session: { startsAt: string; endsAt: string }, now: Date): SessionPhase {
  if (hasEnded(session, now)) return 'terminada';
  return hasStarted(session, now) ? 'en_curso' : 'programada';
}

/** One line about the list as evidence: registered (with its link), pending, or what will happen. */
function evidenceNote(ctx: Ctx, session: SessionView, phase: SessionPhase, pending?: string): string {
  if (pending) return pending;
  const url = evidenceUrl(ctx.db, session);
  if (url) return `La lista quedó registrada como evidencia de la tarea ${session.taskCode}: ${url}`;
  if (phase === 'terminada') {
    return `Lista de asistencia: npx mipg exportar asistencia ${session.id} --formato xlsx --salida asistencia-${session.id}.xlsx`;
  }
  return session.taskCode
    ? `Al terminar, la lista de asistencia se registra como evidencia de la tarea ${session.taskCode}.`
    : `Al terminar, la lista queda disponible con npx mipg exportar asistencia ${session.id}.`;
}

/** `/asistencia <id>`: closes the session first when it ended (lazily, if the scheduler has not yet). */
async function detail(id: number, ctx: Ctx, page: number): Promise<Reply> {
  const outcome = await closeSession(ctx.db, ctx.clock, id, listPublishing(ctx.config));
  const list = attendanceList(ctx.db, id);
  const { session } = list;
  const phase = phaseOf(session, ctx.clock.now());
  const invited = inviteeOf(ctx.db, id, ctx.actor.id) !== undefined || session.audience === 'canal';
  // Why someone cannot attend is for them, the coordination and Control Interno.
  const oversees = seesEverything(ctx.actor);
  return sessionDetailReply(list, {
    phase,
    reasonsFor: (personId) => oversees || personId === ctx.actor.id,
    evidenceNote: evidenceNote(ctx, session, phase, outcome.pending),
    buttons: phase !== 'terminada' && invited,
    pager: new Pager(page, pagedCommand(`/asistencia ${id}`)),
  });
}

function list(ctx: Ctx, page: number): Reply {
  const sessions = upcomingSessions(ctx.db, ctx.clock.now().toISOString());
  const rows = invitationsOf(
    ctx.db,
    ctx.actor.id,
    sessions.map((s) => s.id),
  );
  return sessionListReply(sessions, rows, new Pager(page, pagedCommand('/asistencia')));
}

const listUsage = '/asistencia [<id>] [pagina <n>]';

async function markByHand(args: string, ctx: Ctx, present: boolean): Promise<Reply> {
  const verb = present ? 'presente' : 'ausente';
  const { head } = splitHead(args, 2);
  const id = sessionId(
    head[0] ?? '',
    `/asistencia ${verb} <id> <correo>`,
    `/asistencia ${verb} 7 ana@pasto.gov.co`,
  );
  const change = markPresence(ctx.db, ctx.clock, ctx.actor, id, head[1] ?? '', present);
  await republishIfClosed(ctx.db, id, listPublishing(ctx.config));
  const who = `${change.invitee.personId === ctx.actor.id ? 'Su' : 'La'} presencia`;
  const text = change.changed
    ? `${who} quedó ${present ? 'registrada' : 'retirada'} en la sesión ${id} (registro manual de la coordinación, ${longDateTime(ctx.clock.now())}).`
    : `No hubo cambios: esa presencia ya estaba ${present ? 'registrada' : 'sin registrar'}.`;
  return textReply(text, { tone: change.changed ? 'success' : 'info', visibility: 'private' });
}

async function run(args: string, ctx: Ctx): Promise<Reply> {
  const { head, rest } = splitHead(args, 1);
  const verb = normalize(head[0] ?? '');
  const usage = (v: string, extra = '') => `/asistencia ${v} <id>${extra}`;
  // Only the lists page: the upcoming sessions and one session's people.
  if (verb === '' || verb === PAGE_WORD)
    return list(ctx, splitPage(args, listUsage, '/asistencia pagina 2').page);
  switch (verb) {
    case 'nueva':
      assertCoordinator(ctx);
      return { title: 'Nueva sesión', blocks: [], form: newSessionForm(ctx), visibility: 'private' };
    case 'confirmar': {
      const id = sessionId(rest, usage('confirmar'), '/asistencia confirmar 7');
      return changeReply(answerInvitation(ctx.db, ctx.clock, ctx.actor, id, 'confirmado'), 'confirmado');
    }
    case 'declinar': {
      const { head: idWord, rest: reason } = splitHead(rest, 1);
      const id = sessionId(
        idWord[0] ?? '',
        usage('declinar', ' [motivo]'),
        '/asistencia declinar 7 Comisión',
      );
      return changeReply(
        answerInvitation(ctx.db, ctx.clock, ctx.actor, id, 'declinado', reason),
        'declinado',
      );
    }
    case 'presente': {
      if (splitHead(rest, 2).head.length === 2) return markByHand(rest, ctx, true);
      const id = sessionId(rest, usage('presente', ' [correo]'), '/asistencia presente 7');
      return changeReply(checkIn(ctx.db, ctx.clock, ctx.actor, id), 'presente');
    }
    case 'ausente':
      return markByHand(rest, ctx, false);
    default: {
      const { page } = splitPage(rest, listUsage, '/asistencia 7 pagina 2');
      const id = sessionId(
        head[0] ?? '',
        '/asistencia [<id>|nueva|confirmar <id>|declinar <id>|presente <id>]',
        '/asistencia 7',
      );
      return detail(id, ctx, page);
    }
  }
}

/** The verbs of /asistencia that record something (or open the form that does). */
const WRITING_VERBS = ['nueva', 'confirmar', 'declinar', 'presente', 'ausente'];

const asistencia: CommandDef = {
  name: 'asistencia',
  aliases: ['sesiones'],
  summary: 'Sesiones con lista de asistencia: invitaciones, confirmaciones y registro de presencia.',
  usage: [
    '/asistencia [pagina <n>] — próximas sesiones',
    '/asistencia <id> [pagina <n>] — confirmados, no asistirán, sin respuesta y presentes',
    '/asistencia nueva — crear una sesión (coordinación)',
    '/asistencia confirmar <id> · /asistencia declinar <id> [motivo] · /asistencia presente <id>',
    '/asistencia presente <id> <correo> · /asistencia ausente <id> <correo> — registro manual (coordinación)',
  ],
  writes: (args) => WRITING_VERBS.includes(normalize(splitHead(args, 1).head[0] ?? '')),
  run,
};

export const attendanceFeature: Feature = {
  commands: [asistencia],
  actions: attendanceActions,
  forms: attendanceForms,
  threadReplies: attendanceThreadReplies,
};

/** "Mis pendientes": the sessions not ended yet that the person is invited to, with their answer. */
export const attendancePending: PendingSection = {
  id: 'sesiones',
  build(ctx, pager) {
    const sessions = upcomingSessions(ctx.db, ctx.clock.now().toISOString());
    const rows = invitationsOf(
      ctx.db,
      ctx.actor.id,
      sessions.map((s) => s.id),
    );
    const mine = sessions.filter((s) => rows.has(s.id));
    if (mine.length === 0) return [];
    return [
      pager.list(
        'Sesiones a las que está invitado',
        mine.map((s) => sessionLine(s, rows.get(s.id))),
        10,
      ),
    ];
  },
};
