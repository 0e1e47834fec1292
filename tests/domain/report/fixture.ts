import type { Cut, SnapshotPart, SnapshotTask } from '../../../src/domain/progress/snapshot-types.ts';

/**
 * A hand-made cut (2026-T3) of a small plan: 2 activities and 4 tasks — one shared by 29 processes
 * (14 done), one done 12 days late with 2 evidence links, one overdue whose title carries markup, one
 * pending whose title looks like a spreadsheet formula — plus indicators, risks, attendance and a
 * correction of the previous cut.
 */

const parts: SnapshotPart[] = Array.from({ length: 29 }, (_, i) => ({
  label: `Proceso ${i + 1}`,
  processCode: `P${String(i + 1).padStart(2, '0')}`,
  doneAt: i < 14 ? `2026-0${7 + (i % 3)}-1${i % 9}T15:00:00.000Z` : null,
  by: i < 14 ? 'Andrés Muñoz' : null,
}));

const base = {
  what: '',
  evidenceExpected: '',
  doneAt: null,
  doneBy: null,
  verifiedAt: null,
  closedReason: null,
  late: false,
  lateDays: null,
  parts: null,
  evidence: [],
} satisfies Partial<SnapshotTask>;

export const MARKUP_TITLE = 'Revisar el <b>PTEP</b> & sus "anexos"';
export const FORMULA_TITLE = '=SUMA(1;2) Consolidar la matriz integral';

export const tasks: SnapshotTask[] = [
  {
    ...base,
    code: '1.1',
    title: 'Solicitar el inventario de partes interesadas',
    activityNumber: 1,
    activityName: 'Levantar la información de los grupos de valor',
    responsible: 'Equipo MIPG',
    startDate: '2026-07-01',
    endDate: '2026-10-31',
    status: 'en_curso',
    scheduled: 75,
    executed: 48.3,
    parts: { target: 29, done: 14, items: parts },
  },
  {
    ...base,
    code: '1.2',
    title: 'Caracterizar dos procesos',
    activityNumber: 1,
    activityName: 'Levantar la información de los grupos de valor',
    responsible: 'Líderes de proceso',
    startDate: '2026-06-01',
    endDate: '2026-08-31',
    status: 'cumplida',
    scheduled: 100,
    executed: 100,
    late: true,
    lateDays: 12,
    doneAt: '2026-09-12T21:30:00.000Z',
    doneBy: 'Laura Gómez',
    verifiedAt: '2026-09-15T14:05:00.000Z',
    evidence: [
      {
        url: 'https://intranet.pasto.gov.co/caracterizacion-gth.pdf',
        note: 'Caracterización de GTH',
        by: 'Andrés Muñoz',
        at: '2026-09-10T16:00:00.000Z',
      },
      {
        url: 'https://intranet.pasto.gov.co/caracterizacion-ac.pdf',
        note: null,
        by: 'Laura Gómez',
        at: '2026-09-12T21:30:00.000Z',
      },
    ],
  },
  {
    ...base,
    code: '2.1',
    title: MARKUP_TITLE,
    activityNumber: 2,
    activityName: 'Formular las estrategias del PTEP',
    responsible: 'Equipo MIPG - Oficina de Planeación',
    startDate: '2026-07-01',
    endDate: '2026-07-31',
    status: 'vencida',
    scheduled: 100,
    executed: 0,
  },
  {
    ...base,
    code: '2.2',
    title: FORMULA_TITLE,
    activityNumber: 2,
    activityName: 'Formular las estrategias del PTEP',
    responsible: 'Equipo MIPG',
    startDate: '2026-12-01',
    endDate: '2026-12-31',
    status: 'pendiente',
    scheduled: 0,
    executed: 0,
  },
];

export const cut: Cut = {
  cut: '2026-T3',
  kind: 'trimestral',
  date: '2026-09-30',
  year: 2026,
  planTitle: 'Plan de Acción Institucional 2026',
  createdAt: '2026-10-01T13:15:00.000Z',
  createdBy: 'Laura Gómez',
  scheduled: 68.8,
  executed: 37.1,
  counts: { total: 4, done: 1, overdue: 1, late: 1, inProgress: 1, pending: 1 },
  activities: [
    {
      number: 1,
      name: 'Levantar la información de los grupos de valor',
      tasks: 2,
      done: 1,
      overdue: 0,
      late: 1,
      scheduled: 87.5,
      executed: 74.2,
    },
    {
      number: 2,
      name: 'Formular las estrategias del PTEP',
      tasks: 2,
      done: 0,
      overdue: 1,
      late: 0,
      scheduled: 50,
      executed: 0,
    },
  ],
  tasks,
  indicators: {
    from: '2026-07-01',
    to: '2026-09-30',
    expected: 3,
    reported: 2,
    critico: 1,
    aceptable: 0,
    satisfactorio: 1,
    lines: [
      {
        code: 'GTH-01',
        name: 'Cumplimiento del plan de capacitación',
        processCode: 'GTH',
        period: '2026-T3',
        result: 96,
        target: 95,
        unit: 'porcentaje',
        status: 'satisfactorio',
        compliance: 101.1,
        reportedAt: '2026-10-05T15:00:00.000Z',
        reportedBy: 'Andrés Muñoz',
        corrections: 0,
      },
      {
        code: 'AC-02',
        name: 'Peticiones atendidas a tiempo',
        processCode: 'AC',
        period: '2026-T3',
        result: 12,
        target: 20,
        unit: 'numero',
        status: 'critico',
        compliance: 60,
        reportedAt: '2026-10-06T20:00:00.000Z',
        reportedBy: 'Laura Gómez',
        corrections: 1,
      },
    ],
  },
  risks: {
    year: 2026,
    processes: 29,
    matrices: { pendiente: 20, actualizada: 5, verificada: 3, devuelta: 1 },
    risks: 58,
    residualZones: { bajo: 30, moderado: 18, alto: 8, extremo: 2 },
    materialized: 1,
  },
  attendance: [
    {
      title: 'Capacitación en indicadores',
      startsAt: '2026-09-10T14:00:00.000Z',
      place: 'Sala de juntas',
      taskCode: '3.3',
      invited: 12,
      confirmed: 10,
      declined: 1,
      attended: 9,
    },
  ],
  corrections: [
    {
      code: '1.3',
      previousCut: '2026-T2',
      before: 'Cumplida',
      after: 'En curso',
      at: '2026-08-05T20:30:00.000Z',
      reason: 'La evidencia estaba incompleta',
    },
  ],
};
