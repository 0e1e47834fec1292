import { and, asc, eq } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import { materializedRisks, processes } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { assertEvidenceLink } from '../links.ts';
import { boundedText, TEXT_LIMITS } from '../text.ts';
import { answersForProcess, riskYear } from './access.ts';
import { type RiskView, riskByCode } from './register-store.ts';

export type MaterializedRow = typeof materializedRisks.$inferSelect;

export interface MaterializedView extends MaterializedRow {
  processCode: string;
}

/** The materialised risks reported in a vigencia (one process's when given), oldest first. */
export function materializedOf(store: Store, year: number, processId?: number): MaterializedView[] {
  return store
    .select({ row: materializedRisks, processCode: processes.code })
    .from(materializedRisks)
    .innerJoin(processes, eq(processes.id, materializedRisks.processId))
    .where(
      and(
        eq(materializedRisks.year, year),
        processId === undefined ? undefined : eq(materializedRisks.processId, processId),
      ),
    )
    .orderBy(asc(materializedRisks.reportedAt), asc(materializedRisks.id))
    .all()
    .map(({ row, processCode }) => ({ ...row, processCode }));
}

export interface MaterializedReport {
  risk: RiskView;
  row: MaterializedRow;
}

/**
 * Records that a risk of the current vigencia happened. Only its process's leader or delegates
 * (or the coordinator) may report it; the description is required, the link optional.
 */
export function reportMaterialized(
  db: Db,
  clock: Clock,
  person: Person,
  code: string,
  description: string,
  url?: string,
  allowedHosts: readonly string[] = [],
): MaterializedReport {
  const year = riskYear(db, clock);
  const risk = riskByCode(db, year, code);
  if (!risk) {
    throw new DomainError(
      `No existe el riesgo ${code.toUpperCase()} en la matriz ${year}.`,
      'Consulte los códigos con /estado riesgos.',
    );
  }
  if (!answersForProcess(person, risk.processId)) {
    throw new DomainError(
      `El riesgo ${risk.code} es del proceso ${risk.processCode}: solo su líder, sus delegados o la coordinación MIPG lo reportan.`,
      'Si usted es de ese proceso, avise a su líder para que lo reporte.',
    );
  }
  const what = boundedText(description, { subject: 'La descripción', max: TEXT_LIMITS.long });
  if (what === '') {
    throw new DomainError(
      'Falta la descripción de lo que ocurrió.',
      `Ejemplo: /reportar riesgo materializado ${risk.code} Se pagó una nómina con un error de liquidación`,
    );
  }
  if (url !== undefined) assertEvidenceLink(url, allowedHosts, 'El enlace es opcional y debe ser http(s).');
  const row = db.transaction((tx) => {
    const inserted = tx
      .insert(materializedRisks)
      .values({
        year,
        riskId: risk.id,
        riskCode: risk.code,
        processId: risk.processId,
        description: what,
        url: url ?? null,
        reportedAt: clock.now().toISOString(),
        reportedBy: person.id,
      })
      .returning()
      .get();
    audit(tx, clock, personAuthor(person), {
      action: 'riesgo.materializado',
      entity: 'riesgo',
      entityId: `${year}/${risk.code}`,
      after: { description: inserted.description, url: inserted.url },
    });
    return inserted;
  });
  return { risk, row };
}
