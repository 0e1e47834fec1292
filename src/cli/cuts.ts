import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { DomainError } from '../domain/errors.ts';
import { createCut, cutByCode, cutsOf, parseCutCode } from '../domain/progress/cuts.ts';
import type { Cut } from '../domain/progress/snapshot-types.ts';
import { percentText } from '../domain/report/wording.ts';
import { rowsOf, tableFile } from '../domain/tabular.ts';
import { qualifiedCode } from '../domain/tasks/plan-codes.ts';
import { statusLabels } from '../domain/tasks/status.ts';
import { streamedExporter } from './exporter.ts';
import { consolePerson, speaker } from './person.ts';
import type { CliCommand, Exporter } from './types.ts';

const longDate = (date: string) => format(parseISO(date), "d 'de' MMMM 'de' yyyy", { locale: es });

const USAGE = 'corte crear <AAAA-T1..T4|AAAA-C1..C3> · corte lista';

function summary(cut: Cut): string {
  const corrections =
    cut.corrections.length === 0
      ? 'sin correcciones al corte anterior'
      : `${cut.corrections.length} correcciones al corte anterior (${cut.corrections.map((c) => c.code).join(', ')})`;
  return [
    `Corte ${cut.cut} al ${longDate(cut.date)} · ${cut.planTitle}`,
    `Programado ${percentText(cut.scheduled)} · ejecutado ${percentText(cut.executed)}`,
    `Tareas: ${cut.counts.done} de ${cut.counts.total} cumplidas (${cut.counts.late} fuera de plazo), ${cut.counts.overdue} vencidas, ${cut.counts.inProgress} en curso, ${cut.counts.pending} sin empezar`,
    ...cut.activities.map(
      (a) =>
        `  ${a.number}. ${a.name.slice(0, 60)}: programado ${percentText(a.scheduled)}, ejecutado ${percentText(a.executed)}`,
    ),
    `Indicadores: ${cut.indicators.reported} de ${cut.indicators.expected} mediciones reportadas`,
    `Matrices de riesgos: ${cut.risks.matrices.verificada} verificadas, ${cut.risks.matrices.actualizada} por verificar, ${cut.risks.matrices.pendiente + cut.risks.matrices.devuelta} pendientes o devueltas`,
    `${corrections[0]?.toUpperCase()}${corrections.slice(1)}.`,
  ].join('\n');
}

/** `mipg corte crear 2026-T3` (the coordination) and `mipg corte lista`. */
export const cutCommand: CliCommand = {
  name: 'corte',
  summary:
    'Crea el corte trimestral o cuatrimestral del plan (queda guardado y no se recalcula) o lista los cortes.',
  usage: USAGE,
  async run(args, env) {
    const [action, code] = args.positional;
    if (action === 'crear') {
      if (!code) throw new DomainError('Falta el corte.', 'Ejemplo: npx mipg corte crear 2026-T3');
      const person = consolePerson(env.db, speaker(args, env.config));
      const cut = createCut(env.db, env.clock, person, code);
      env.out(
        `${summary(cut)}\n\nVéalo en el chat con /estado plan ${cut.cut}; expórtelo con: npx mipg exportar corte ${cut.cut} --formato xlsx --salida corte-${cut.cut}.xlsx`,
      );
      return 0;
    }
    if (action === 'lista') {
      const all = cutsOf(env.db);
      env.out(
        all.length === 0
          ? 'Todavía no hay cortes. Cree uno con: npx mipg corte crear 2026-T3'
          : all
              .map(
                (c) =>
                  `${c.cut} · ${longDate(c.date)} · programado ${percentText(c.scheduled)}, ejecutado ${percentText(c.executed)} · creado por ${c.createdBy}`,
              )
              .join('\n'),
      );
      return 0;
    }
    env.err(`Uso: npx mipg ${USAGE}`);
    return 2;
  },
};

function requireCut(code: string | undefined): string {
  if (!code)
    throw new DomainError('Falta el corte.', 'Ejemplo: npx mipg exportar corte 2026-T3 --formato xlsx');
  return parseCutCode(code).code;
}

const COLUMNS = [
  { key: 'code', header: 'CÓDIGO', width: 9 },
  { key: 'activity', header: 'ACTIVIDAD', width: 10 },
  { key: 'title', header: 'TAREA', width: 55 },
  { key: 'responsible', header: 'RESPONSABLE', width: 35 },
  { key: 'start', header: 'INICIO', width: 12 },
  { key: 'end', header: 'FIN', width: 12 },
  { key: 'status', header: 'ESTADO', width: 28 },
  { key: 'scheduled', header: '% PROGRAMADO', width: 14 },
  { key: 'executed', header: '% EJECUTADO', width: 14 },
  { key: 'parts', header: 'PARTES', width: 12 },
  { key: 'doneAt', header: 'CUMPLIDA EL', width: 22 },
  { key: 'evidence', header: 'EVIDENCIAS (ENLACE · QUIÉN · CUÁNDO)', width: 80 },
  // The task's plan: a cut covers every plan of the vigencia (empty in cuts made before plans had codes).
  { key: 'plan', header: 'PLAN', width: 8 },
];

function stateText(task: Cut['tasks'][number]): string {
  const late = task.lateDays ? ` fuera de plazo (${task.lateDays} días)` : '';
  return `${statusLabels[task.status]}${late}`;
}

/** `mipg exportar corte 2026-T3 --formato csv|xlsx|json`: the stored cut, as it was frozen. */
export const cutExporter: Exporter = streamedExporter({
  kind: 'corte',
  summary:
    'Un corte guardado (npx mipg exportar corte 2026-T3): tareas y actividades con % programado y ejecutado.',
  formats: ['csv', 'xlsx', 'json'],
  async stream(fmt, args, env) {
    const code = requireCut(args.positional[0]);
    const cut = cutByCode(env.db, code);
    if (!cut) throw new DomainError(`No hay un corte ${code}.`, `Créelo con: npx mipg corte crear ${code}`);
    if (fmt === 'json') return `${JSON.stringify(cut, null, 2)}\n`;
    const rows = rowsOf(cut.tasks, (t) => ({
      code: t.code,
      activity: t.activityNumber,
      title: t.title,
      responsible: t.responsible,
      start: t.startDate,
      end: t.endDate,
      status: stateText(t),
      scheduled: t.scheduled,
      executed: t.executed,
      parts: t.parts ? `${t.parts.done}/${t.parts.target}` : '',
      doneAt: t.doneAt ?? '',
      evidence: t.evidence.map((e) => `${e.url} · ${e.by} · ${e.at}`).join('\n'),
      plan: t.plan ?? '',
    }));
    const preamble = [
      [`Corte ${cut.cut} al ${longDate(cut.date)}`, cut.planTitle],
      ['Programado %', String(cut.scheduled), 'Ejecutado %', String(cut.executed)],
      ...cut.activities.map((a) => [
        `Actividad ${qualifiedCode(a.plan, String(a.number))}`,
        a.name,
        String(a.scheduled),
        String(a.executed),
      ]),
      [],
    ];
    return tableFile(fmt, { name: `Corte ${cut.cut}`, columns: COLUMNS, rows, preamble });
  },
});
