import { type Block, mention, type Reply, userText } from '../chat/reply.ts';
import type { Person } from '../domain/directory/people.ts';
import { zoneLabels } from '../domain/risks/levels.ts';
import type { MaterializedReport } from '../domain/risks/materialized.ts';
import type { MatrixView } from '../domain/risks/matrix.ts';
import { bogotaDateTime, longDate } from './dates.ts';
import { lateNote } from './digest.ts';
import { matrixButtons } from './risks.ts';

/**
 * The messages the risk cycle sends to other people: the coordinator when a risk materialises or a
 * matrix is reported, the leader when their matrix is verified or returned, or still pending near
 * the end of task 4.3.
 */

/** Sent to every coordinator at once when someone reports that a risk happened. */
export function materializedNotice(report: MaterializedReport, by: Person): Reply {
  const { risk, row } = report;
  const fields = [
    { label: 'Qué ocurrió', value: userText(row.description) },
    { label: 'Zona residual', value: zoneLabels[risk.residualZone] },
    { label: 'Tratamiento', value: risk.treatment },
    { label: 'Responsable', value: risk.responsible },
  ];
  if (row.url) fields.push({ label: 'Enlace', value: userText(row.url) });
  return {
    title: `⚠️ Riesgo materializado · ${risk.code}`,
    tone: 'warning',
    blocks: [
      {
        kind: 'text',
        text: `${mention(by.id)} reportó que se materializó el riesgo *${risk.code}* del proceso ${risk.processCode}: «${risk.description}».`,
      },
      { kind: 'fields', fields },
      {
        kind: 'context',
        text: `Reportado el ${bogotaDateTime(row.reportedAt)}. Detalle: /riesgo ${risk.code}`,
      },
    ],
  };
}

/** Sent to the coordinators when a leader reports an updated matrix: verify or return it. */
export function reportedNotice(matrix: MatrixView, by: Person): Reply {
  const { process, row } = matrix;
  const note = row?.note ? ` Nota: ${userText(row.note)}` : '';
  return {
    title: `Matriz de riesgos actualizada · ${process.code}`,
    tone: 'info',
    blocks: [
      {
        kind: 'text',
        text: `${mention(by.id)} reportó actualizada la matriz de riesgos del proceso ${process.code} · ${process.name}: ${userText(row?.evidenceUrl ?? '')}.${note}`,
      },
      { kind: 'actions', buttons: matrixButtons(matrix, false, true) },
    ],
  };
}

/** Sent to the process's leader and delegates when their matrix is returned with observations. */
export function returnedNotice(matrix: MatrixView, by: Person): Reply {
  const { process, row } = matrix;
  const blocks: Block[] = [
    {
      kind: 'text',
      text: `${mention(by.id)} devolvió la matriz de riesgos del proceso ${process.code} con estas observaciones:`,
    },
    { kind: 'text', text: userText(row?.observations ?? '') },
    { kind: 'actions', buttons: matrixButtons(matrix, true, false) },
    {
      kind: 'context',
      text: 'Corríjala y responda en este hilo con el enlace de la matriz corregida, o escriba /reportar riesgos <enlace> [nota].',
    },
  ];
  return { title: `Matriz de riesgos devuelta · ${process.code}`, tone: 'warning', blocks };
}

/** Sent to the process's leader and delegates when their matrix is verified. */
export function verifiedNotice(matrix: MatrixView, by: Person): Reply {
  return {
    title: `Matriz de riesgos verificada · ${matrix.process.code}`,
    tone: 'success',
    blocks: [
      {
        kind: 'text',
        text: `${mention(by.id)} verificó la matriz de riesgos del proceso ${matrix.process.code}. ¡Gracias!`,
      },
    ],
  };
}

/** Why a matrix reminder goes out now: days left, the last day, or how long it is overdue. */
export type MatrixReminderReason =
  | { type: 'before'; days: number }
  | { type: 'due' }
  | { type: 'overdue'; since: number };

function workingDays(n: number): string {
  return n === 1 ? '1 día hábil' : `${n} días hábiles`;
}

function reminderHeadline(matrix: MatrixView, deadline: string, reason: MatrixReminderReason): string {
  const what = `la matriz de riesgos del proceso *${matrix.process.code}*`;
  const end = `*${longDate(deadline)}*`;
  switch (reason.type) {
    case 'before':
      return `⏰ Hay que reportar actualizada ${what} a más tardar el ${end} (tarea 4.3): faltan ${workingDays(reason.days)}.`;
    case 'due':
      return `⏰ Hoy es el último día hábil para reportar actualizada ${what} (plazo: ${end}, tarea 4.3).`;
    case 'overdue':
      return `🔴 ${what.charAt(0).toUpperCase()}${what.slice(1)} sigue sin reportarse: el plazo venció el ${end} (hace ${workingDays(reason.since)}).`;
  }
}

/** The reminder each leader and delegate gets while their matrix is pending or returned. */
export function matrixReminder(
  matrix: MatrixView,
  deadline: string,
  reason: MatrixReminderReason,
  late?: { dueAt: Date },
): Reply {
  const blocks: Block[] = [];
  if (late) blocks.push({ kind: 'context', text: lateNote(late.dueAt) });
  blocks.push({ kind: 'text', text: reminderHeadline(matrix, deadline, reason) });
  if (matrix.state === 'devuelta' && matrix.row?.observations) {
    blocks.push({
      kind: 'fields',
      fields: [{ label: 'Observaciones de la devolución', value: matrix.row.observations }],
    });
  }
  blocks.push(
    { kind: 'actions', buttons: matrixButtons(matrix, true, false) },
    {
      kind: 'context',
      text: 'Responda en este hilo con el enlace de la matriz actualizada (y una nota, si quiere), o escriba /reportar riesgos <enlace> [nota].',
    },
  );
  return {
    title: `Recordatorio · Matriz de riesgos ${matrix.process.code}`,
    tone: reason.type === 'overdue' ? 'warning' : 'info',
    blocks,
    visibility: 'private',
  };
}
