import { bogotaDate } from '../clock.ts';
import type {
  Cut,
  IndicatorLine,
  IndicatorSummary,
  PlanSnapshot,
  RiskSummary,
  SnapshotActivity,
  SnapshotTask,
} from '../progress/snapshot-types.ts';
import type { TaskStatus } from '../tasks/status.ts';
import { publicUrl, scrubText } from './scrub.ts';

/**
 * What the public page may show, and nothing more: every page and open-data file is drawn from these
 * types, never from the snapshot itself. Fields are copied one by one (an allow-list), so a field added
 * to the snapshot later stays private until someone adds it here. Left out on purpose: who recorded an
 * evidence, marked or verified a task or delivered a part, evidence notes, the coordinator's reasons,
 * who reported an indicator or made a cut, and the attendance lists. A public page names teams, not people.
 */

export interface PublicEvidence {
  url: string;
  /** Bogotá date it was recorded. */
  date: string;
}

export interface PublicPart {
  label: string;
  processCode: string | null;
  /** Bogotá date the part was delivered, else null. */
  doneOn: string | null;
}

export interface PublicParts {
  target: number;
  done: number;
  /** «procesos» when every part is a process, else «partes». */
  unit: 'procesos' | 'partes';
  items: PublicPart[];
}

export interface PublicTask {
  /** Qualified by its plan outside the PPI (`PTH 2.3`). */
  code: string;
  /** The plan it belongs to when it is not the PPI (activities repeat their numbers across plans). */
  plan?: string;
  title: string;
  what: string;
  activityNumber: number;
  activityName: string;
  responsible: string;
  startDate: string;
  endDate: string;
  evidenceExpected: string;
  status: TaskStatus;
  late: boolean;
  lateDays: number | null;
  doneOn: string | null;
  verifiedOn: string | null;
  scheduled: number;
  executed: number;
  parts: PublicParts | null;
  evidence: PublicEvidence[];
  /** Evidence links recorded but not published (not http(s), or carrying an e-mail or a chat id). */
  evidenceWithheld: number;
}

export type PublicActivity = SnapshotActivity;

export interface PublicPlan {
  title: string;
  year: number;
  /** The Bogotá date the data describe. */
  date: string;
  scheduled: number;
  executed: number;
  counts: PlanSnapshot['counts'];
  activities: PublicActivity[];
  tasks: PublicTask[];
}

export interface PublicCorrection {
  code: string;
  previousCut: string;
  before: string;
  after: string;
  /** Bogotá date of the change. */
  on: string;
}

export interface PublicIndicatorLine {
  code: string;
  name: string;
  processCode: string;
  period: string;
  result: number;
  target: number;
  unit: string;
  status: IndicatorLine['status'];
  compliance: number | null;
  /** Corrections recorded for that period by the date. */
  corrections: number;
}

export type PublicIndicators = Omit<IndicatorSummary, 'lines'> & { lines: PublicIndicatorLine[] };

export type PublicRisks = RiskSummary;

export interface PublicCut extends PublicPlan {
  code: string;
  kind: Cut['kind'];
  /** Bogotá date the cut was recorded. */
  createdOn: string;
  corrections: PublicCorrection[];
  indicators: PublicIndicators;
  risks: PublicRisks;
}

const dayOf = (instant: string | null): string | null =>
  instant === null ? null : bogotaDate(new Date(instant));

function publicParts(parts: NonNullable<SnapshotTask['parts']>): PublicParts {
  const items = parts.items.map((item) => ({
    label: scrubText(item.label),
    processCode: item.processCode === null ? null : scrubText(item.processCode),
    doneOn: dayOf(item.doneAt),
  }));
  const byProcess = items.length > 0 && items.every((item) => item.processCode !== null);
  return { target: parts.target, done: parts.done, unit: byProcess ? 'procesos' : 'partes', items };
}

function publicTask(task: SnapshotTask): PublicTask {
  const evidence = task.evidence.flatMap((e) => {
    const url = publicUrl(e.url);
    return url === null ? [] : [{ url, date: dayOf(e.at) ?? '' }];
  });
  const other = otherPlan(task.plan);
  return {
    ...other,
    code: scrubText(other.plan ? `${other.plan} ${task.code}` : task.code),
    title: scrubText(task.title),
    what: scrubText(task.what),
    activityNumber: task.activityNumber,
    activityName: scrubText(task.activityName),
    responsible: scrubText(task.responsible),
    startDate: task.startDate,
    endDate: task.endDate,
    evidenceExpected: scrubText(task.evidenceExpected),
    status: task.status,
    late: task.late,
    lateDays: task.lateDays,
    doneOn: dayOf(task.doneAt),
    verifiedOn: dayOf(task.verifiedAt),
    scheduled: task.scheduled,
    executed: task.executed,
    parts: task.parts === null ? null : publicParts(task.parts),
    evidence,
    evidenceWithheld: task.evidence.length - evidence.length,
  };
}

/** The plan a row belongs to, when it is not the PPI (the PPI's keep their plain numbers and codes). */
function otherPlan(plan: string | undefined): { plan?: string } {
  return plan && plan !== 'PPI' ? { plan: scrubText(plan) } : {};
}

function publicActivity(activity: SnapshotActivity): PublicActivity {
  const { number, name, tasks, done, overdue, late, scheduled, executed } = activity;
  return {
    number,
    name: scrubText(name),
    tasks,
    done,
    overdue,
    late,
    scheduled,
    executed,
    ...otherPlan(activity.plan),
  };
}

/** The public subset of the plan as it stands on the snapshot's date. */
export function publicPlan(plan: PlanSnapshot): PublicPlan {
  return {
    title: scrubText(plan.planTitle),
    year: plan.year,
    date: plan.date,
    scheduled: plan.scheduled,
    executed: plan.executed,
    counts: { ...plan.counts },
    activities: plan.activities.map(publicActivity),
    tasks: plan.tasks.map(publicTask),
  };
}

function publicIndicators(summary: IndicatorSummary): PublicIndicators {
  const { from, to, expected, reported, critico, aceptable, satisfactorio } = summary;
  const lines = summary.lines.map((line) => ({
    code: scrubText(line.code),
    name: scrubText(line.name),
    processCode: scrubText(line.processCode),
    period: scrubText(line.period),
    result: line.result,
    target: line.target,
    unit: scrubText(line.unit),
    status: line.status,
    compliance: line.compliance,
    corrections: line.corrections,
  }));
  return { from, to, expected, reported, critico, aceptable, satisfactorio, lines };
}

function publicRisks(risks: RiskSummary): PublicRisks {
  return {
    year: risks.year,
    processes: risks.processes,
    matrices: { ...risks.matrices },
    risks: risks.risks,
    residualZones: { ...risks.residualZones },
    materialized: risks.materialized,
  };
}

/** The public subset of a stored cut: the plan at the cut, its corrections, indicators and risks in numbers. */
export function publicCut(cut: Cut): PublicCut {
  return {
    ...publicPlan(cut),
    code: scrubText(cut.cut),
    kind: cut.kind,
    createdOn: dayOf(cut.createdAt) ?? '',
    corrections: cut.corrections.map((c) => ({
      code: scrubText(c.code),
      previousCut: scrubText(c.previousCut),
      before: scrubText(c.before),
      after: scrubText(c.after),
      on: dayOf(c.at) ?? '',
    })),
    indicators: publicIndicators(cut.indicators),
    risks: publicRisks(cut.risks),
  };
}
