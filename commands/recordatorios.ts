import { z } from 'zod/v4';
import type { Ctx } from '../src/chat/context.ts';
import type { ActionDef, CommandDef, Feature, FormDef } from '../src/chat/registry.ts';
import { type Block, mention, type Reply, textReply } from '../src/chat/reply.ts';
import { coordinators, type Person } from '../src/domain/directory/people.ts';
import { seesEverything } from '../src/domain/directory/roles.ts';
import { DomainError } from '../src/domain/errors.ts';
import { errorFields } from '../src/domain/logger.ts';
import { requireTask } from '../src/domain/tasks/actions.ts';
import type { TaskView } from '../src/domain/tasks/store.ts';
import { boundedText, TEXT_LIMITS, type TextField, truncate } from '../src/domain/text.ts';
import {
  helpableTask,
  helpRequestsFor,
  MAX_POSTPONEMENTS,
  POSTPONE_WORKING_DAYS,
  type Postponement,
  postpone,
  recordHelpRequest,
} from '../src/scheduler/reminders/answers.ts';
import { answeredInDaily } from '../src/scheduler/reminders/daily.ts';
import {
  HELP_ACTION,
  helpRequestLine,
  POSTPONE_ACTION,
  reminderButtons,
} from '../src/scheduler/reminders/messages.ts';
import { dateRange, longDate } from '../src/views/dates.ts';
import { joinTaskRef, parseArgs, splitHead } from './args.ts';
import { formOrigin, readFormOrigin } from './form-origin.ts';
import type { PendingSection } from './pending-section.ts';
import { reminderThreads } from './recordatorios-hilos.ts';
import { currentTasks, taskCodeSchema } from './tareas.ts';

const HELP_FORM = 'recordatorio.ayuda';
const HELP_NOTICE_KIND = 'ayuda.tarea';

function postponedText(p: Postponement): string {
  return (
    `⏸️ Los recordatorios de la tarea *${p.task.label}* quedan en pausa hasta el *${longDate(p.until)}* ` +
    `(${POSTPONE_WORKING_DAYS} días hábiles); ese día le llegará uno nuevo. ` +
    `Aplazamiento ${p.number} de ${MAX_POSTPONEMENTS}.`
  );
}

const posponer: CommandDef = {
  name: 'posponer',
  summary: `Pospone ${POSTPONE_WORKING_DAYS} días hábiles los recordatorios de una tarea (máximo ${MAX_POSTPONEMENTS} veces).`,
  usage: ['/posponer <código>'],
  writes: true,
  run(args, ctx) {
    const code = parseArgs(taskCodeSchema, joinTaskRef(args), '/posponer <código>', '/posponer 2.3');
    const done = postpone(ctx.db, ctx.clock, ctx.actor, code);
    return textReply(postponedText(done), { tone: 'success', visibility: 'private' });
  },
};

/** What the coordinators receive when someone asks for help with a task. */
function helpNotice(ctx: Ctx, task: TaskView, note: string | undefined): Reply {
  const blocks: Block[] = [
    {
      kind: 'text',
      text: `${mention(ctx.actor.id)} pide ayuda con la tarea *${task.label}* «${truncate(task.title, 120)}».`,
    },
    { kind: 'text', text: note ? `Nota: ${note}` : 'No dejó nota.' },
    {
      kind: 'fields',
      fields: [
        { label: 'Responsable', value: truncate(task.responsible, 120) },
        { label: 'Fechas', value: dateRange(task.startDate, task.endDate) },
      ],
    },
    { kind: 'context', text: `Detalle: /tarea ${task.label}` },
  ];
  return {
    title: `🆘 Solicitud de ayuda · Tarea ${task.label}`,
    tone: 'warning',
    blocks,
    visibility: 'private',
  };
}

/** Tells each coordinator; returns who got it and who could not be reached (no platform or a failure). */
async function notifyCoordinators(
  ctx: Ctx,
  targets: Person[],
  notice: Reply,
  code: string,
): Promise<{ reached: Person[]; missed: Person[] }> {
  const reached: Person[] = [];
  const missed: Person[] = [];
  for (const person of targets) {
    try {
      const refs = await ctx.notify.toPerson(person, notice, { kind: HELP_NOTICE_KIND, subject: code });
      (refs.length > 0 ? reached : missed).push(person);
    } catch (error) {
      ctx.log.warn(`No se pudo avisar a la persona ${person.id} de la solicitud de ayuda.`, {
        personId: person.id,
        kind: HELP_NOTICE_KIND,
        subject: code,
        outcome: 'failed',
        ...errorFields(error),
      });
      missed.push(person);
    }
  }
  return { reached, missed };
}

const names = (people: Person[]) => people.map((p) => p.name).join(', ');

/**
 * Records the request (row + audit) first, then tells every coordinator: a failed notice never loses
 * the request (the digest and the coordinators' /pendientes list it), and the reply says who missed it.
 */
const HELP_NOTE: TextField = { subject: 'La nota', max: TEXT_LIMITS.long };

async function askForHelp(ctx: Ctx, code: string, note: string | undefined): Promise<Reply> {
  const task = helpableTask(ctx.db, ctx.clock, ctx.actor, code);
  const targets = coordinators(ctx.db);
  if (targets.length === 0) {
    throw new DomainError(
      'No hay nadie con rol de coordinación en el directorio a quien avisar.',
      'Pida que lo agreguen con: npx mipg importar personas <archivo>',
    );
  }
  const clean = note === undefined ? undefined : boundedText(note, HELP_NOTE) || undefined;
  recordHelpRequest(ctx.db, ctx.clock, ctx.actor, task, clean);
  const { reached, missed } = await notifyCoordinators(ctx, targets, helpNotice(ctx, task, clean), task.code);
  if (missed.length === 0) {
    return textReply(
      `🆘 Se avisó a la coordinación MIPG (${names(reached)}) que necesita ayuda con la tarea *${task.label}*.`,
      { tone: 'success', visibility: 'private' },
    );
  }
  const told = reached.length > 0 ? ` Se avisó a ${names(reached)}.` : '';
  return textReply(
    `🆘 Se registró su solicitud de ayuda con la tarea *${task.label}*.${told} ` +
      `No se pudo avisar en este momento a ${names(missed)}: la verá en el resumen semanal y en /pendientes. ` +
      'No hace falta pedirla de nuevo.',
    { tone: 'warning', visibility: 'private' },
  );
}

const helpArgs = z.object({ code: taskCodeSchema, note: z.string() });

const necesitoAyuda: CommandDef = {
  name: 'necesito-ayuda',
  aliases: ['ayuda-tarea'],
  summary: 'Avisa a la coordinación MIPG que necesita ayuda con una tarea, con una nota.',
  usage: ['/necesito-ayuda <código> [nota]'],
  writes: true,
  run(args, ctx) {
    const { head, rest } = splitHead(joinTaskRef(args), 1);
    const { code, note } = parseArgs(
      helpArgs,
      { code: head[0] ?? '', note: rest },
      '/necesito-ayuda <código> [nota]',
      '/necesito-ayuda 2.3 No tengo acceso a la carpeta de la DOFA',
    );
    return askForHelp(ctx, code, note || undefined);
  },
};

/** Posponer, pressed on a reminder: done in place, the reminder keeps its other buttons. */
const postponeAction: ActionDef = {
  id: POSTPONE_ACTION,
  writes: true,
  run(press, ctx) {
    const done = postpone(ctx.db, ctx.clock, ctx.actor, press.value);
    // In a daily message only this task's line changes; the other reminders keep their buttons.
    const inDaily = answeredInDaily(ctx.db, press.message, press.value, postponedText(done));
    if (inDaily) return { update: inDaily };
    const update: Reply = {
      title: `Recordatorio · Tarea ${done.task.label}`,
      tone: 'success',
      blocks: [
        { kind: 'text', text: postponedText(done) },
        { kind: 'context', text: `Pospuesto por ${ctx.actor.name}.` },
        { kind: 'actions', buttons: reminderButtons(done.task, false) },
      ],
      visibility: 'private',
    };
    return { update };
  },
};

/** Necesito ayuda, pressed on a reminder: asks for the note first. */
const helpAction: ActionDef = {
  id: HELP_ACTION,
  writes: true,
  run: (press, ctx) => ({
    form: {
      id: HELP_FORM,
      title: `Ayuda con ${requireTask(ctx.db, ctx.clock, press.value).label}`,
      submitLabel: 'Avisar',
      metadata: formOrigin(press.value, press.message),
      command: `/necesito-ayuda ${requireTask(ctx.db, ctx.clock, press.value).label} [nota]`,
      fields: [
        {
          id: 'nota',
          label: '¿Qué necesita?',
          kind: 'textarea',
          placeholder: 'Por ejemplo: no tengo acceso a la carpeta de evidencias',
        },
      ],
    },
  }),
};

const helpForm: FormDef = {
  id: HELP_FORM,
  async submit(values, metadata, ctx) {
    const note = (values.nota ?? '').trim() || undefined;
    const { value: code, message } = readFormOrigin(metadata);
    const reply = await askForHelp(ctx, code, note);
    const label = requireTask(ctx.db, ctx.clock, code).label;
    const update = answeredInDaily(ctx.db, message, code, `🆘 Pidió ayuda con la tarea *${label}*.`);
    return update ? { ok: true, reply, update } : { ok: true, reply };
  },
};

/** «Solicitudes de ayuda» in the coordinators' (and Control Interno's) Mis pendientes: requests on tasks not done yet. */
export const helpPending: PendingSection = {
  id: 'ayuda',
  build(ctx, pager) {
    if (!seesEverything(ctx.actor)) return [];
    const open = new Map(
      currentTasks(ctx)
        .tasks.filter((t) => t.status !== 'cumplida')
        .map((t) => [t.id, t]),
    );
    const lines = helpRequestsFor(ctx.db, [...open.keys()]).flatMap((request) => {
      const task = open.get(request.taskId);
      return task ? [helpRequestLine(task, request)] : [];
    });
    return lines.length === 0 ? [] : [pager.list('Solicitudes de ayuda', lines, 10)];
  },
};

export const remindersFeature: Feature = {
  commands: [posponer, necesitoAyuda],
  actions: [postponeAction, helpAction],
  forms: [helpForm],
  threadReplies: reminderThreads,
};
