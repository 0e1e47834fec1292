import { z } from 'zod/v4';
import type { Ctx } from '../src/chat/context.ts';
import type { MessageRef } from '../src/chat/messenger.ts';
import { findSentMessage } from '../src/chat/notifier.ts';
import type { ActionDef, CommandDef, Feature, FormDef } from '../src/chat/registry.ts';
import { type Reply, textReply } from '../src/chat/reply.ts';
import { evidenceLinkProblem } from '../src/domain/links.ts';
import {
  addEvidence,
  markDone,
  reopenTask,
  type TaskChange,
  verifyTask,
} from '../src/domain/tasks/actions.ts';
import { isHttpUrl, truncate } from '../src/domain/text.ts';
import { answeredInDaily } from '../src/scheduler/reminders/daily.ts';
import { TASK_REMINDER_KIND } from '../src/scheduler/reminders/messages.ts';
import { statusText } from '../src/views/tasks.ts';
import { parseArgs, splitHead } from './args.ts';
import { formOrigin, readFormOrigin } from './form-origin.ts';
import { taskCodeSchema } from './tareas.ts';
import { runVerifyTopic, verifyTopics } from './verificar-riesgos.ts';

const linkSchema = z
  .string({ error: 'Falta el enlace de la evidencia.' })
  .min(1, { message: 'Falta el enlace de la evidencia.' })
  .refine(isHttpUrl, { message: 'La evidencia debe ser un enlace http(s).' });

const evidenceArgs = z.object({
  code: taskCodeSchema,
  url: linkSchema,
  note: z.string(),
});

function parseEvidence(args: string, name: string) {
  const { head, rest } = splitHead(args, 2);
  const usage = `/${name} <código> <enlace> [nota]`;
  return parseArgs(
    evidenceArgs,
    { code: head[0] ?? '', url: head[1] ?? '', note: rest },
    usage,
    `/${name} 2.3 https://intranet.pasto.gov.co/dofa-2026.pdf Versión aprobada`,
  );
}

function doneReply(change: TaskChange): Reply {
  const { task } = change;
  const text = change.alreadyDone
    ? `La tarea *${task.code}* ya estaba cumplida; se agregó la nueva evidencia.`
    : `✅ La tarea *${task.code}* quedó cumplida. Evidencia: ${change.evidence?.url}`;
  return textReply(text, {
    tone: 'success',
    title: `Tarea ${task.code}`,
    visibility: 'private',
  });
}

/**
 * The reminder whose «Marcar cumplida» opened the form, once the task is done: in a daily message only that
 * task's line changes; a task's own reminder loses its buttons. Any other message is left as it was.
 */
function reminderAfterDone(ctx: Ctx, message: MessageRef | undefined, change: TaskChange): Reply | undefined {
  if (!message) return undefined;
  const { task } = change;
  const outcome = `✅ Cumplida por ${ctx.actor.name} con la evidencia ${change.evidence?.url ?? ''}`;
  const inDaily = answeredInDaily(ctx.db, message, task.code, `*${task.code}* · ${outcome}`);
  if (inDaily) return inDaily;
  if (findSentMessage(ctx.db, message)?.kind !== TASK_REMINDER_KIND) return undefined;
  return textReply(`La tarea *${task.code}* «${truncate(task.title, 120)}» quedó cumplida. ${outcome}.`, {
    title: `Recordatorio · Tarea ${task.code}`,
    tone: 'success',
    visibility: 'private',
  });
}

function evidenceReply(change: TaskChange): Reply {
  return textReply(
    `Se registró la evidencia de la tarea *${change.task.code}* (${statusText(change.task.status)}): ${change.evidence?.url}`,
    { tone: 'success', visibility: 'private' },
  );
}

const cumplida: CommandDef = {
  name: 'cumplida',
  summary: 'Marca una tarea como cumplida con el enlace de su evidencia.',
  usage: ['/cumplida <código> <enlace> [nota]'],
  writes: true,
  run(args, ctx) {
    const { code, url, note } = parseEvidence(args, 'cumplida');
    const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
    return doneReply(markDone(ctx.db, ctx.clock, ctx.actor, code, url, note || undefined, hosts));
  },
};

const evidencia: CommandDef = {
  name: 'evidencia',
  summary: 'Agrega un enlace de evidencia a una tarea sin cambiar su estado.',
  usage: ['/evidencia <código> <enlace> [nota]'],
  writes: true,
  run(args, ctx) {
    const { code, url, note } = parseEvidence(args, 'evidencia');
    const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
    return evidenceReply(addEvidence(ctx.db, ctx.clock, ctx.actor, code, url, note || undefined, hosts));
  },
};

const verificar: CommandDef = {
  name: 'verificar',
  summary: 'Coordinación: verifica una tarea cumplida o la matriz de riesgos de un proceso.',
  usage: ['/verificar tarea <código>', ...verifyTopics.map((t) => t.usage)],
  writes: true,
  run(args, ctx) {
    const { head } = splitHead(args, 2);
    const usage = '/verificar tarea <código>';
    if (head[0] !== 'tarea') {
      const other = runVerifyTopic(args, ctx);
      if (other) return other;
      return textReply(`Uso: ${[usage, ...verifyTopics.map((t) => t.usage)].join(' · ')}`, {
        tone: 'warning',
        visibility: 'private',
      });
    }
    const code = parseArgs(taskCodeSchema, head[1] ?? '', usage, '/verificar tarea 2.3');
    const change = verifyTask(ctx.db, ctx.clock, ctx.actor, code);
    return textReply(`La tarea *${change.task.code}* quedó verificada.`, {
      tone: 'success',
    });
  },
};

const reabrir: CommandDef = {
  name: 'reabrir',
  summary: 'Coordinación: reabre una tarea cumplida, con el motivo.',
  usage: ['/reabrir <código> [motivo]'],
  writes: true,
  run(args, ctx) {
    const { head, rest } = splitHead(args, 1);
    const code = parseArgs(
      taskCodeSchema,
      head[0] ?? '',
      '/reabrir <código> [motivo]',
      '/reabrir 2.3 Falta el acta',
    );
    const change = reopenTask(ctx.db, ctx.clock, ctx.actor, code, rest || undefined);
    return textReply(
      `La tarea *${change.task.code}* quedó abierta de nuevo (${statusText(change.task.status)}).`,
      {
        tone: 'success',
      },
    );
  },
};

/** The evidence form a "Marcar cumplida" or "Agregar evidencia" button opens. */
function evidenceForm(code: string, done: boolean, message?: MessageRef) {
  return {
    id: done ? 'tarea.cumplida' : 'tarea.evidencia',
    title: done ? `Cumplir tarea ${code}` : `Evidencia ${code}`,
    submitLabel: 'Guardar',
    metadata: formOrigin(code, message),
    command: done ? `/cumplida ${code} <enlace> [nota]` : `/evidencia ${code} <enlace> [nota]`,
    fields: [
      {
        id: 'enlace',
        label: 'Enlace de la evidencia',
        kind: 'url' as const,
        required: true,
        placeholder: 'https://intranet.pasto.gov.co/…',
      },
      { id: 'nota', label: 'Nota (opcional)', kind: 'textarea' as const },
    ],
  };
}

const openDone: ActionDef = {
  id: 'tarea.cumplida',
  writes: true,
  run: (press) => ({ form: evidenceForm(press.value, true, press.message) }),
};

const openEvidence: ActionDef = {
  id: 'tarea.evidencia',
  writes: true,
  run: (press) => ({ form: evidenceForm(press.value, false) }),
};

function evidenceSubmit(done: boolean): FormDef {
  return {
    id: done ? 'tarea.cumplida' : 'tarea.evidencia',
    submit(values, metadata, ctx) {
      const url = (values.enlace ?? '').trim();
      if (!isHttpUrl(url)) {
        return {
          ok: false,
          errors: {
            enlace: 'Escriba un enlace http(s), por ejemplo https://intranet.pasto.gov.co/acta.pdf',
          },
        };
      }
      const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
      const refused = evidenceLinkProblem(url, hosts);
      if (refused !== undefined) return { ok: false, errors: { enlace: refused } };
      const { value: code, message } = readFormOrigin(metadata);
      const note = (values.nota ?? '').trim() || undefined;
      if (done) {
        const change = markDone(ctx.db, ctx.clock, ctx.actor, code, url, note, hosts);
        const update = reminderAfterDone(ctx, message, change);
        return { ok: true, reply: doneReply(change), ...(update ? { update } : {}) };
      }
      return {
        ok: true,
        reply: evidenceReply(addEvidence(ctx.db, ctx.clock, ctx.actor, code, url, note, hosts)),
      };
    },
  };
}

export const evidenceFeature: Feature = {
  commands: [cumplida, evidencia, verificar, reabrir],
  actions: [openDone, openEvidence],
  forms: [evidenceSubmit(true), evidenceSubmit(false)],
};
