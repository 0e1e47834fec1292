import { isWorkingDay, workingDaysBetween } from '../../domain/calendar/working-days.ts';
import { processReporters } from '../../domain/directory/people.ts';
import { allProcesses } from '../../domain/risks/access.ts';
import { matrixDeadline } from '../../domain/risks/deadline.ts';
import { type MatrixView, matricesOf, matrixOf } from '../../domain/risks/matrix.ts';
import { type MatrixReminderReason, matrixReminder } from '../../views/risk-notices.ts';
import type { Delivery } from '../send.ts';
import { itemFromReply } from './daily.ts';
import { deadlineReminders, isoWeek } from './plan.ts';
import type { ReminderProvider, ReminderRun } from './provider.ts';

/** The ledger kind of a matrix reminder; answers in its thread report the matrix (kind `riesgos.matriz`). */
export const MATRIX_REMINDER_KIND = 'recordatorio.matriz_riesgos';

const waiting = (m: MatrixView) => m.state === 'pendiente' || m.state === 'devuelta';

interface Occasion {
  /** Unique per process and year: the reminder's date, or the ISO week once overdue. */
  key: string;
  reason: MatrixReminderReason;
}

/**
 * The occasions in (`since`, `date`]: MIPG_REMINDER_DAYS working days before the end of task 4.3
 * and on its last working day; after it, one a week (on working days) while the matrix waits.
 */
function occasions(deadline: string, run: ReminderRun): Occasion[] {
  const inWindow = (d: string) => d > run.since && d <= run.date;
  const found: Occasion[] = deadlineReminders(deadline, run.config.MIPG_REMINDER_DAYS)
    .filter((r) => inWindow(r.date))
    .map((r) => ({
      key: r.date,
      reason: r.reason.type === 'before' ? { type: 'before', days: r.reason.days } : { type: 'due' },
    }));
  if (deadline < run.date && isWorkingDay(run.date)) {
    found.push({
      key: isoWeek(run.date),
      reason: { type: 'overdue', since: workingDaysBetween(deadline, run.date) },
    });
  }
  return found;
}

/**
 * Reminds the leader and delegates of each process whose risk matrix is pending or returned as the
 * end of task 4.3 approaches, through the scheduler's ledger (each one once).
 */
export const riskMatrixReminders: ReminderProvider = {
  id: 'matrices de riesgos',
  kinds: [MATRIX_REMINDER_KIND],
  plan(run) {
    const deadline = matrixDeadline(run.db, run.date);
    // A later year with no plan of its own falls back to an older plan: its deadline is not this year's.
    if (!deadline || deadline.slice(0, 4) !== run.date.slice(0, 4)) return [];
    const due = occasions(deadline, run);
    if (due.length === 0) return [];
    const year = Number(run.date.slice(0, 4));
    const deliveries: Delivery[] = [];
    for (const matrix of matricesOf(run.db, year).filter(waiting)) {
      for (const occasion of due) {
        for (const person of processReporters(run.db, matrix.process.id)) {
          deliveries.push({
            kind: MATRIX_REMINDER_KIND,
            period: `${year}:${matrix.process.code}:${occasion.key}`,
            to: person,
            about: { kind: 'riesgos.matriz', subject: matrix.process.code },
            build: (late) => matrixReminder(matrix, deadline, occasion.reason, late),
            item: (late) => itemFromReply(matrixReminder(matrix, deadline, occasion.reason, late)),
          });
        }
      }
    }
    return deliveries;
  },
  stillWanted(row, run) {
    const [year, code] = row.period.split(':');
    const process = allProcesses(run.db).find((p) => p.code === code);
    if (!process) return undefined;
    const matrix = matrixOf(run.db, Number(year), process);
    return waiting(matrix) ? undefined : `La matriz de riesgos de ${process.code} ya fue reportada.`;
  },
};
