import { and, count, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { auditLog, indicators, people, risks } from '../../../db/schema/index.ts';
import { addCalendarDays, bogotaInstant } from '../clock.ts';

/**
 * What to read of the audit log. Every filter given must hold (they combine). `process` means the
 * rows about that process — the process itself, its risk matrix, its risks, its indicators and their
 * reports, its people's directory entries — and every change made by one of its people.
 */
export interface AuditFilter {
  /** A task's code (entity `tarea`). */
  task?: string;
  process?: { id: number; code: string };
  /** The author: a person of the directory. */
  person?: { id: number };
  /** First and last Bogotá calendar day, both included (AAAA-MM-DD). */
  from?: string;
  to?: string;
}

/** One row of the audit log as stored, with the author's name when the author is a person. */
export interface AuditRecord {
  id: number;
  /** UTC instant (ISO 8601). */
  at: string;
  actorId: number | null;
  /** The e-mail of the person, or «sistema». */
  actor: string;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  hash: string | null;
}

/** The first word of an indicator's entity id: `GTH-01 2026-T3` → `GTH-01` (a sheet's entry is the code alone). */
const indicatorCode = sql`CASE WHEN instr(${auditLog.entityId}, ' ') > 0
  THEN substr(${auditLog.entityId}, 1, instr(${auditLog.entityId}, ' ') - 1)
  ELSE ${auditLog.entityId} END`;

/** The part after «<year>/» of a risk's or a matrix's entity id (`2026/R-GTH-01`, `2026/GTH`). */
const afterYear = sql`substr(${auditLog.entityId}, instr(${auditLog.entityId}, '/') + 1)`;

function processCondition(store: Store, process: { id: number; code: string }): SQL {
  const members = store
    .select({ id: people.id, email: people.email })
    .from(people)
    .where(eq(people.processId, process.id))
    .all();
  const indicatorCodes = store
    .select({ code: indicators.code })
    .from(indicators)
    .where(eq(indicators.processId, process.id))
    .all()
    .map((i) => i.code);
  const riskIds = store
    .selectDistinct({ year: risks.year, code: risks.code })
    .from(risks)
    .where(eq(risks.processId, process.id))
    .all()
    .map((r) => `${r.year}/${r.code}`);
  const memberIds = members.map((m) => m.id);
  // A person's entry names them by e-mail (imports) or by id (platform links).
  const memberKeys = [...members.map((m) => m.email), ...memberIds.map(String)];
  const about = (entity: string, condition: SQL | undefined) =>
    condition ? and(eq(auditLog.entity, entity), condition) : undefined;
  const anyOf = (expr: SQL, values: string[]) => (values.length > 0 ? inArray(expr, values) : undefined);
  const entityId = sql`${auditLog.entityId}`;
  return (
    or(
      about('proceso', eq(auditLog.entityId, process.code)),
      about('matriz_riesgos', sql`${afterYear} = ${process.code}`),
      about('riesgo', anyOf(entityId, riskIds)),
      about('indicador', anyOf(indicatorCode, indicatorCodes)),
      about('persona', anyOf(entityId, memberKeys)),
      memberIds.length > 0 ? inArray(auditLog.actorId, memberIds) : undefined,
    ) ?? sql`0`
  );
}

function conditions(store: Store, filter: AuditFilter): SQL | undefined {
  const all: (SQL | undefined)[] = [];
  if (filter.task !== undefined) {
    all.push(and(eq(auditLog.entity, 'tarea'), eq(auditLog.entityId, filter.task)));
  }
  if (filter.process) all.push(processCondition(store, filter.process));
  if (filter.person) all.push(eq(auditLog.actorId, filter.person.id));
  if (filter.from) all.push(gte(auditLog.at, bogotaInstant(filter.from).toISOString()));
  if (filter.to) all.push(lt(auditLog.at, bogotaInstant(addCalendarDays(filter.to, 1)).toISOString()));
  return and(...all);
}

export interface AuditPage {
  /** How many rows the filter matches in all. */
  total: number;
  /** Newest first. */
  rows: AuditRecord[];
}

function recordsQuery(store: Store, where: SQL | undefined) {
  return store
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actor: auditLog.actor,
      actorName: people.name,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      hash: auditLog.hash,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id));
}

/**
 * The audit log's rows that match `filter`, newest first: `limit` of them from `offset` (all when no
 * limit is given), and how many match in all. One query for the rows, one for the count.
 */
export function auditEntries(
  store: Store,
  filter: AuditFilter,
  window: { offset?: number; limit?: number } = {},
): AuditPage {
  const where = conditions(store, filter);
  const total = store.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
  const query = recordsQuery(store, where);
  const rows =
    window.limit === undefined
      ? query.all()
      : query
          .limit(window.limit)
          .offset(window.offset ?? 0)
          .all();
  return { total, rows };
}

/** Rows read per query by `auditRecords`. */
const PAGE = 500;

/**
 * Every row that matches `filter`, newest first, read a page at a time as they are iterated (after the
 * last id seen), so an export of the whole log never holds it all.
 */
export function* auditRecords(store: Store, filter: AuditFilter): Generator<AuditRecord> {
  const where = conditions(store, filter);
  let last: number | undefined;
  for (;;) {
    const after = last === undefined ? where : and(where, lt(auditLog.id, last));
    const page = recordsQuery(store, after).limit(PAGE).all();
    yield* page;
    const end = page.at(-1);
    if (page.length < PAGE || !end) return;
    last = end.id;
  }
}
