import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { indicatorReports, indicators } from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { Table } from '../tabular.ts';
import { type CatalogEntry, parseCatalog } from './sheet.ts';

export interface CatalogImportReport {
  added: string[];
  changed: { code: string; fields: string[] }[];
  unchanged: string[];
  /** Example indicators of the file's processes taken out: deleted, or deactivated when they had reports. */
  examplesRemoved: string[];
  examplesDeactivated: string[];
}

type IndicatorRow = typeof indicators.$inferSelect;
type StoredFields = Omit<CatalogEntry, 'line' | 'code'>;

function storedFields(entry: CatalogEntry): StoredFields {
  const { line: _line, code: _code, ...fields } = entry;
  return fields;
}

function changedFields(row: IndicatorRow, fields: StoredFields): string[] {
  return (Object.keys(fields) as (keyof StoredFields)[]).filter((key) => row[key] !== fields[key]);
}

function pick(row: IndicatorRow, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k as keyof IndicatorRow]]));
}

function upsert(
  tx: Tx,
  clock: Clock,
  author: Author,
  entry: CatalogEntry,
  example: boolean,
  report: CatalogImportReport,
): void {
  const fields = storedFields(entry);
  const updatedAt = clock.now().toISOString();
  const existing = tx.select().from(indicators).where(eq(indicators.code, entry.code)).get();
  if (!existing) {
    tx.insert(indicators)
      .values({ code: entry.code, ...fields, example, createdAt: updatedAt, updatedAt })
      .run();
    audit(tx, clock, author, {
      action: 'indicador.crear',
      entity: 'indicador',
      entityId: entry.code,
      after: fields,
    });
    report.added.push(entry.code);
    return;
  }
  // A real sheet with an example's code makes it real (and active again if it had been retired).
  const flags = { example: existing.example && example, active: true };
  const changed = [
    ...changedFields(existing, fields),
    ...(['example', 'active'] as const).filter((k) => existing[k] !== flags[k]),
  ];
  if (changed.length === 0) {
    report.unchanged.push(entry.code);
    return;
  }
  tx.update(indicators)
    .set({ ...fields, ...flags, updatedAt })
    .where(eq(indicators.id, existing.id))
    .run();
  const after: Record<string, unknown> = { ...fields, ...flags };
  audit(tx, clock, author, {
    action: 'indicador.actualizar',
    entity: 'indicador',
    entityId: entry.code,
    before: pick(existing, changed),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  report.changed.push({ code: entry.code, fields: changed });
}

/**
 * Once a real catalog covers a process, its example indicators (not in the file) stop being expected:
 * deleted when nobody reported them, deactivated when they have reports so the history stays.
 */
function retireExamples(
  tx: Tx,
  clock: Clock,
  author: Author,
  entries: CatalogEntry[],
  report: CatalogImportReport,
) {
  const processIds = [...new Set(entries.map((e) => e.processId))];
  const codes = entries.map((e) => e.code);
  const examples = tx
    .select()
    .from(indicators)
    .where(
      and(
        eq(indicators.example, true),
        eq(indicators.active, true),
        inArray(indicators.processId, processIds),
        notInArray(indicators.code, codes),
      ),
    )
    .all();
  for (const row of examples) {
    const reported = tx
      .select({ id: indicatorReports.id })
      .from(indicatorReports)
      .where(eq(indicatorReports.indicatorId, row.id))
      .limit(1)
      .get();
    if (reported) {
      tx.update(indicators)
        .set({ active: false, updatedAt: clock.now().toISOString() })
        .where(eq(indicators.id, row.id))
        .run();
      report.examplesDeactivated.push(row.code);
    } else {
      tx.delete(indicators).where(eq(indicators.id, row.id)).run();
      report.examplesRemoved.push(row.code);
    }
    audit(tx, clock, author, {
      action: reported ? 'indicador.desactivar' : 'indicador.eliminar',
      entity: 'indicador',
      entityId: row.code,
      before: { example: true, active: true },
      after: reported ? { active: false } : undefined,
    });
  }
}

/**
 * Loads the technical sheets of a table into the catalog: new codes are added, known codes are
 * updated in place (reports keep pointing at them), and codes missing from the file stay as they
 * were, except the example indicators of the file's processes (see `retireExamples`) when the file
 * is a real catalog. All or nothing: a bad row stops the whole import before anything is written.
 */
export function importCatalog(
  db: Db,
  clock: Clock,
  author: Author,
  table: Table,
  options: { example?: boolean } = {},
): CatalogImportReport {
  return db.transaction((tx) => {
    const entries = parseCatalog(tx, table);
    const report: CatalogImportReport = {
      added: [],
      changed: [],
      unchanged: [],
      examplesRemoved: [],
      examplesDeactivated: [],
    };
    const example = options.example ?? false;
    for (const entry of entries) upsert(tx, clock, author, entry, example, report);
    if (!example && entries.length > 0) retireExamples(tx, clock, author, entries, report);
    return report;
  });
}
