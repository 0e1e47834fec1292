import { type SheetValue, sheetCsv } from '../tabular.ts';
import { statusText } from './format.ts';
import type { PublicActivity, PublicCut, PublicPlan, PublicTask } from './public-model.ts';

/**
 * The open data: the same public subset as the pages, as CSV (UTF-8 with a byte-order mark so a
 * spreadsheet reads the accents; text that could run as a formula is protected) and JSON with Spanish keys.
 * Field lists here are also the data dictionary that `datos.html` shows.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Field<T> {
  key: string;
  description: string;
  json(row: T): Json;
  /** The CSV cell when it differs from the JSON value (lists, yes/no). */
  csv?(row: T): SheetValue;
}

export const FORMAT = 'mipg-publicacion-1';

export const TASK_FIELDS: Field<PublicTask>[] = [
  {
    key: 'codigo',
    description: 'Código de la tarea: número de actividad y de tarea (1.1 … 6.4).',
    json: (t) => t.code,
  },
  { key: 'actividad', description: 'Número de la actividad de gestión.', json: (t) => t.activityNumber },
  { key: 'actividad_nombre', description: 'Nombre de la actividad de gestión.', json: (t) => t.activityName },
  { key: 'tarea', description: 'Qué se hace (columna CÓMO de la matriz).', json: (t) => t.title },
  {
    key: 'alternativa',
    description: 'Alternativa de mejora (columna QUÉ de la matriz).',
    json: (t) => t.what,
  },
  {
    key: 'equipo_responsable',
    description: 'Equipo o dependencia responsable (columna QUIÉN).',
    json: (t) => t.responsible,
  },
  { key: 'fecha_inicio', description: 'Fecha de inicio, AAAA-MM-DD.', json: (t) => t.startDate },
  { key: 'fecha_fin', description: 'Fecha de fin, AAAA-MM-DD.', json: (t) => t.endDate },
  {
    key: 'estado',
    description: 'pendiente, en_curso, vencida o cumplida, en la fecha de los datos.',
    json: (t) => t.status,
  },
  {
    key: 'estado_texto',
    description: 'El estado en palabras, por ejemplo «Cumplida fuera de plazo (3 días)».',
    json: (t) => statusText(t),
  },
  {
    key: 'fuera_de_plazo',
    description: 'Si se cumplió después de su fecha de fin (sí/no en CSV, true/false en JSON).',
    json: (t) => t.late,
    csv: (t) => (t.late ? 'sí' : 'no'),
  },
  {
    key: 'dias_de_retraso',
    description: 'Días calendario entre la fecha de fin y el cumplimiento, si fue tardío.',
    json: (t) => t.lateDays,
  },
  {
    key: 'fecha_cumplimiento',
    description: 'Fecha en que se marcó cumplida, AAAA-MM-DD (hora de Bogotá).',
    json: (t) => t.doneOn,
  },
  {
    key: 'fecha_verificacion',
    description: 'Fecha en que la coordinación MIPG verificó la evidencia.',
    json: (t) => t.verifiedOn,
  },
  {
    key: 'programado_pct',
    description: 'Porcentaje del plazo transcurrido (0 a 100).',
    json: (t) => t.scheduled,
  },
  {
    key: 'ejecutado_pct',
    description:
      'Porcentaje ejecutado: 100 si está cumplida; en tareas compartidas, partes entregadas / partes.',
    json: (t) => t.executed,
  },
  {
    key: 'partes_meta',
    description: 'Tareas compartidas: cuántas partes (procesos, documentos) se esperan.',
    json: (t) => t.parts?.target ?? null,
  },
  {
    key: 'partes_entregadas',
    description: 'Tareas compartidas: cuántas partes se entregaron.',
    json: (t) => t.parts?.done ?? null,
  },
  {
    key: 'partes_unidad',
    description: 'Tareas compartidas: «procesos» si cada parte es un proceso, si no «partes».',
    json: (t) => t.parts?.unit ?? null,
  },
  {
    key: 'evidencia_esperada',
    description: 'La evidencia que pide el plan (columna EVIDENCIAS).',
    json: (t) => t.evidenceExpected,
  },
  {
    key: 'evidencias',
    description:
      'Enlaces de las evidencias publicadas: en CSV separados por « | »; en JSON una lista de {url, fecha}.',
    json: (t) => t.evidence.map((e) => ({ url: e.url, fecha: e.date })),
    csv: (t) => t.evidence.map((e) => e.url).join(' | '),
  },
];

/** In JSON only: which process or item each part of a shared task is and when it was delivered. */
const partsDetail = (t: PublicTask): Json =>
  t.parts?.items.map((p) => ({ parte: p.label, proceso: p.processCode, fecha_entrega: p.doneOn })) ?? null;

function csvCell(field: Field<PublicTask>, task: PublicTask): SheetValue {
  if (field.csv) return field.csv(task);
  const value = field.json(task);
  return typeof value === 'string' || typeof value === 'number'
    ? value
    : value === null
      ? null
      : String(value);
}

/** CSV of tasks, UTF-8 with a byte-order mark. */
export function tasksCsv(tasks: PublicTask[], name: string): string {
  const csv = sheetCsv({
    name,
    columns: TASK_FIELDS.map((f) => ({ key: f.key, header: f.key })),
    rows: tasks.map((t) => Object.fromEntries(TASK_FIELDS.map((f) => [f.key, csvCell(f, t)]))),
  });
  return `\uFEFF${csv}`;
}

function taskJson(task: PublicTask): Json {
  return {
    ...Object.fromEntries(TASK_FIELDS.map((f) => [f.key, f.json(task)])),
    partes_detalle: partsDetail(task),
  };
}

function activityJson(a: PublicActivity): Json {
  return {
    numero: a.number,
    nombre: a.name,
    tareas: a.tasks,
    cumplidas: a.done,
    cumplidas_fuera_de_plazo: a.late,
    vencidas: a.overdue,
    programado_pct: a.scheduled,
    ejecutado_pct: a.executed,
  };
}

function planJson(plan: PublicPlan): { [key: string]: Json } {
  const c = plan.counts;
  return {
    plan: plan.title,
    vigencia: plan.year,
    fecha_datos: plan.date,
    programado_pct: plan.scheduled,
    ejecutado_pct: plan.executed,
    conteo: {
      tareas: c.total,
      cumplidas: c.done,
      cumplidas_fuera_de_plazo: c.late,
      vencidas: c.overdue,
      en_curso: c.inProgress,
      pendientes: c.pending,
    },
    actividades: plan.activities.map(activityJson),
    tareas: plan.tasks.map(taskJson),
  };
}

const text = (value: Json) => `${JSON.stringify(value, null, 2)}\n`;

/** `datos/plan.json` */
export function planJsonText(plan: PublicPlan, publishedAt: string): string {
  return text({ formato: FORMAT, entidad: 'Alcaldía de Pasto', publicado: publishedAt, ...planJson(plan) });
}

/** `datos/corte-<código>.json`: the plan at the cut, its corrections, indicators and risks in numbers. */
export function cutJsonText(cut: PublicCut, publishedAt: string): string {
  const i = cut.indicators;
  const r = cut.risks;
  return text({
    formato: FORMAT,
    entidad: 'Alcaldía de Pasto',
    publicado: publishedAt,
    corte: { codigo: cut.code, tipo: cut.kind, fecha: cut.date, registrado: cut.createdOn },
    ...planJson(cut),
    correcciones: cut.corrections.map((c) => ({
      tarea: c.code,
      corte_corregido: c.previousCut,
      decia: c.before,
      dice_ahora: c.after,
      fecha: c.on,
    })),
    indicadores: {
      desde: i.from,
      hasta: i.to,
      esperados: i.expected,
      reportados: i.reported,
      criticos: i.critico,
      aceptables: i.aceptable,
      satisfactorios: i.satisfactorio,
      mediciones: i.lines.map((l) => ({
        codigo: l.code,
        indicador: l.name,
        proceso: l.processCode,
        periodo: l.period,
        resultado: l.result,
        meta: l.target,
        unidad: l.unit,
        cumplimiento_pct: l.compliance,
        semaforo: l.status,
        correcciones: l.corrections,
      })),
    },
    riesgos: {
      vigencia: r.year,
      procesos: r.processes,
      matrices: { ...r.matrices },
      riesgos: r.risks,
      zonas_residuales: { ...r.residualZones },
      materializados: r.materialized,
    },
  });
}
