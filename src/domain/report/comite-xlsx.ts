import type { Cut } from '../progress/snapshot-types.ts';
import { fileBytes, type StreamedFile } from '../streamed.ts';
import { workbookFile } from '../xlsx-stream.ts';
import { SECTIONS } from './cells.ts';
import { attendanceTable, indicatorsSummary, indicatorsTable, risksTable } from './followup-sections.ts';
import { activitiesTable, correctionsTable, summaryTable, tasksWithEvidenceTable } from './plan-sections.ts';
import { planActivitiesTable, planSummaryTable, plansTable, tasksOfPlan } from './plans-sections.ts';
import { progressChartPng } from './progress-chart.ts';
import { reportTitle } from './wording.ts';
import { type SheetPicture, type SheetPlan, writeSheet } from './workbook.ts';

/** The activities chart, drawn under their table. */
function chart(cut: Cut): SheetPicture {
  const png = Buffer.from(progressChartPng(cut.activities, `Avance por actividad · corte ${cut.cut}`));
  // PNG header: width and height, big-endian, at bytes 16 and 20.
  return { png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The sheets in order, each made when it is reached: one per section, and with several plans the sheets
 * above are the consolidated Plan de Acción, then one sheet per plan.
 */
function* sheets(cut: Cut): Generator<SheetPlan> {
  const plans = cut.plans ?? [];
  // The summary's own pairs are its list; the corrections table (and the plans') go under it.
  yield {
    name: SECTIONS.summary,
    tables: [
      summaryTable(cut),
      correctionsTable(cut),
      ...(plans.length > 1 ? [plansTable({ ...cut, plans })] : []),
    ],
    main: 0,
  };
  yield { name: SECTIONS.activities, tables: [activitiesTable(cut)], picture: chart(cut) };
  yield { name: SECTIONS.tasks, tables: [tasksWithEvidenceTable(cut)] };
  if (plans.length > 1) {
    for (const plan of plans) {
      yield {
        name: `Plan ${plan.code}`,
        tables: [
          planSummaryTable(plan),
          planActivitiesTable(plan),
          {
            ...tasksWithEvidenceTable({ tasks: tasksOfPlan(cut.tasks, plan.code) }),
            title: `Tareas de ${plan.code}`,
          },
        ],
      };
    }
  }
  yield { name: SECTIONS.indicators, tables: [indicatorsSummary(cut), indicatorsTable(cut)] };
  yield { name: SECTIONS.risks, tables: [risksTable(cut)] };
  yield { name: SECTIONS.attendance, tables: [attendanceTable(cut)] };
}

/** The Comité report of a cut as an XLSX file, sheet after sheet (see workbook.ts for the cells). */
export function comiteFile(cut: Cut): StreamedFile {
  return workbookFile(
    async (book) => {
      for (const sheet of sheets(cut)) await writeSheet(book, sheet);
    },
    { title: reportTitle(cut), created: new Date(cut.createdAt) },
  );
}

/** The same workbook as bytes, whole. */
export async function comiteWorkbook(cut: Cut): Promise<Buffer> {
  return fileBytes(comiteFile(cut));
}
