import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { indicators } from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { Table } from '../tabular.ts';
import { type CatalogEntry, parseCatalog } from './sheet.ts';

export interface CatalogImportReport {
  added: string[];
  changed: { code: string; fields: string[] }[];
  unchanged: string[];
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
      .values({ code: entry.code, ...fields, example, updatedAt })
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
  const changed = changedFields(existing, fields);
  if (changed.length === 0) {
    report.unchanged.push(entry.code);
    return;
  }
  tx.update(indicators)
    .set({ ...fields, updatedAt })
    .where(eq(indicators.id, existing.id))
    .run();
  audit(tx, clock, author, {
    action: 'indicador.actualizar',
    entity: 'indicador',
    entityId: entry.code,
    before: pick(existing, changed),
    after: Object.fromEntries(changed.map((k) => [k, fields[k as keyof StoredFields]])),
  });
  report.changed.push({ code: entry.code, fields: changed });
}

/**
 * Loads the technical sheets of a table into the catalog: new codes are added, known codes are
 * updated in place (reports keep pointing at them), and codes missing from the file stay as they
 * were. All or nothing: a bad row stops the whole import before anything is written.
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
    const report: CatalogImportReport = { added: [], changed: [], unchanged: [] };
    for (const entry of entries) upsert(tx, clock, author, entry, options.example ?? false, report);
    return report;
  });
}
