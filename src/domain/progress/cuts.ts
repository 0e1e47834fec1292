import { format, parseISO } from 'date-fns';
import { es } from 'date-fns/locale';
import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import { cuts, DEFAULT_PLAN_CODE, people, plans, taskEvents, tasks } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import { addCalendarDays, bogotaToday, type Clock } from '../clock.ts';
import { isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { parsePeriodCode, periodBounds, periodLabel } from '../indicators/periods.ts';
import { endOfBogotaDate } from '../tasks/history.ts';
import { type PlanRow, plansOfYear } from '../tasks/store.ts';
import { plansSnapshot } from './plans.ts';
import { followUp } from './snapshot.ts';
import type { Cut, CutCorrection } from './snapshot-types.ts';

/** A cut's period: a quarter (`2026-T3`) or, for PTEP and the corruption risk map, a four-month period (`2026-C1`). */
export interface CutPeriod {
  code: string;
  kind: Cut['kind'];
  year: number;
  start: string;
  end: string;
}

const longDate = (date: string) => format(parseISO(date), "d 'de' MMMM 'de' yyyy", { locale: es });

export function parseCutCode(text: string): CutPeriod {
  const period = parsePeriodCode(text);
  if (!period || (period.frequency !== 'trimestral' && period.frequency !== 'cuatrimestral')) {
    throw new DomainError(
      `«${text}» no es un corte válido.`,
      'Los cortes son trimestrales (2026-T1 a 2026-T4: 31 mar, 30 jun, 30 sep, 31 dic) o cuatrimestrales (2026-C1 a 2026-C3: 30 abr, 31 ago, 31 dic).',
    );
  }
  const { start, end } = periodBounds(period.code);
  return { code: period.code, kind: period.frequency, year: period.year, start, end };
}

/** The plans of a cut's vigencia, the main one (PPI) first: the cut is stored under it. */
function plansOfCut(store: Store, year: number): [PlanRow, ...PlanRow[]] {
  const all = plansOfYear(store, year);
  const [main, ...rest] = all;
  if (!main) {
    throw new DomainError(
      `No hay un plan de la vigencia ${year}.`,
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  return [main, ...rest];
}

/**
 * Every plan of the vigencia at the end of `date`: the consolidated Plan de Acción (one plan: that plan),
 * each plan on its own, and the quarter's indicator, risk and attendance summaries.
 */
function cutSnapshot(store: Store, all: [PlanRow, ...PlanRow[]], date: string, periodStart: string) {
  const [main] = all;
  const { plans: each, ...consolidated } = plansSnapshot(store, all, date);
  return {
    date,
    year: main.year,
    planTitle: all.length === 1 ? main.title : `Plan de Acción Institucional ${main.year}`,
    ...consolidated,
    ...followUp(store, main.year, date, periodStart),
    plans: each,
  };
}

/**
 * The Plan de Acción of a vigencia as of the end of `date`, not stored: today's progress for `/estado plan` and
 * the public page, measured from `periodStart` for the indicator, risk and attendance summaries.
 */
export function vigenciaSnapshot(store: Store, year: number, date: string, periodStart: string) {
  return cutSnapshot(store, plansOfCut(store, year), date, periodStart);
}

function storedCut(row: typeof cuts.$inferSelect): Cut {
  return JSON.parse(row.data) as Cut;
}

/** A stored cut by code (`2026-T3`), exactly as it was frozen. */
export function cutByCode(store: Store, code: string): Cut | undefined {
  const period = parsePeriodCode(code);
  if (!period) return undefined;
  const row = store
    .select()
    .from(cuts)
    .where(eq(cuts.code, period.code))
    .orderBy(desc(cuts.id))
    .limit(1)
    .get();
  return row ? storedCut(row) : undefined;
}

/** Every stored cut, oldest first (of one year when given). */
export function cutsOf(store: Store, year?: number): Cut[] {
  const rows = store
    .select({ cut: cuts })
    .from(cuts)
    .innerJoin(plans, eq(plans.id, cuts.planId))
    .where(year === undefined ? undefined : eq(plans.year, year))
    .orderBy(asc(cuts.date), asc(cuts.code))
    .all();
  return rows.map((r) => storedCut(r.cut));
}

/**
 * Changes recorded after the previous cut that undo what it said: a task it showed done reopened, a part it
 * counted undone. They appear in the next cut as corrections, never by rewriting the earlier one.
 */
function correctionsSince(
  store: Store,
  planIds: number[],
  previous: Cut | undefined,
  until: string,
): CutCorrection[] {
  if (!previous) return [];
  const from = endOfBogotaDate(previous.date);
  // A cut made before plans had codes holds the PPI's tasks only.
  const key = (plan: string | undefined, code: string) => `${plan ?? DEFAULT_PLAN_CODE} ${code}`;
  const codes = new Map(previous.tasks.map((t) => [key(t.plan, t.code), t]));
  const several = (previous.plans?.length ?? 1) > 1 || planIds.length > 1;
  const events = store
    .select({
      code: tasks.code,
      plan: plans.code,
      kind: taskEvents.kind,
      at: taskEvents.at,
      reason: taskEvents.reason,
    })
    .from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .where(
      and(
        inArray(tasks.planId, planIds),
        inArray(taskEvents.kind, ['reabierta', 'parte_reabierta']),
        gte(taskEvents.at, from),
        lt(taskEvents.at, until),
      ),
    )
    .orderBy(asc(taskEvents.at))
    .all();
  return events.flatMap((e) => {
    const before = codes.get(key(e.plan, e.code));
    if (!before || (e.kind === 'reabierta' && before.status !== 'cumplida') || before.executed === 0)
      return [];
    return [
      {
        code: e.code,
        ...(several ? { plan: e.plan } : {}),
        previousCut: previous.cut,
        before: e.kind === 'reabierta' ? 'cumplida' : `${before.executed} % ejecutado`,
        after: e.kind === 'reabierta' ? 'reabierta' : 'una parte reabierta',
        at: e.at,
        reason: e.reason,
      },
    ];
  });
}

/**
 * Freezes the plan at the last day of a quarter or four-month period, as recorded by the end of that day, and
 * stores it. The period must be over; a cut is made once and never recomputed.
 */
export function createCut(db: Db, clock: Clock, person: Person, code: string): Cut {
  if (!isCoordinator(person)) throw new DomainError('Solo la coordinación MIPG puede crear cortes.');
  const period = parseCutCode(code);
  const today = bogotaToday(clock);
  if (today <= period.end) {
    throw new DomainError(
      `El corte ${period.code} es el ${longDate(period.end)}: ese día aún no ha terminado.`,
      `Podrá crearlo desde el ${longDate(addCalendarDays(period.end, 1))}.`,
    );
  }
  const all = plansOfCut(db, period.year);
  const [plan] = all;
  const existing = db
    .select({ createdAt: cuts.createdAt, by: people.name })
    .from(cuts)
    .leftJoin(people, eq(people.id, cuts.createdBy))
    .where(and(eq(cuts.planId, plan.id), eq(cuts.code, period.code)))
    .get();
  if (existing) {
    throw new DomainError(
      `El corte ${period.code} ya existe (creado el ${existing.createdAt.slice(0, 10)} por ${existing.by ?? 'el sistema'}).`,
      `Un corte no se recalcula: véalo con /estado plan ${period.code}; las correcciones posteriores aparecen en el corte siguiente.`,
    );
  }
  const until = endOfBogotaDate(period.end);
  const previous = cutsOf(db, period.year)
    .filter((c) => c.date < period.end)
    .at(-1);
  const createdAt = clock.now().toISOString();
  const cut: Cut = {
    cut: period.code,
    kind: period.kind,
    ...cutSnapshot(db, all, period.end, period.start),
    createdAt,
    createdBy: person.name,
    corrections: correctionsSince(
      db,
      all.map((p) => p.id),
      previous,
      until,
    ),
  };
  db.transaction((tx) => {
    tx.insert(cuts)
      .values({
        planId: plan.id,
        code: period.code,
        date: period.end,
        createdAt,
        createdBy: person.id,
        data: JSON.stringify(cut),
      })
      .run();
    audit(tx, clock, personAuthor(person), {
      action: 'corte.crear',
      entity: 'corte',
      entityId: period.code,
      after: { date: period.end, scheduled: cut.scheduled, executed: cut.executed },
    });
  });
  return cut;
}

export { periodLabel as cutLabel };
