import { z } from 'zod/v4';
import type { Ctx } from '../src/chat/context.ts';
import type { MessageRef } from '../src/chat/messenger.ts';
import { findSentMessage } from '../src/chat/notifier.ts';
import type { ActionDef, CommandDef, Feature, FormDef } from '../src/chat/registry.ts';
import type { FormField } from '../src/chat/reply.ts';
import { type Reply, textReply } from '../src/chat/reply.ts';
import { evidenceLinkProblem } from '../src/domain/links.ts';
import {
  addEvidence,
  markDone,
  reopenPart,
  reopenTask,
  requireTask,
  type TaskChange,
  verifyTask,
} from '../src/domain/tasks/actions.ts';
import { partName, partsCount } from '../src/domain/tasks/part-actions.ts';
import { refValue } from '../src/domain/tasks/refs.ts';
import { isHttpUrl, truncate } from '../src/domain/text.ts';
import { answeredInDaily } from '../src/scheduler/reminders/daily.ts';
import { TASK_REMINDER_KIND } from '../src/scheduler/reminders/messages.ts';
import { statusText } from '../src/views/tasks.ts';
import { joinTaskRef, parseArgs, splitHead } from './args.ts';
import { formOrigin, readFormOrigin } from './form-origin.ts';
import { takeReason } from './reason-option.ts';
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

/**
 * `<código> [parte] <enlace> [nota]`: a shared task's part (process code or item number) may come
 * before the link.
 */
function parseEvidence(typed: string, name: string) {
  const args = joinTaskRef(typed);
  const { head } = splitHead(args, 3);
  const withPart =
    head[1] !== undefined && !isHttpUrl(head[1]) && head[2] !== undefined && isHttpUrl(head[2]);
  const { head: parts, rest } = splitHead(args, withPart ? 3 : 2);
  const usage = `/${name} <código> [proceso o parte] <enlace> [nota]`;
  const parsed = parseArgs(
    evidenceArgs,
    { code: parts[0] ?? '', url: (withPart ? parts[2] : parts[1]) ?? '', note: rest },
    usage,
    `/${name} 2.3 https://intranet.pasto.gov.co/dofa-2026.pdf Versión aprobada`,
  );
  return { ...parsed, part: withPart ? parts[1] : undefined };
}

function doneReply(change: TaskChange): Reply {
  const { task, part } = change;
  const url = change.evidence?.url;
  let text: string;
  if (part && task.parts) {
    const progress = `Avance: ${partsCount(task.parts)}${task.doneAt ? ' · ✅ la tarea quedó cumplida' : ''}.`;
    text = change.partAlreadyDone
      ? `La parte ${partName(part)} de la tarea *${task.label}* ya estaba cumplida; se agregó la nueva evidencia. ${progress}`
      : `✅ Quedó cumplida la parte ${partName(part)} de la tarea *${task.label}*. Evidencia: ${url}\n${progress}`;
  } else {
    text = change.alreadyDone
      ? `La tarea *${task.label}* ya estaba cumplida; se agregó la nueva evidencia.`
      : `✅ La tarea *${task.label}* quedó cumplida. Evidencia: ${url}`;
  }
  return textReply(text, {
    tone: 'success',
    title: `Tarea ${task.label}`,
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
  const inDaily = answeredInDaily(ctx.db, message, refValue(task), `*${task.label}* · ${outcome}`);
  if (inDaily) return inDaily;
  if (findSentMessage(ctx.db, message)?.kind !== TASK_REMINDER_KIND) return undefined;
  return textReply(`La tarea *${task.label}* «${truncate(task.title, 120)}» quedó cumplida. ${outcome}.`, {
    title: `Recordatorio · Tarea ${task.label}`,
    tone: 'success',
    visibility: 'private',
  });
}

function evidenceReply(change: TaskChange): Reply {
  return textReply(
    `Se registró la evidencia de la tarea *${change.task.label}* (${statusText(change.task)}): ${change.evidence?.url}`,
    { tone: 'success', visibility: 'private' },
  );
}

const cumplida: CommandDef = {
  name: 'cumplida',
  summary: 'Marca una tarea como cumplida con el enlace de su evidencia.',
  usage: [
    '/cumplida <código> <enlace> [nota]',
    '/cumplida <código> <proceso o parte> <enlace> [nota]',
    '/cumplida <código> <enlace> [nota] --motivo <motivo> (coordinación, en una vigencia cerrada)',
  ],
  writes: true,
  run(typed, ctx) {
    const { rest: args, reason } = takeReason(typed);
    const { code, url, note, part } = parseEvidence(args, 'cumplida');
    const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
    return doneReply(
      markDone(ctx.db, ctx.clock, ctx.actor, code, url, note || undefined, hosts, part, reason),
    );
  },
};

const evidencia: CommandDef = {
  name: 'evidencia',
  summary: 'Agrega un enlace de evidencia a una tarea sin cambiar su estado.',
  usage: [
    '/evidencia <código> <enlace> [nota]',
    '/evidencia <código> <enlace> [nota] --motivo <motivo> (coordinación, en una vigencia cerrada)',
  ],
  writes: true,
  run(typed, ctx) {
    const { rest: args, reason } = takeReason(typed);
    const { code, url, note } = parseEvidence(args, 'evidencia');
    const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
    return evidenceReply(
      addEvidence(ctx.db, ctx.clock, ctx.actor, code, url, note || undefined, hosts, reason),
    );
  },
};

const verificar: CommandDef = {
  name: 'verificar',
  summary: 'Coordinación: verifica una tarea cumplida o la matriz de riesgos de un proceso.',
  usage: ['/verificar tarea <código> [--motivo <motivo>]', ...verifyTopics.map((t) => t.usage)],
  writes: true,
  run(typed, ctx) {
    const { head: first, rest: after } = splitHead(typed, 1);
    const { rest: task, reason } = first[0] === 'tarea' ? takeReason(after) : { rest: after };
    const args = first[0] === 'tarea' ? `tarea ${joinTaskRef(task)}` : typed;
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
    const change = verifyTask(ctx.db, ctx.clock, ctx.actor, code, reason);
    return textReply(`La tarea *${change.task.label}* quedó verificada.`, {
      tone: 'success',
    });
  },
};

const reabrir: CommandDef = {
  name: 'reabrir',
  summary: 'Coordinación: reabre una tarea cumplida, o una parte de una tarea compartida, con el motivo.',
  usage: ['/reabrir <código> [motivo]', '/reabrir <código> parte <proceso o número> [motivo]'],
  writes: true,
  run(typed, ctx) {
    const { head, rest } = splitHead(joinTaskRef(typed), 1);
    const code = parseArgs(
      taskCodeSchema,
      head[0] ?? '',
      '/reabrir <código> [motivo]',
      '/reabrir 2.3 Falta el acta',
    );
    const sub = splitHead(rest, 2);
    if (sub.head[0]?.toLowerCase() === 'parte') {
      if (!sub.head[1]) {
        return textReply(
          `Falta la parte. Ejemplo: /reabrir ${code} parte GTH El inventario está incompleto`,
          {
            tone: 'warning',
            visibility: 'private',
          },
        );
      }
      const change = reopenPart(ctx.db, ctx.clock, ctx.actor, code, sub.head[1], sub.rest || undefined);
      const parts = change.task.parts;
      return textReply(
        `La parte ${change.part ? partName(change.part) : sub.head[1]} de la tarea *${code}* quedó abierta de nuevo${parts ? ` (${partsCount(parts)})` : ''}.`,
        { tone: 'success' },
      );
    }
    const why = takeReason(rest).reason ?? rest;
    const change = reopenTask(ctx.db, ctx.clock, ctx.actor, code, why || undefined);
    return textReply(`La tarea *${change.task.label}* quedó abierta de nuevo (${statusText(change.task)}).`, {
      tone: 'success',
    });
  },
};

/** The evidence form a "Marcar cumplida" or "Agregar evidencia" button opens. */
/**
 * A shared task's «Marcar cumplida» asks which part: the parts not done yet, the person's own process
 * chosen when it is one of them.
 */
function partField(ctx: Ctx, code: string): FormField[] {
  const task = requireTask(ctx.db, ctx.clock, code);
  if (task.parts?.source !== 'manual' || task.doneAt) return [];
  const open = task.parts.items.filter((p) => p.doneAt === null);
  const own = open.find((p) => p.processId !== null && p.processId === ctx.actor.processId);
  return [
    {
      id: 'parte',
      label: task.parts.kind === 'procesos' ? 'Proceso' : 'Parte',
      kind: 'select',
      required: true,
      options: open
        .slice(0, 100)
        .map((p) => ({ label: truncate(partName(p), 70), value: p.processCode ?? p.label })),
      ...(own ? { initial: own.processCode ?? own.label } : {}),
      hint: `Avance: ${partsCount(task.parts)}.`,
    },
  ];
}

/** `value` is what the button carries (any task reference); the form names the task as people see it. */
function evidenceForm(ctx: Ctx, value: string, done: boolean, message?: MessageRef, extra: FormField[] = []) {
  const code = requireTask(ctx.db, ctx.clock, value).label;
  return {
    id: done ? 'tarea.cumplida' : 'tarea.evidencia',
    title: done ? `Cumplir tarea ${code}` : `Evidencia ${code}`,
    submitLabel: 'Guardar',
    metadata: formOrigin(value, message),
    command: done
      ? `/cumplida ${code}${extra.length > 0 ? ' <proceso o parte>' : ''} <enlace> [nota]`
      : `/evidencia ${code} <enlace> [nota]`,
    fields: [
      ...extra,
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
  run: (press, ctx) => ({
    form: evidenceForm(ctx, press.value, true, press.message, partField(ctx, press.value)),
  }),
};

const openEvidence: ActionDef = {
  id: 'tarea.evidencia',
  writes: true,
  run: (press, ctx) => ({ form: evidenceForm(ctx, press.value, false) }),
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
        const part = (values.parte ?? '').trim() || undefined;
        const change = markDone(ctx.db, ctx.clock, ctx.actor, code, url, note, hosts, part);
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
