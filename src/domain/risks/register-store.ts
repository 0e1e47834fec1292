import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db, Store } from '../../../db/client.ts';
import { processes, riskControls, risks } from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { ControlDraft } from './cells.ts';
import type { RiskDraft } from './risk-draft.ts';

export type RiskRow = typeof risks.$inferSelect;
export type ControlRow = typeof riskControls.$inferSelect;

/** A stored risk with its process and its controls in order. */
export interface RiskView extends RiskRow {
  processCode: string;
  processName: string;
  controls: ControlDraft[];
}

/** Codes used this vigencia by processes other than `except`, with the owner's process code. */
export function codesOfOtherProcesses(store: Store, year: number, except: number[]): Map<string, string> {
  const rows = store
    .select({ code: risks.code, process: processes.code })
    .from(risks)
    .innerJoin(processes, eq(processes.id, risks.processId))
    .where(and(eq(risks.year, year), except.length > 0 ? notInArray(risks.processId, except) : undefined))
    .all();
  return new Map(rows.map((r) => [r.code, r.process]));
}

/** The risks of a vigencia (one process's when given), ordered by process and code. */
export function risksOf(store: Store, year: number, processId?: number): RiskView[] {
  const rows = store
    .select({ risk: risks, processCode: processes.code, processName: processes.name })
    .from(risks)
    .innerJoin(processes, eq(processes.id, risks.processId))
    .where(and(eq(risks.year, year), processId === undefined ? undefined : eq(risks.processId, processId)))
    .orderBy(asc(processes.code), asc(risks.code))
    .all();
  if (rows.length === 0) return [];
  const controls = store
    .select()
    .from(riskControls)
    .where(
      inArray(
        riskControls.riskId,
        rows.map((r) => r.risk.id),
      ),
    )
    .orderBy(asc(riskControls.riskId), asc(riskControls.position))
    .all();
  return rows.map(({ risk, processCode, processName }) => ({
    ...risk,
    processCode,
    processName,
    controls: controls
      .filter((c) => c.riskId === risk.id)
      .map((c) => ({ type: c.type, implementation: c.implementation, description: c.description })),
  }));
}

export function riskByCode(store: Store, year: number, code: string): RiskView | undefined {
  return risksOf(store, year).find((r) => r.code === code.trim().toUpperCase());
}

/** The columns of `risks` a draft fills: inputs plus the computed inherent and residual values. */
function riskValues(draft: RiskDraft, year: number, at: string) {
  const { inherent, residual, method } = draft.assessment;
  return {
    year,
    processId: draft.process.id,
    code: draft.code,
    type: draft.type,
    description: draft.description,
    cause: draft.cause,
    consequence: draft.consequence,
    timesPerYear: draft.timesPerYear,
    economicImpact: draft.economicImpact ?? null,
    reputationalImpact: draft.reputationalImpact ?? null,
    treatment: draft.treatment,
    responsible: draft.responsible,
    method,
    inherentProbability: inherent.probability.level,
    inherentProbabilityPercent: inherent.probability.percent,
    inherentImpact: inherent.impact.level,
    inherentImpactPercent: inherent.impact.percent,
    inherentZone: inherent.zone,
    residualProbability: residual.probability.level,
    residualProbabilityPercent: residual.probability.percent,
    residualImpact: residual.impact.level,
    residualImpactPercent: residual.impact.percent,
    residualZone: residual.zone,
    updatedAt: at,
  };
}

/** What the audit log keeps of a risk: its inputs and computed values, not ids or timestamps. */
function auditShape(risk: Omit<RiskRow, 'id' | 'updatedAt'>, controls: readonly ControlDraft[]) {
  return {
    code: risk.code,
    type: risk.type,
    description: risk.description,
    cause: risk.cause,
    consequence: risk.consequence,
    timesPerYear: risk.timesPerYear,
    economicImpact: risk.economicImpact,
    reputationalImpact: risk.reputationalImpact,
    controls: controls.map((c) => ({
      type: c.type,
      implementation: c.implementation,
      description: c.description,
    })),
    treatment: risk.treatment,
    responsible: risk.responsible,
    method: risk.method,
    inherentZone: risk.inherentZone,
    residualProbabilityPercent: risk.residualProbabilityPercent,
    residualImpactPercent: risk.residualImpactPercent,
    residualZone: risk.residualZone,
  };
}

function sameRisk(before: RiskView, after: ReturnType<typeof auditShape>): boolean {
  return JSON.stringify(auditShape(before, before.controls)) === JSON.stringify(after);
}

export interface ProcessReplacement {
  processCode: string;
  created: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

function writeControls(store: Store, riskId: number, controls: readonly ControlDraft[], weights: number[]) {
  store.delete(riskControls).where(eq(riskControls.riskId, riskId)).run();
  controls.forEach((c, index) => {
    store
      .insert(riskControls)
      .values({ riskId, position: index + 1, ...c, weight: weights[index] ?? 0 })
      .run();
  });
}

/**
 * For each process present in the drafts, its register for the vigencia becomes exactly the
 * drafts: codes kept are updated in place (materialised reports stay linked), new ones added,
 * missing ones removed. One transaction; every change is audited.
 */
export function replaceRegisters(
  db: Db,
  clock: Clock,
  author: Author,
  year: number,
  drafts: RiskDraft[],
): ProcessReplacement[] {
  const at = clock.now().toISOString();
  const processIds = [...new Set(drafts.map((d) => d.process.id))];
  return db.transaction((tx) =>
    processIds.map((processId) => {
      const mine = drafts.filter((d) => d.process.id === processId);
      const current = new Map(risksOf(tx, year, processId).map((r) => [r.code, r]));
      const result: ProcessReplacement = {
        processCode: mine[0]?.process.code ?? '',
        created: [],
        updated: [],
        unchanged: [],
        removed: [],
      };
      for (const draft of mine) {
        const values = riskValues(draft, year, at);
        const shape = auditShape(values, draft.controls);
        const weights = draft.assessment.trail.map((s) => s.weight);
        const before = current.get(draft.code);
        current.delete(draft.code);
        if (before && sameRisk(before, shape)) {
          result.unchanged.push(draft.code);
          continue;
        }
        const id = before
          ? tx.update(risks).set(values).where(eq(risks.id, before.id)).returning().get().id
          : tx.insert(risks).values(values).returning().get().id;
        writeControls(tx, id, draft.controls, weights);
        audit(tx, clock, author, {
          action: before ? 'riesgo.actualizar' : 'riesgo.crear',
          entity: 'riesgo',
          entityId: `${year}/${draft.code}`,
          before: before ? auditShape(before, before.controls) : undefined,
          after: shape,
        });
        (before ? result.updated : result.created).push(draft.code);
      }
      for (const gone of current.values()) {
        tx.delete(risks).where(eq(risks.id, gone.id)).run();
        audit(tx, clock, author, {
          action: 'riesgo.eliminar',
          entity: 'riesgo',
          entityId: `${year}/${gone.code}`,
          before: auditShape(gone, gone.controls),
        });
        result.removed.push(gone.code);
      }
      return result;
    }),
  );
}

/** Changes one risk's treatment (already validated by the caller), audited. */
export function setTreatment(
  db: Db,
  clock: Clock,
  author: Author,
  risk: RiskView,
  treatment: RiskRow['treatment'],
): void {
  db.transaction((tx) => {
    tx.update(risks)
      .set({ treatment, updatedAt: clock.now().toISOString() })
      .where(eq(risks.id, risk.id))
      .run();
    audit(tx, clock, author, {
      action: 'riesgo.tratamiento',
      entity: 'riesgo',
      entityId: `${risk.year}/${risk.code}`,
      before: { treatment: risk.treatment },
      after: { treatment },
    });
  });
}
