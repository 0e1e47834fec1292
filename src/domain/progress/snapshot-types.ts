import type { TaskStatus } from '../tasks/status.ts';

/**
 * The plan as it stood at the end of a Bogotá date: what a quarterly cut freezes, what the Comité report
 * and the public page show. Percentages are 0–100 with one decimal; instants are ISO strings in UTC;
 * dates are `YYYY-MM-DD`. People appear by name only (never e-mail or chat ids).
 */

export interface SnapshotEvidence {
  url: string;
  note: string | null;
  /** Name of who recorded it («sistema» when nobody did). */
  by: string;
  at: string;
}

/** One unit's share of a shared task: a process (by code) or a numbered item. */
export interface SnapshotPart {
  label: string;
  processCode: string | null;
  doneAt: string | null;
  by: string | null;
}

export interface SnapshotTask {
  code: string;
  title: string;
  what: string;
  activityNumber: number;
  activityName: string;
  responsible: string;
  startDate: string;
  endDate: string;
  evidenceExpected: string;
  /** State at the date; a task done late is still `cumplida`, with `late`. */
  status: TaskStatus;
  /** Share of the date range elapsed by the date (0 before the start, 100 from the end date). */
  scheduled: number;
  /** 100 when done by the date, else parts done / parts, else 0. */
  executed: number;
  /** Done after its end date. */
  late: boolean;
  /** Calendar days between the end date and the completion (when late), else null. */
  lateDays: number | null;
  doneAt: string | null;
  doneBy: string | null;
  verifiedAt: string | null;
  /** The coordinator's reason when the task was closed without all its parts. */
  closedReason: string | null;
  /** Shared tasks: target and parts (null for a yes/no task). */
  parts: { target: number; done: number; items: SnapshotPart[] } | null;
  evidence: SnapshotEvidence[];
  /** The code of the task's plan (`PPI`, `PTH`…), in a snapshot of several plans (a cut, the Plan de Acción). */
  plan?: string;
}

export interface SnapshotActivity {
  /** The code of the activity's plan, in a snapshot of several plans (activity numbers repeat across plans). */
  plan?: string;
  number: number;
  name: string;
  tasks: number;
  done: number;
  overdue: number;
  late: number;
  /** Mean of its tasks' scheduled %. */
  scheduled: number;
  /** Mean of its tasks' executed %. */
  executed: number;
}

export interface IndicatorLine {
  code: string;
  name: string;
  processCode: string;
  period: string;
  result: number;
  target: number;
  unit: string;
  status: 'critico' | 'aceptable' | 'satisfactorio';
  compliance: number | null;
  reportedAt: string;
  reportedBy: string;
  /** Number of corrections recorded for that period by the date. */
  corrections: number;
}

/** Indicator measurements of the periods that ended within the cut's range, as reported by the date. */
export interface IndicatorSummary {
  /** First and last day of the range whose periods count. */
  from: string;
  to: string;
  expected: number;
  reported: number;
  critico: number;
  aceptable: number;
  satisfactorio: number;
  lines: IndicatorLine[];
}

export interface RiskSummary {
  year: number;
  processes: number;
  matrices: { pendiente: number; actualizada: number; verificada: number; devuelta: number };
  risks: number;
  residualZones: { bajo: number; moderado: number; alto: number; extremo: number };
  materialized: number;
}

export interface AttendanceLine {
  title: string;
  startsAt: string;
  place: string;
  taskCode: string | null;
  invited: number;
  confirmed: number;
  declined: number;
  attended: number;
}

/** One plan of the vigencia in a snapshot of several: who owns it and how it stands. */
export interface PlanSection {
  code: string;
  name: string;
  /** The owner team and the leader, by name (null when the plan names none). */
  ownerTeam: string | null;
  leader: string | null;
  scheduled: number;
  executed: number;
  counts: TasksSnapshot['counts'];
  activities: SnapshotActivity[];
}

/** A plan's tasks at a date, with its activities, counts and %. */
export interface TasksSnapshot {
  scheduled: number;
  executed: number;
  counts: { total: number; done: number; overdue: number; late: number; inProgress: number; pending: number };
  activities: SnapshotActivity[];
  tasks: SnapshotTask[];
}

export interface PlanSnapshot extends TasksSnapshot {
  /** The Bogotá date the plan is read at (end of that day). */
  date: string;
  year: number;
  planTitle: string;
  indicators: IndicatorSummary;
  risks: RiskSummary;
  attendance: AttendanceLine[];
}

/** A change recorded after the previous cut that alters what that cut said (a reopening, a part undone…). */
export interface CutCorrection {
  code: string;
  /** The task's plan (cuts of several plans). */
  plan?: string;
  previousCut: string;
  before: string;
  after: string;
  at: string;
  reason: string | null;
}

/** A stored cut: a snapshot at the last day of a quarter (`2026-T3`) or four-month period (`2026-C1`). */
export interface Cut extends PlanSnapshot {
  cut: string;
  kind: 'trimestral' | 'cuatrimestral';
  createdAt: string;
  createdBy: string;
  corrections: CutCorrection[];
  /**
   * Each plan of the vigencia on its own; the fields above describe them consolidated, the Plan de Acción
   * Institucional (every task and activity naming its plan). Absent in cuts made before plans had codes.
   */
  plans?: PlanSection[];
}
