import { asc, eq } from 'drizzle-orm';
import type { Store } from '../../../db/client.ts';
import { indicators, processes } from '../../../db/schema/index.ts';
import { isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';

export type IndicatorRow = typeof indicators.$inferSelect;

/** An indicator of the catalog with the code and name of its process. */
export interface Indicator extends IndicatorRow {
  processCode: string;
  processName: string;
}

function withProcess(store: Store) {
  return store
    .select({ indicator: indicators, processCode: processes.code, processName: processes.name })
    .from(indicators)
    .innerJoin(processes, eq(processes.id, indicators.processId));
}

type Joined = { indicator: IndicatorRow; processCode: string; processName: string };

const flatten = ({ indicator, processCode, processName }: Joined): Indicator => ({
  ...indicator,
  processCode,
  processName,
});

/** Codes are matched without regard to case: people type «gth-01». */
export function normalizeIndicatorCode(code: string): string {
  return code.trim().toUpperCase();
}

export function indicatorByCode(store: Store, code: string): Indicator | undefined {
  const row = withProcess(store)
    .where(eq(indicators.code, normalizeIndicatorCode(code)))
    .get();
  return row ? flatten(row) : undefined;
}

/** The active catalog, by process code and then indicator code (see `active` in the schema). */
export function allIndicators(store: Store): Indicator[] {
  return withProcess(store)
    .where(eq(indicators.active, true))
    .orderBy(asc(processes.code), asc(indicators.code))
    .all()
    .map(flatten);
}

/** Whether the measurement is numerator / denominator (else a direct value). */
export function hasDenominator(indicator: Pick<IndicatorRow, 'denominatorText'>): boolean {
  return indicator.denominatorText.trim() !== '';
}

/** Only the process's leaders and delegates, and the coordinator, report an indicator. */
export function canReport(person: Person, indicator: Pick<IndicatorRow, 'processId'>): boolean {
  if (isCoordinator(person)) return true;
  return (person.role === 'lider' || person.role === 'delegado') && person.processId === indicator.processId;
}

export function assertCanReport(person: Person, indicator: Indicator): void {
  if (canReport(person, indicator)) return;
  throw new DomainError(
    `No puede reportar el indicador ${indicator.code}: es del proceso ${indicator.processCode} · ${indicator.processName}.`,
    'Solo lo reportan los líderes y delegados de ese proceso o la coordinación MIPG.',
  );
}

/** The indicators a person works with: all for the coordinator, else those of their own process. */
export function indicatorsFor(store: Store, person: Person): Indicator[] {
  const all = allIndicators(store);
  if (isCoordinator(person)) return all;
  return all.filter((i) => i.processId === person.processId);
}

/** The indicator with that code, or a Spanish error saying it does not exist. */
export function requireIndicator(store: Store, code: string): Indicator {
  const indicator = indicatorByCode(store, code);
  if (indicator) return indicator;
  throw new DomainError(
    `No existe el indicador «${code.trim()}».`,
    'Vea los indicadores que puede reportar con /reportar indicador.',
  );
}
