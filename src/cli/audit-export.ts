import { processes } from '../../db/schema/index.ts';
import { bogotaWallClock } from '../domain/attendance/time.ts';
import { type AuditRecord, auditRecords } from '../domain/audit/entries.ts';
import { type AuditFilterText, resolveAuditFilter } from '../domain/audit/filter.ts';
import { personNames } from '../domain/directory/people.ts';
import { DomainError } from '../domain/errors.ts';
import { jsonArrayFile } from '../domain/streamed.ts';
import { rowsOf, type Sheet, type SheetValue, tableFile } from '../domain/tabular.ts';
import { type AuditNames, actionText, authorText, changeSummary, entityText } from '../views/audit.ts';
import { streamedExporter } from './exporter.ts';
import type { CliArgs, CliEnv, Exporter } from './types.ts';

const USAGE =
  'npx mipg exportar bitacora --formato csv|xlsx|json [--tarea <código>] [--proceso <código>] [--persona <correo>] [--desde AAAA-MM-DD] [--hasta AAAA-MM-DD] [--salida archivo]';

const OPTIONS: Record<string, keyof AuditFilterText> = {
  tarea: 'task',
  proceso: 'process',
  persona: 'person',
  desde: 'from',
  hasta: 'to',
};

/** The filter options as typed; an option without its value is a Spanish error, not a silent «all». */
function filterText(args: CliArgs): AuditFilterText {
  const text: AuditFilterText = {};
  for (const [name, key] of Object.entries(OPTIONS)) {
    const value = args.options[name];
    if (value === undefined) continue;
    if (value === true) throw new DomainError(`Falta el valor de --${name}.`, `Uso: ${USAGE}`);
    text[key] = value;
  }
  return text;
}

/** One exported row: the stored row as it is (before/after whole, the seal) plus how /bitacora words it. */
export interface AuditExportRow {
  id: number;
  at: string;
  atBogota: string;
  actorId: number | null;
  actor: string;
  actorName: string;
  action: string;
  actionText: string;
  entity: string;
  entityText: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
  hash: string | null;
}

function exportRow(record: AuditRecord, names: AuditNames): AuditExportRow {
  return {
    id: record.id,
    at: record.at,
    atBogota: bogotaWallClock(record.at),
    actorId: record.actorId,
    actor: record.actor,
    actorName: authorText(record),
    action: record.action,
    actionText: actionText(record.action),
    entity: record.entity,
    entityText: entityText(record.entity),
    entityId: record.entityId,
    summary: changeSummary(record.before, record.after, names, 2000),
    before: record.before ?? null,
    after: record.after ?? null,
    hash: record.hash,
  };
}

/** The rows as they are read from the log (a page at a time). */
function* exportRows(records: Iterable<AuditRecord>, names: AuditNames): Generator<AuditExportRow> {
  for (const record of records) yield exportRow(record, names);
}

const json = (value: unknown): SheetValue =>
  value === null || value === undefined ? null : JSON.stringify(value);

const COLUMNS: { header: string; value: (r: AuditExportRow) => SheetValue; width?: number }[] = [
  { header: 'registro', value: (r) => r.id },
  { header: 'fecha_utc', value: (r) => r.at, width: 26 },
  { header: 'fecha_bogota', value: (r) => r.atBogota, width: 18 },
  { header: 'autor', value: (r) => r.actorName, width: 30 },
  { header: 'correo_autor', value: (r) => r.actor, width: 30 },
  { header: 'accion', value: (r) => r.action, width: 24 },
  { header: 'accion_texto', value: (r) => r.actionText, width: 36 },
  { header: 'entidad', value: (r) => r.entityText, width: 18 },
  { header: 'id_entidad', value: (r) => r.entityId, width: 20 },
  { header: 'resumen', value: (r) => r.summary, width: 60 },
  { header: 'antes', value: (r) => json(r.before), width: 40 },
  { header: 'despues', value: (r) => json(r.after), width: 40 },
  { header: 'sello', value: (r) => r.hash, width: 20 },
];

function auditSheet(rows: Iterable<AuditExportRow>): Sheet {
  return {
    name: 'Bitácora',
    columns: COLUMNS.map((c) => ({
      key: c.header,
      header: c.header,
      ...(c.width ? { width: c.width } : {}),
    })),
    rows: rowsOf(rows, (r) => Object.fromEntries(COLUMNS.map((c) => [c.header, c.value(r)]))),
  };
}

/** Person and process names for the ids a before/after holds: one query each. */
function namesOf(env: CliEnv): AuditNames {
  const persons = personNames(env.db);
  const codes = new Map(
    env.db
      .select({ id: processes.id, code: processes.code })
      .from(processes)
      .all()
      .map((p) => [p.id, p.code]),
  );
  return { person: (id) => persons.get(id), process: (id) => codes.get(id) };
}

/** `mipg exportar bitacora`: the audit log, newest first, filtered like /bitacora. */
export const auditExporter: Exporter = streamedExporter({
  kind: 'bitacora',
  summary:
    'Bitácora de auditoría, del registro más reciente al más antiguo (quién, cuándo, qué, antes y después, sello). Opciones: --tarea, --proceso, --persona, --desde, --hasta.',
  formats: ['csv', 'xlsx', 'json'],
  async stream(format, args, env) {
    const filter = resolveAuditFilter(env.db, filterText(args));
    const names = namesOf(env);
    const exported = exportRows(auditRecords(env.db, filter), names);
    return format === 'json' ? jsonArrayFile(exported) : tableFile(format, auditSheet(exported));
  },
});
