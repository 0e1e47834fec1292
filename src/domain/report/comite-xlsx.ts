import type ExcelJS from 'exceljs';
import type { Cut } from '../progress/snapshot-types.ts';
import { SECTIONS } from './cells.ts';
import { attendanceTable, indicatorsSummary, indicatorsTable, risksTable } from './followup-sections.ts';
import { activitiesTable, correctionsTable, summaryTable, tasksWithEvidenceTable } from './plan-sections.ts';
import { planActivitiesTable, planSummaryTable, plansTable, tasksOfPlan } from './plans-sections.ts';
import { progressChartPng } from './progress-chart.ts';
import { reportTitle } from './wording.ts';
import { addSheet, addTable, excel } from './workbook.ts';

/** The activities chart under their table. */
function addChart(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, cut: Cut, row: number): void {
  const png = Buffer.from(progressChartPng(cut.activities, `Avance por actividad · corte ${cut.cut}`));
  // PNG header: width and height, big-endian, at bytes 16 and 20.
  const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  const image = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
  sheet.addImage(image, { tl: { col: 1, row }, ext: size });
}

/** The Comité report of a cut as XLSX bytes: one sheet per section (see workbook.ts for the cells). */
export async function comiteWorkbook(cut: Cut): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Bot de Planeación MIPG';
  workbook.title = reportTitle(cut);
  workbook.created = new Date(cut.createdAt);
  workbook.modified = new Date(cut.createdAt);
  // The summary's own pairs are its list; the corrections table goes under it.
  const summary = addSheet(workbook, SECTIONS.summary, [summaryTable(cut)]);
  addTable(summary, correctionsTable(cut), summary.rowCount + 2, false);
  const activities = addSheet(workbook, SECTIONS.activities, [activitiesTable(cut)]);
  addChart(workbook, activities, cut, activities.rowCount + 1);
  addSheet(workbook, SECTIONS.tasks, [tasksWithEvidenceTable(cut)]);
  // With several plans, the sheets above are the consolidated Plan de Acción; then one sheet per plan.
  const plans = cut.plans ?? [];
  if (plans.length > 1) {
    addTable(summary, plansTable({ ...cut, plans }), summary.rowCount + 2, false);
    for (const plan of plans) {
      addSheet(workbook, `Plan ${plan.code}`, [
        planSummaryTable(plan),
        planActivitiesTable(plan),
        {
          ...tasksWithEvidenceTable({ tasks: tasksOfPlan(cut.tasks, plan.code) }),
          title: `Tareas de ${plan.code}`,
        },
      ]);
    }
  }
  addSheet(workbook, SECTIONS.indicators, [indicatorsSummary(cut), indicatorsTable(cut)]);
  addSheet(workbook, SECTIONS.risks, [risksTable(cut)]);
  addSheet(workbook, SECTIONS.attendance, [attendanceTable(cut)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
