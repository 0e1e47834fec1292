import { attendanceReminders } from './attendance.ts';
import { indicatorReminders } from './indicators.ts';
import type { ReminderProvider } from './provider.ts';
import { riskMatrixReminders } from './risk-matrices.ts';
import { overdueEscalation, taskReminders } from './tasks.ts';

export type { ReminderProvider, ReminderRun } from './provider.ts';

/** Every source of reminders the reminder job asks at each run. A feature adds its provider here. */
export const reminderProviders: ReminderProvider[] = [
  taskReminders,
  overdueEscalation,
  riskMatrixReminders,
  indicatorReminders,
  attendanceReminders,
];
