import { bogotaDateTime } from '../../views/dates.ts';
import { CHECK_LABELS, type CheckName, type HealthReport } from './report.ts';

const MARKS = { true: '✅', false: '❌', null: '❔' } as const;

/** The report as the terminal shows it (`mipg salud`), in Spanish. */
export function healthText(report: HealthReport): string {
  const names = Object.keys(CHECK_LABELS) as CheckName[];
  const lines = [
    `Salud del bot MIPG: ${report.status} (revisado el ${bogotaDateTime(report.checkedAt)}, hora de Bogotá)`,
    '',
    ...names.map((name) => {
      const check = report[name];
      return `${MARKS[String(check.ok) as keyof typeof MARKS]} ${CHECK_LABELS[name]}: ${check.detail}`;
    }),
  ];
  return lines.join('\n');
}
