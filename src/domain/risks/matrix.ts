import { and, eq } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import { type MatrixState, riskMatrices } from '../../../db/schema/index.ts';
import { audit, personAuthor } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { isCoordinator, type Person } from '../directory/people.ts';
import { DomainError } from '../errors.ts';
import { assertEvidenceLink } from '../links.ts';
import { boundedText, TEXT_LIMITS } from '../text.ts';
import { allProcesses, answersForProcess, type ProcessRow, riskYear } from './access.ts';

export type MatrixRow = typeof riskMatrices.$inferSelect;
export type { MatrixState };

/** A process's matrix for a vigencia; `row` is absent while nobody has touched it (pendiente). */
export interface MatrixView {
  process: ProcessRow;
  state: MatrixState;
  row?: MatrixRow;
}

export const matrixStateLabels: Record<MatrixState, string> = {
  pendiente: 'Pendiente',
  actualizada: 'Actualizada (por verificar)',
  verificada: 'Verificada',
  devuelta: 'Devuelta con observaciones',
};

function rowOf(store: Store, year: number, processId: number): MatrixRow | undefined {
  return store
    .select()
    .from(riskMatrices)
    .where(and(eq(riskMatrices.year, year), eq(riskMatrices.processId, processId)))
    .get();
}

export function matrixOf(store: Store, year: number, process: ProcessRow): MatrixView {
  const row = rowOf(store, year, process.id);
  return row ? { process, state: row.state, row } : { process, state: 'pendiente' };
}

/** Every process's matrix for the vigencia, in process-code order. */
export function matricesOf(store: Store, year: number): MatrixView[] {
  const rows = new Map(
    store
      .select()
      .from(riskMatrices)
      .where(eq(riskMatrices.year, year))
      .all()
      .map((r) => [r.processId, r]),
  );
  return allProcesses(store).map((process) => {
    const row = rows.get(process.id);
    return row ? { process, state: row.state, row } : { process, state: 'pendiente' as const };
  });
}

/** Writes the new state of a matrix and its audit entry in one transaction. */
function save(
  db: Db,
  clock: Clock,
  person: Person,
  year: number,
  view: MatrixView,
  change: Partial<MatrixRow> & { state: MatrixState },
  action: string,
): MatrixView {
  const saved = db.transaction((tx) => {
    const row = view.row
      ? tx.update(riskMatrices).set(change).where(eq(riskMatrices.id, view.row.id)).returning().get()
      : tx
          .insert(riskMatrices)
          .values({ year, processId: view.process.id, ...change })
          .returning()
          .get();
    audit(tx, clock, personAuthor(person), {
      action,
      entity: 'matriz_riesgos',
      entityId: `${year}/${view.process.code}`,
      before: view.row
        ? { state: view.row.state, evidenceUrl: view.row.evidenceUrl }
        : { state: 'pendiente' },
      after: change,
    });
    return row;
  });
  return { process: view.process, state: saved.state, row: saved };
}

/** The leader (or a delegate) of the process, or the coordinator on their behalf. */
export function mayReportMatrix(person: Person, process: ProcessRow): boolean {
  return answersForProcess(person, process.id);
}

/**
 * Only the coordinator verifies or returns a matrix (issue 8): the MIPG team sees every process,
 * but a member who reported a matrix must not be the one who verifies it.
 */
export function mayReviewMatrix(person: Pick<Person, 'role'>): boolean {
  return isCoordinator(person);
}

function assertMayReport(person: Person, process: ProcessRow): void {
  if (mayReportMatrix(person, process)) return;
  throw new DomainError(
    `No puede reportar la matriz de riesgos del proceso ${process.code}.`,
    'La reporta el líder del proceso o su delegado (o la coordinación MIPG en su nombre).',
  );
}

function assertReviewer(person: Person): void {
  if (mayReviewMatrix(person)) return;
  throw new DomainError(
    'Solo la coordinación MIPG verifica o devuelve matrices de riesgos.',
    'Si usted lidera un proceso, reporte su matriz con /reportar riesgos <enlace>.',
  );
}

/** pendiente | devuelta | actualizada → actualizada, with the link to the updated matrix. */
export function reportMatrix(
  db: Db,
  clock: Clock,
  person: Person,
  process: ProcessRow,
  url: string,
  note?: string,
  allowedHosts: readonly string[] = [],
): MatrixView {
  assertMayReport(person, process);
  const remark = note === undefined ? '' : boundedText(note, { subject: 'La nota', max: TEXT_LIMITS.long });
  assertEvidenceLink(
    url,
    allowedHosts,
    'Escriba el enlace http(s) de la matriz actualizada, por ejemplo https://intranet.pasto.gov.co/riesgos-gth.xlsx',
  );
  const year = riskYear(db, clock);
  const view = matrixOf(db, year, process);
  if (view.state === 'verificada') {
    throw new DomainError(
      `La matriz de riesgos ${year} del proceso ${process.code} ya fue verificada.`,
      'Si necesita cambiarla, pida a la coordinación MIPG que la devuelva.',
    );
  }
  return save(
    db,
    clock,
    person,
    year,
    view,
    {
      state: 'actualizada',
      evidenceUrl: url,
      note: remark || null,
      reportedAt: clock.now().toISOString(),
      reportedBy: person.id,
    },
    'matriz_riesgos.reportar',
  );
}

/** actualizada → verificada. */
export function verifyMatrix(db: Db, clock: Clock, person: Person, process: ProcessRow): MatrixView {
  assertReviewer(person);
  const year = riskYear(db, clock);
  const view = matrixOf(db, year, process);
  if (view.state !== 'actualizada') {
    throw new DomainError(
      `La matriz de riesgos ${year} del proceso ${process.code} no se puede verificar: está ${matrixStateLabels[view.state].toLowerCase()}.`,
      'Solo se verifica una matriz que el líder reportó como actualizada.',
    );
  }
  return save(
    db,
    clock,
    person,
    year,
    view,
    { state: 'verificada', reviewedAt: clock.now().toISOString(), reviewedBy: person.id, observations: null },
    'matriz_riesgos.verificar',
  );
}

/** actualizada | verificada → devuelta, with the observations the leader must address. */
export function returnMatrix(
  db: Db,
  clock: Clock,
  person: Person,
  process: ProcessRow,
  observations: string,
): MatrixView {
  assertReviewer(person);
  const text = boundedText(observations, {
    subject: 'Las observaciones',
    max: TEXT_LIMITS.long,
    plural: true,
  });
  if (text === '') {
    throw new DomainError(
      'Para devolver una matriz escriba las observaciones.',
      `Ejemplo: /verificar riesgos ${process.code} devolver Faltan los controles del riesgo R-${process.code}-02`,
    );
  }
  const year = riskYear(db, clock);
  const view = matrixOf(db, year, process);
  if (view.state !== 'actualizada' && view.state !== 'verificada') {
    throw new DomainError(
      `La matriz de riesgos ${year} del proceso ${process.code} no se puede devolver: está ${matrixStateLabels[view.state].toLowerCase()}.`,
      'Se devuelve una matriz que el líder ya reportó.',
    );
  }
  return save(
    db,
    clock,
    person,
    year,
    view,
    { state: 'devuelta', reviewedAt: clock.now().toISOString(), reviewedBy: person.id, observations: text },
    'matriz_riesgos.devolver',
  );
}
