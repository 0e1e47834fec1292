import { z } from 'zod/v4';
import type { CommandDef, Feature } from '../src/chat/registry.ts';
import { textReply } from '../src/chat/reply.ts';
import { addEvidence, markDone, reopenPart, reopenTask, verifyTask } from '../src/domain/tasks/actions.ts';
import { partName, partsCount } from '../src/domain/tasks/part-actions.ts';
import { isHttpUrl } from '../src/domain/text.ts';
import { statusText } from '../src/views/tasks.ts';
import { joinTaskRef, parseArgs, splitHead } from './args.ts';
import { evidenceSubmit, openDone, openEvidence } from './cumplida-forms.ts';
import { doneReply, evidenceReply } from './cumplida-replies.ts';
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

export const evidenceFeature: Feature = {
  commands: [cumplida, evidencia, verificar, reabrir],
  actions: [openDone, openEvidence],
  forms: [evidenceSubmit(true), evidenceSubmit(false)],
};
