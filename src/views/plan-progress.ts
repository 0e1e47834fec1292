import type { Pager } from '../chat/paging.ts';
import type { Block, Reply } from '../chat/reply.ts';
import { userText } from '../chat/reply.ts';
import type { PlanSnapshot } from '../domain/progress/snapshot-types.ts';
import { percentText } from '../domain/report/wording.ts';
import { truncate } from '../domain/text.ts';
import { bogotaDateTime, longDate } from './dates.ts';

/**
 * A cut (or today's progress) in chat: overall scheduled vs executed, one row per activity, the late and
 * overdue tasks, and what changed since the previous cut. The chart is added by the caller.
 */
export function planProgressReply(
  pager: Pager,
  snapshot: PlanSnapshot,
  heading: { title: string; note: string },
  corrections: {
    code: string;
    previousCut: string;
    before: string;
    after: string;
    at: string;
    reason: string | null;
  }[],
): Reply {
  const late = snapshot.tasks.filter((t) => t.late);
  const overdue = snapshot.tasks.filter((t) => t.status === 'vencida');
  const blocks: Block[] = [
    { kind: 'context', text: heading.note },
    {
      kind: 'fields',
      fields: [
        { label: 'Programado', value: `${percentText(snapshot.scheduled)}` },
        { label: 'Ejecutado', value: `${percentText(snapshot.executed)}` },
        { label: 'Cumplidas', value: `${snapshot.counts.done} de ${snapshot.counts.total}` },
        { label: 'Vencidas', value: String(snapshot.counts.overdue) },
        { label: 'Fuera de plazo', value: String(snapshot.counts.late) },
      ],
    },
    {
      kind: 'table',
      title: 'Por actividad',
      columns: ['Actividad', 'Programado', 'Ejecutado', 'Cumplidas', 'Vencidas'],
      rows: snapshot.activities.map((a) => [
        `${a.number}. ${truncate(a.name, 40)}`,
        percentText(a.scheduled),
        percentText(a.executed),
        `${a.done} de ${a.tasks}`,
        String(a.overdue),
      ]),
    },
  ];
  if (overdue.length > 0) {
    blocks.push(
      pager.list(
        'Vencidas',
        overdue.map(
          (t) =>
            `*${t.code}* ${truncate(t.title, 70)} · ${percentText(t.executed)} ejecutado${t.parts ? ` (${t.parts.done} de ${t.parts.target})` : ''}`,
        ),
      ),
    );
  }
  if (late.length > 0) {
    blocks.push(
      pager.list(
        'Cumplidas fuera de plazo',
        late.map((t) => `*${t.code}* ${truncate(t.title, 70)} · ${t.lateDays} días tarde`),
      ),
    );
  }
  if (corrections.length > 0) {
    blocks.push(
      pager.list(
        'Correcciones al corte anterior',
        corrections.map(
          (c) =>
            `*${c.code}*: en el corte ${c.previousCut} figuraba ${c.before}; ${c.after} el ${bogotaDateTime(c.at)}${c.reason ? ` (${userText(c.reason)})` : ''}`,
        ),
      ),
    );
  }
  blocks.push({
    kind: 'context',
    text: `Indicadores del periodo: ${snapshot.indicators.reported} de ${snapshot.indicators.expected} mediciones reportadas · Matrices de riesgos ${snapshot.year}: ${snapshot.risks.matrices.verificada} verificadas, ${snapshot.risks.matrices.actualizada} por verificar, ${snapshot.risks.matrices.pendiente + snapshot.risks.matrices.devuelta} pendientes o devueltas.`,
  });
  return pager.reply({ title: heading.title, blocks, visibility: 'private' });
}

export function cutNote(cut: { cut: string; date: string; createdAt: string; createdBy: string }): string {
  return `Corte ${cut.cut} al ${longDate(cut.date)}, guardado el ${bogotaDateTime(cut.createdAt)} por ${cut.createdBy}: no cambia con registros posteriores.`;
}
