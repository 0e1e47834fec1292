import { mention } from '../../chat/reply.ts';
import { isWorkingDay } from '../../domain/calendar/working-days.ts';
import { coordinators, type Person, ResponsibleResolver } from '../../domain/directory/people.ts';
import { indicatorByCode } from '../../domain/indicators/catalog.ts';
import { currentReport } from '../../domain/indicators/reports.ts';
import { outstandingReports, type PeriodStanding } from '../../domain/indicators/schedule.ts';
import { INDICATOR_REMINDER_KIND, reminderReply } from '../../views/indicators.ts';
import type { Delivery } from '../send.ts';
import { itemFromReply } from './daily.ts';
import { deadlineReminders, isoWeek } from './plan.ts';
import type { ReminderProvider, ReminderRun } from './provider.ts';

/** The ledger kind of indicator reminders. */
export const INDICATOR_REMINDER_LEDGER = 'recordatorio.indicador';

const reminderDays = new Map<string, string[]>();

/** The working days a due date's reminders go out on (remembered: many periods share a due date). */
function reminderDates(dueDate: string, days: readonly number[]): string[] {
  const key = `${dueDate}|${days.join(',')}`;
  let dates = reminderDays.get(key);
  if (dates === undefined) {
    dates = deadlineReminders(dueDate, days).map((r) => r.date);
    reminderDays.set(key, dates);
  }
  return dates;
}

interface Occasion {
  standing: PeriodStanding;
  /** The day (before or on the due date) or the ISO week (overdue) that makes it unique. */
  occasion: string;
}

/**
 * The reminders of one run: for every period still unreported, those `days` working days before its
 * due date and on it; and, on a working day, a weekly one for the latest overdue period of each
 * indicator (older overdue periods are listed in /pendientes rather than repeated every week).
 */
export function indicatorOccasions(run: Pick<ReminderRun, 'db' | 'config' | 'since' | 'date'>): Occasion[] {
  const missing = outstandingReports(run.db, run.date);
  const occasions: Occasion[] = [];
  const latestOverdue = new Map<number, PeriodStanding>();
  for (const s of missing) {
    for (const day of reminderDates(s.dueDate, run.config.MIPG_REMINDER_DAYS)) {
      if (day > run.since && day <= run.date) occasions.push({ standing: s, occasion: day });
    }
    if (s.dueDate < run.date) latestOverdue.set(s.indicator.id, s);
  }
  if (isWorkingDay(run.date)) {
    for (const s of latestOverdue.values()) occasions.push({ standing: s, occasion: isoWeek(run.date) });
  }
  return occasions;
}

/** Reminds the leaders and delegates of each process (the coordinators when it has none) to report. */
export const indicatorReminders: ReminderProvider = {
  id: 'indicadores',
  kinds: [INDICATOR_REMINDER_LEDGER],
  async plan(run) {
    const deliveries: Delivery[] = [];
    const resolver = ResponsibleResolver.forLists(run.db);
    let fallback: Person[] | undefined;
    for (const { standing, occasion } of indicatorOccasions(run)) {
      await run.pause();
      const { indicator, period } = standing;
      const reporters = resolver.reportersOf(indicator.processId);
      fallback ??= reporters.length > 0 ? undefined : coordinators(run.db);
      for (const person of reporters.length > 0 ? reporters : (fallback ?? [])) {
        deliveries.push({
          kind: INDICATOR_REMINDER_LEDGER,
          period: `${indicator.code}:${period}:${occasion}`,
          to: person,
          about: { kind: INDICATOR_REMINDER_KIND, subject: `${indicator.code} ${period}` },
          build: (late) => reminderReply(standing, mention(person.id), late),
          item: (late) => itemFromReply(reminderReply(standing, '📊 Indicador:', late)),
        });
      }
    }
    return deliveries;
  },
  stillWanted(row, run) {
    const [code = '', period = ''] = (row.subject ?? '').split(' ');
    const indicator = indicatorByCode(run.db, code);
    if (!indicator?.active) return `El indicador ${code} ya no está en el catálogo.`;
    return currentReport(run.db, indicator.id, period)
      ? `El indicador ${code} ya tiene reporte de ${period}.`
      : undefined;
  },
};
