import type { AuditRecord } from '../domain/audit/entries.ts';
import { formatNumber } from '../domain/indicators/numbers.ts';
import { truncate } from '../domain/text.ts';
import { actionLabels, entityLabels, fieldLabels } from './audit-labels.ts';
import { bogotaDateTime } from './dates.ts';

/** Names for the ids a before/after may hold (who reported, which process). */
export interface AuditNames {
  person: (id: number) => string | undefined;
  process: (id: number) => string | undefined;
}

/** Fields whose number is a person's or a process's id. */
const PERSON_FIELDS = new Set(['reportedBy', 'reviewedBy']);
const PROCESS_FIELDS = new Set(['processId']);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** A stored value as a person reads it: dates in Bogotá time, sí/no, numbers in es-CO. */
export function valueText(value: unknown, names?: AuditNames, field?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'sí' : 'no';
  if (typeof value === 'number') {
    if (field && PERSON_FIELDS.has(field)) return names?.person(value) ?? `persona ${value}`;
    if (field && PROCESS_FIELDS.has(field)) return names?.process(value) ?? `proceso ${value}`;
    return formatNumber(value);
  }
  if (typeof value === 'string') return truncate(INSTANT.test(value) ? bogotaDateTime(value) : value, 60);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      return truncate(value.map((v) => valueText(v)).join(', '), 60) || '—';
    }
    return value.length === 1 ? '1 elemento' : `${value.length} elementos`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return truncate(entries.map(([k, v]) => `${fieldLabels[k] ?? k} ${valueText(v)}`).join(', '), 60);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Before → after in a few words: each field that changed («estado: actualizada → devuelta»), the
 * fields of something new, or what was removed. At most `max` characters.
 */
export function changeSummary(before: unknown, after: unknown, names?: AuditNames, max = 240): string {
  const label = (k: string) => fieldLabels[k] ?? k;
  const show = (v: unknown, k: string) => valueText(v, names, k);
  let parts: string[];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
    );
    parts = keys.map((k) => `${label(k)}: ${show(before[k], k)} → ${show(after[k], k)}`);
    if (parts.length === 0) parts = ['sin cambios en los datos'];
  } else if (isRecord(after)) {
    parts = Object.entries(after).map(([k, v]) => `${label(k)}: ${show(v, k)}`);
  } else if (isRecord(before)) {
    parts = [
      `antes ${Object.entries(before)
        .map(([k, v]) => `${label(k)}: ${show(v, k)}`)
        .join('; ')}`,
    ];
  } else {
    parts = before === null || before === undefined ? [] : [`antes: ${valueText(before)}`];
    if (after !== null && after !== undefined) parts.push(`después: ${valueText(after)}`);
  }
  return truncate(parts.join('; '), max);
}

/** Who made the change, by name when they are a person of the directory. */
export function authorText(record: Pick<AuditRecord, 'actorId' | 'actor' | 'actorName'>): string {
  if (record.actorName) return record.actorName;
  return record.actorId === null && record.actor === 'sistema' ? 'El sistema' : record.actor;
}

export function actionText(action: string): string {
  return actionLabels[action] ?? action;
}

export function entityText(entity: string): string {
  return entityLabels[entity] ?? entity;
}

/** One row of the log in a list: «#57 · 7 sep 2026 10:00 · Ana Pérez marcó cumplida la tarea · Tarea 2.3 — …». */
export function auditLine(record: AuditRecord, names?: AuditNames): string {
  const changes = changeSummary(record.before, record.after, names);
  const head = `#${record.id} · ${bogotaDateTime(record.at)} · ${authorText(record)} ${actionText(record.action)} · ${entityText(record.entity)} ${record.entityId}`;
  return changes ? `${head} — ${changes}` : head;
}
