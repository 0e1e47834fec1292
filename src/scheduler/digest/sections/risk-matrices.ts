import { MATRIX_UPDATE_TASK } from '../../../domain/risks/deadline.ts';
import { matricesOf } from '../../../domain/risks/matrix.ts';
import { matricesDigestBlocks } from '../../../views/risks.ts';
import type { DigestSection } from '../section.ts';

/**
 * "Matrices pendientes" in the weekly digest: while task 4.3 is open or overdue, the processes whose
 * risk matrix is pending or returned, and those waiting for verification. It counts as due when
 * matrices still wait and the deadline falls this week or has passed.
 */
export const riskMatricesSection: DigestSection = {
  id: 'matrices',
  build({ db, date, weekEnd, plan, tasks }) {
    const task = tasks.find((t) => t.code === MATRIX_UPDATE_TASK);
    const matrices = matricesOf(db, plan.year);
    const pending = matrices.filter((m) => m.state === 'pendiente' || m.state === 'devuelta');
    const toVerify = matrices.filter((m) => m.state === 'actualizada');
    const json = {
      riskMatrices: {
        year: plan.year,
        deadline: task?.endDate ?? null,
        total: matrices.length,
        pending: pending.map((m) => ({ process: m.process.code, state: m.state })),
        toVerify: toVerify.map((m) => m.process.code),
        verified: matrices.filter((m) => m.state === 'verificada').length,
      },
    };
    const open = task !== undefined && task.startDate <= date;
    if (!open || (pending.length === 0 && toVerify.length === 0)) return { json, blocks: [], due: false };
    return {
      json,
      blocks: matricesDigestBlocks(pending, toVerify, matrices.length, task.endDate),
      due: pending.length > 0 && task.endDate <= weekEnd,
    };
  },
};
