import type { Ctx } from '../src/chat/context.ts';
import type { MessageRef } from '../src/chat/messenger.ts';
import type { ActionDef, FormDef } from '../src/chat/registry.ts';
import type { FormField } from '../src/chat/reply.ts';
import { evidenceLinkProblem } from '../src/domain/links.ts';
import { addEvidence, markDone, requireTask } from '../src/domain/tasks/actions.ts';
import { partName, partsCount } from '../src/domain/tasks/part-actions.ts';
import type { TaskView } from '../src/domain/tasks/store.ts';
import { isHttpUrl, truncate } from '../src/domain/text.ts';
import { doneReply, evidenceReply, reminderAfterDone } from './cumplida-replies.ts';
import { formOrigin, readFormOrigin } from './form-origin.ts';

/** The evidence forms a «Marcar cumplida» or «Agregar evidencia» button opens, and their submissions. */

/**
 * A shared task's «Marcar cumplida» asks which part: the parts not done yet, the person's own process
 * chosen when it is one of them.
 */
function partField(ctx: Ctx, task: TaskView): FormField[] {
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

/**
 * `value` is what the button carries (any task reference), kept for the submission; the form names the task
 * as people see it, and a shared task's «Marcar cumplida» asks which part.
 */
function evidenceForm(ctx: Ctx, value: string, done: boolean, message?: MessageRef) {
  const task = requireTask(ctx.db, ctx.clock, value);
  const code = task.label;
  const extra = done ? partField(ctx, task) : [];
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

export const openDone: ActionDef = {
  id: 'tarea.cumplida',
  writes: true,
  run: (press, ctx) => ({
    form: evidenceForm(ctx, press.value, true, press.message),
  }),
};

export const openEvidence: ActionDef = {
  id: 'tarea.evidencia',
  writes: true,
  run: (press, ctx) => ({ form: evidenceForm(ctx, press.value, false) }),
};

export function evidenceSubmit(done: boolean): FormDef {
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
