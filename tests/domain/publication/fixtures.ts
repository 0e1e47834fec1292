import type {
  Cut,
  PlanSnapshot,
  SnapshotActivity,
  SnapshotPart,
  SnapshotTask,
} from '../../../src/domain/progress/snapshot-types.ts';

/**
 * Hand-made snapshots shaped like the 2026 plan, with private data planted in every free-text field:
 * `secret.names` only where the public page must not look (who recorded, notes, reasons), and
 * `secret.ids` (e-mails, Slack and Teams ids, conversation ids) everywhere, public text included.
 */
export interface Secrets {
  names: string[];
  ids: string[];
}

export const PLANTED: Secrets = {
  names: ['Laura Benavides', 'Andrés Muñoz', 'Diana Rosero'],
  ids: [
    'laura.benavides@ejemplo.pasto.gov.co',
    'andres.munoz@pasto.gov.co',
    'U04ABCD1234',
    'W0123EFGH99',
    '<@U04ABCD1234>',
    'c0d4a2f1-3b5e-4c6d-9e8f-0123456789ab',
    '29:1AbCdEfGhIjKlMnOpQrStUvWxYz',
    'a:1Zx9yW8vU7tS6rQ5pO4nM3lK2jI',
    '19:f00dcafe0123456789@thread.tacv2',
    'D0ABCDEF12',
  ],
};

/** No private data at all: the plan as a screenshot or a reader would see it. */
export const NOTHING: Secrets = { names: [], ids: [] };

/** Every planted value goes into every free-text field, so none can slip through unnoticed. */
function planter(secrets: Secrets) {
  const ids = secrets.ids.join(' ');
  const names = secrets.names.join(', ');
  return {
    /** Public text carrying the ids (the page scrubs them). */
    id: (text: string) => (ids ? `${text} (${ids})` : text),
    /** Private text carrying the names and the ids (the page never shows it). */
    both: (text: string) => [text, names || 'Persona de ejemplo', ids].filter(Boolean).join(' '),
    name: () => names || 'Persona de ejemplo',
  };
}

type TaskSeed = Pick<
  SnapshotTask,
  'code' | 'title' | 'activityNumber' | 'startDate' | 'endDate' | 'status' | 'scheduled' | 'executed'
> &
  Partial<SnapshotTask>;

const ACTIVITIES = [
  'Levantar la información necesaria para la identificación y caracterización de los grupos de valor',
  'Diagnóstico de capacidades y entornos (DOFA)',
  'Formulación y seguimiento de los indicadores de gestión',
];

const PROCESSES = ['DE', 'PI', 'CE', 'GTI', 'GTH', 'GF', 'GJ', 'AC', 'GD', 'CI'];

export function fixturePlan(secrets: Secrets = PLANTED, date = '2026-09-07'): PlanSnapshot {
  const p = planter(secrets);
  const evidence = (url: string, at: string) => ({ url, at, note: p.both('Nota interna de'), by: p.name() });
  const parts = (done: number): SnapshotPart[] =>
    PROCESSES.map((code, i) => ({
      label: p.id(`${code} · Proceso ${code} (ejemplo)`),
      processCode: code,
      doneAt: i < done ? '2026-04-10T15:00:00Z' : null,
      by: i < done ? p.both('') : null,
    }));
  const seeds: TaskSeed[] = [
    {
      code: '1.1',
      title: 'Solicitar la actualización del inventario de partes interesadas',
      activityNumber: 1,
      startDate: '2026-02-01',
      endDate: '2026-03-31',
      status: 'cumplida',
      scheduled: 100,
      executed: 100,
      doneAt: '2026-03-20T14:00:00Z',
      evidence: [evidence('https://intranet.pasto.gov.co/inventario-2026.pdf', '2026-03-20T14:00:00Z')],
    },
    {
      code: '1.2',
      title: 'Realizar 2 procesos de caracterización de grupos de valor',
      activityNumber: 1,
      startDate: '2026-02-01',
      endDate: '2026-05-31',
      status: 'cumplida',
      scheduled: 100,
      executed: 100,
      late: true,
      lateDays: 12,
      doneAt: '2026-06-12T20:00:00Z',
      evidence: [
        evidence('https://www.pasto.gov.co/caracterizacion.pdf', '2026-06-12T20:00:00Z'),
        evidence('mailto:laura.benavides@ejemplo.pasto.gov.co', '2026-06-13T20:00:00Z'),
        evidence('https://intranet.pasto.gov.co/x?u=andres.munoz%40pasto.gov.co', '2026-06-13T21:00:00Z'),
      ],
    },
    {
      code: '1.3',
      title: 'Consolidar el documento de caracterización',
      activityNumber: 1,
      startDate: '2026-06-01',
      endDate: '2026-08-31',
      status: 'vencida',
      scheduled: 100,
      executed: 0,
    },
    {
      code: '2.1',
      title: 'Elaborar los contextos estratégicos de los procesos',
      activityNumber: 2,
      startDate: '2026-03-01',
      endDate: '2026-10-31',
      status: 'en_curso',
      scheduled: 77.6,
      executed: 40,
      parts: { target: 10, done: 4, items: parts(4) },
      closedReason: p.both('Cerrada sin todas sus partes por'),
    },
    {
      code: '2.2',
      title: 'Construir la matriz DOFA institucional',
      activityNumber: 2,
      startDate: '2026-10-01',
      endDate: '2026-11-30',
      status: 'pendiente',
      scheduled: 0,
      executed: 0,
    },
    {
      code: '3.4',
      title: 'Reportar las mediciones de los indicadores de gestión',
      activityNumber: 3,
      startDate: '2026-05-01',
      endDate: '2026-12-10',
      status: 'en_curso',
      scheduled: 58.1,
      executed: 70,
      parts: { target: 10, done: 7, items: parts(7) },
    },
  ];
  const tasks: SnapshotTask[] = seeds.map((s) => ({
    what: p.id('Fortalecer la planeación institucional'),
    activityName: p.id(ACTIVITIES[s.activityNumber - 1] ?? ''),
    responsible: p.id('Equipo MIPG - Oficina de Planeación de Gestión Institucional'),
    evidenceExpected: p.id('(1) acta de reunión'),
    late: false,
    lateDays: null,
    doneAt: null,
    doneBy: s.doneAt ? p.both('') : null,
    verifiedAt: s.doneAt ? '2026-09-01T15:00:00Z' : null,
    closedReason: null,
    parts: null,
    evidence: [],
    ...s,
  }));
  const activities: SnapshotActivity[] = ACTIVITIES.map((name, i) => {
    const own = tasks.filter((t) => t.activityNumber === i + 1);
    const mean = (f: (t: SnapshotTask) => number) =>
      Math.round((own.reduce((a, t) => a + f(t), 0) / own.length) * 10) / 10;
    return {
      number: i + 1,
      name: p.id(name),
      tasks: own.length,
      done: own.filter((t) => t.status === 'cumplida').length,
      overdue: own.filter((t) => t.status === 'vencida').length,
      late: own.filter((t) => t.late).length,
      scheduled: mean((t) => t.scheduled),
      executed: mean((t) => t.executed),
    };
  });
  return {
    date,
    year: 2026,
    planTitle: p.id('Política de Planeación Institucional 2026'),
    scheduled: 72.6,
    executed: 51.7,
    counts: { total: 6, done: 2, overdue: 1, late: 1, inProgress: 2, pending: 1 },
    activities,
    tasks,
    indicators: {
      from: '2026-07-01',
      to: '2026-09-30',
      expected: 4,
      reported: 2,
      critico: 1,
      aceptable: 0,
      satisfactorio: 1,
      lines: [
        {
          code: 'PI-01',
          name: p.id('Reportes de indicadores recibidos a tiempo'),
          processCode: 'PI',
          period: '2026-T3',
          result: 85.5,
          target: 90,
          unit: 'porcentaje',
          status: 'aceptable',
          compliance: 95,
          reportedAt: '2026-10-05T15:00:00Z',
          reportedBy: p.both(''),
          corrections: 1,
        },
        {
          code: 'DE-01',
          name: 'Cumplimiento del plan de acción institucional',
          processCode: 'DE',
          period: '2026-T3',
          result: 40,
          target: 80,
          unit: 'porcentaje',
          status: 'critico',
          compliance: 50,
          reportedAt: '2026-10-06T15:00:00Z',
          reportedBy: p.both(''),
          corrections: 0,
        },
      ],
    },
    risks: {
      year: 2026,
      processes: 10,
      matrices: { pendiente: 5, actualizada: 2, verificada: 2, devuelta: 1 },
      risks: 14,
      residualZones: { bajo: 5, moderado: 6, alto: 2, extremo: 1 },
      materialized: 1,
    },
    attendance: [
      {
        title: p.both('Mesa DOFA con'),
        startsAt: '2026-04-10T14:00:00Z',
        place: p.both('Oficina de'),
        taskCode: '2.2',
        invited: 10,
        confirmed: 8,
        declined: 1,
        attended: 7,
      },
    ],
  };
}

/** Cuts of the first quarters of the fixture plan, the second with a correction of the first. */
export function fixtureCuts(secrets: Secrets = PLANTED): Cut[] {
  const p = planter(secrets);
  const at = (date: string, code: string, kind: Cut['kind']): Cut => ({
    ...fixturePlan(secrets, date),
    cut: code,
    kind,
    createdAt: `${date}T23:00:00Z`,
    createdBy: p.both('Corte hecho por'),
    corrections: [],
  });
  const t1 = at('2026-03-31', '2026-T1', 'trimestral');
  const c1 = at('2026-04-30', '2026-C1', 'cuatrimestral');
  const t2 = at('2026-06-30', '2026-T2', 'trimestral');
  t2.corrections = [
    {
      code: '1.1',
      previousCut: '2026-T1',
      before: 'Cumplida',
      after: 'En curso',
      at: '2026-04-15T15:00:00Z',
      reason: p.both('Reabierta por'),
    },
  ];
  return [t2, t1, c1];
}
