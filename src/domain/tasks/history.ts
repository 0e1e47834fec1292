import { addCalendarDays, bogotaInstant } from '../clock.ts';

/** One recorded change of a task (see `task_events`). */
export interface TaskEvent {
  taskId: number;
  partId: number | null;
  kind: 'cumplida' | 'reabierta' | 'verificada' | 'cerrada' | 'parte_cumplida' | 'parte_reabierta';
  at: string;
  personId: number | null;
  reason: string | null;
}

export interface Stamp {
  at: string;
  by: number | null;
}

/** A task as its events leave it at some instant. */
export interface ReplayedTask {
  done: Stamp | null;
  verified: Stamp | null;
  closedReason: string | null;
  /** Parts done, by part id. */
  parts: Map<number, Stamp>;
}

/** The first instant after a Bogotá date: what was recorded before it counts "as of" that date. */
export function endOfBogotaDate(date: string): string {
  return bogotaInstant(addCalendarDays(date, 1)).toISOString();
}

function emptyState(): ReplayedTask {
  return { done: null, verified: null, closedReason: null, parts: new Map() };
}

/**
 * Replays events (in the order they happened) into each task's state. Events after `until` (an ISO
 * instant, exclusive) are ignored, so the same history answers for any past day.
 */
export function replay(events: readonly TaskEvent[], until: string): Map<number, ReplayedTask> {
  const states = new Map<number, ReplayedTask>();
  for (const event of events) {
    if (event.at >= until) continue;
    let state = states.get(event.taskId);
    if (!state) {
      state = emptyState();
      states.set(event.taskId, state);
    }
    const stamp = { at: event.at, by: event.personId };
    switch (event.kind) {
      case 'cumplida':
      case 'cerrada':
        state.done ??= stamp;
        state.closedReason = event.kind === 'cerrada' ? event.reason : state.closedReason;
        break;
      case 'reabierta':
        state.done = null;
        state.verified = null;
        state.closedReason = null;
        break;
      case 'verificada':
        state.verified = stamp;
        break;
      case 'parte_cumplida':
        if (event.partId !== null && !state.parts.has(event.partId)) state.parts.set(event.partId, stamp);
        break;
      case 'parte_reabierta':
        if (event.partId !== null) state.parts.delete(event.partId);
        break;
    }
  }
  return states;
}
