import type { FormValues } from '../../src/chat/registry.ts';
import { DAILY_REMINDER_KIND } from '../../src/scheduler/reminders/daily.ts';
import { HELP_ACTION, POSTPONE_ACTION, TASK_REMINDER_KIND } from '../../src/scheduler/reminders/messages.ts';
import {
  ATTENDANCE_ACTIONS,
  ATTENDANCE_MESSAGE_KIND,
  DECLINE_FORM,
  NEW_SESSION_FORM,
} from '../../src/views/attendance.ts';
import { INDICATOR_REMINDER_KIND } from '../../src/views/indicators.ts';
import { COORDINATOR } from '../helpers/app.ts';

/**
 * What an example does when the person allowed to run it does: `read` shows and stores nothing,
 * `write` stores something, `offer` opens a form (or a menu of forms) that would store something.
 */
export type Kind = 'read' | 'write' | 'offer';

export const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
export const AUDITOR = 'control.interno@ejemplo.pasto.gov.co';

/** Sessions the setup creates (ids in creation order), all starting at 10:05 with the clock at 10:00. */
export const S = { one: 1, two: 2, three: 3, four: 4, five: 5 } as const;

const link = (name: string) => `https://intranet.pasto.gov.co/${name}`;

/** Typed commands, in the order they run (later ones rely on earlier writes: a task done, a matrix reported). */
export const commandExamples: { text: string; kind: Kind; as?: string }[] = [
  { text: '/tareas', kind: 'read' },
  { text: '/tareas vencidas', kind: 'read' },
  { text: '/tarea 2.3', kind: 'read' },
  { text: '/estado', kind: 'read' },
  { text: '/estado tareas', kind: 'read' },
  { text: '/estado indicadores', kind: 'read' },
  { text: '/estado indicadores GTH-01', kind: 'read' },
  { text: '/estado riesgos', kind: 'read' },
  { text: '/estado riesgos GTH', kind: 'read' },
  { text: '/estado alcance', kind: 'read' },
  { text: '/pendientes', kind: 'read' },
  { text: '/riesgo R-GTH-01', kind: 'read' },
  { text: '/asistencia', kind: 'read' },
  { text: `/asistencia ${S.one}`, kind: 'read' },
  { text: '/ayuda', kind: 'read' },
  { text: '/ayuda cumplida', kind: 'read' },
  { text: '/bitacora', kind: 'read' },
  { text: '/bitacora tarea 2.3', kind: 'read' },
  { text: `/cumplida 2.3 ${link('dofa.pdf')}`, kind: 'write' },
  { text: `/evidencia 2.3 ${link('anexo.pdf')} Anexo`, kind: 'write' },
  { text: '/verificar tarea 2.3', kind: 'write' },
  { text: '/reabrir 2.3 Falta el acta', kind: 'write' },
  { text: '/tarea 2.1 meta 8', kind: 'write' },
  { text: `/cumplida 1.1 GTH ${link('partes-interesadas-gth.xlsx')}`, kind: 'write' },
  { text: '/reabrir 1.1 parte GTH Falta la firma', kind: 'write' },
  { text: '/tarea 1.2 cerrar Se hicieron en la mesa de caracterización', kind: 'write' },
  { text: '/corte crear 2026-T2', kind: 'write' },
  { text: '/estado plan', kind: 'read' },
  { text: '/estado plan 2026-T2', kind: 'read' },
  { text: '/posponer 2.4', kind: 'write' },
  { text: '/necesito-ayuda 2.4 No tengo acceso a la carpeta', kind: 'write' },
  { text: '/reportar', kind: 'offer' },
  { text: '/reportar indicador', kind: 'offer', as: LEADER },
  {
    text: `/reportar indicador GTH-01 2026-T2 45/50 ${link('capacitacion.xlsx')}`,
    kind: 'write',
    as: LEADER,
  },
  { text: `/reportar riesgos GTH ${link('riesgos-gth.xlsx')}`, kind: 'write' },
  { text: '/verificar riesgos GTH', kind: 'write' },
  { text: `/reportar riesgos GTI ${link('riesgos-gti.xlsx')}`, kind: 'write' },
  { text: '/verificar riesgos GTI devolver Faltan los controles', kind: 'write' },
  { text: `/reportar riesgos GC ${link('riesgos-gc.xlsx')}`, kind: 'write' },
  { text: '/riesgo R-GTH-01 tratamiento evitar', kind: 'write' },
  {
    text: `/reportar riesgo materializado R-GTH-01 Se pagó doble la nómina ${link('nomina.pdf')}`,
    kind: 'write',
  },
  { text: '/asistencia nueva', kind: 'offer' },
  { text: `/asistencia confirmar ${S.one}`, kind: 'write' },
  { text: `/asistencia presente ${S.one}`, kind: 'write' },
  { text: `/asistencia declinar ${S.two} Comisión de servicios`, kind: 'write' },
  { text: `/asistencia presente ${S.two} ${LEADER}`, kind: 'write' },
  { text: `/asistencia ausente ${S.two} ${LEADER}`, kind: 'write' },
];

/** Button presses. */
export const actionExamples: { id: string; value: string; kind: Kind; as?: string }[] = [
  { id: 'estado.tema', value: 'tareas', kind: 'read' },
  { id: 'reportar.tema', value: 'indicador', kind: 'offer', as: LEADER },
  { id: 'tarea.cumplida', value: '3.1', kind: 'offer' },
  { id: 'tarea.evidencia', value: '3.1', kind: 'offer' },
  { id: 'riesgos.reportar', value: 'GF', kind: 'offer' },
  { id: 'riesgos.devolver', value: 'GC', kind: 'offer' },
  { id: 'riesgos.verificar', value: 'GC', kind: 'write' },
  { id: 'indicador.reportar', value: 'GTH-01 2026-T1', kind: 'offer', as: LEADER },
  { id: HELP_ACTION, value: '3.2', kind: 'offer' },
  { id: POSTPONE_ACTION, value: '3.2', kind: 'write' },
  { id: ATTENDANCE_ACTIONS.confirm, value: String(S.three), kind: 'write' },
  { id: ATTENDANCE_ACTIONS.decline, value: String(S.three), kind: 'offer' },
  { id: ATTENDANCE_ACTIONS.checkIn, value: String(S.three), kind: 'write' },
];

/** Form submissions: every form stores something. */
export const formExamples: { id: string; metadata?: string; values: FormValues; as?: string }[] = [
  { id: 'tarea.cumplida', metadata: '3.1', values: { enlace: link('acta-3-1.pdf'), nota: '' } },
  { id: 'tarea.evidencia', metadata: '3.1', values: { enlace: link('anexo-3-1.pdf'), nota: 'Anexo' } },
  { id: 'riesgos.reportar', metadata: 'GF', values: { enlace: link('riesgos-gf.xlsx'), nota: '' } },
  { id: 'riesgos.devolver', metadata: 'GF', values: { observaciones: 'Falta la causa del riesgo 2' } },
  { id: 'recordatorio.ayuda', metadata: '3.2', values: { nota: 'Necesito la plantilla' } },
  {
    id: 'indicador.reportar',
    metadata: 'GTH-01',
    values: {
      periodo: '2026-T1',
      numerador: '40',
      denominador: '50',
      enlace: link('cap-t1.xlsx'),
      analisis: '',
    },
    as: LEADER,
  },
  { id: DECLINE_FORM, metadata: String(S.four), values: { motivo: 'Vacaciones' } },
  {
    id: NEW_SESSION_FORM,
    values: {
      titulo: 'Mesa de revisión de riesgos',
      inicio: '2026-09-14 09:00',
      fin: '2026-09-14 11:00',
      lugar: 'Sala de juntas',
      tarea: '',
      equipo: '',
      invitados: LEADER,
    },
  },
];

/** Answers written in the thread of a message the bot sent (of each kind a handler answers). */
export const threadExamples: { kind: string; subject: string; text: string; as?: string }[] = [
  { kind: TASK_REMINDER_KIND, subject: '3.3', text: `${link('acta-3-3.pdf')} Acta firmada` },
  {
    kind: DAILY_REMINDER_KIND,
    subject: JSON.stringify([{ kind: TASK_REMINDER_KIND, subject: '3.5' }]),
    text: link('acta-3-5.pdf'),
  },
  {
    kind: INDICATOR_REMINDER_KIND,
    subject: 'GTH-03 2026-08',
    text: `3/100 ${link('ausentismo.xlsx')}`,
    as: LEADER,
  },
  { kind: 'riesgos.matriz', subject: 'GA', text: link('riesgos-ga.xlsx') },
  { kind: ATTENDANCE_MESSAGE_KIND, subject: String(S.five), text: 'confirmo' },
];

export const doer = (example: { as?: string }) => example.as ?? COORDINATOR;
