/**
 * What the Comité report says, as neutral tables: the workbook (one sheet per section) and the
 * printable page (one heading per section) lay out the same cells, each in its own way.
 */

export type Cell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** 0–100. */
  | { kind: 'percent'; value: number }
  /** A calendar date, `YYYY-MM-DD`. */
  | { kind: 'date'; date: string }
  /** An instant (ISO, UTC), shown in Bogotá time. */
  | { kind: 'instant'; at: string }
  /** A link (an evidence): clickable when it is an http(s) address, plain text otherwise. */
  | { kind: 'link'; url: string }
  | { kind: 'empty' };

export interface Column {
  header: string;
  /** Width in the workbook, in characters. */
  width: number;
}

export interface Table {
  /** A caption above the table (a subheading on the page, a bold row in the sheet). */
  title?: string;
  columns: Column[];
  rows: Cell[][];
  /** What to say instead of an empty table. */
  empty?: string;
}

export const text = (value: string | null): Cell =>
  value ? { kind: 'text', text: value } : { kind: 'empty' };
export const num = (value: number | null): Cell =>
  value === null ? { kind: 'empty' } : { kind: 'number', value };
export const pct = (value: number | null): Cell =>
  value === null ? { kind: 'empty' } : { kind: 'percent', value };
export const date = (value: string): Cell => ({ kind: 'date', date: value });
export const link = (url: string): Cell => ({ kind: 'link', url });
export const empty: Cell = { kind: 'empty' };
export const instant = (value: string | null): Cell =>
  value ? { kind: 'instant', at: value } : { kind: 'empty' };

/** Label and value rows under two headers. */
export function pairs(header: [string, string], rows: [string, Cell][], title?: string): Table {
  return {
    ...(title ? { title } : {}),
    columns: [
      { header: header[0], width: 42 },
      { header: header[1], width: 48 },
    ],
    rows: rows.map(([label, cell]) => [text(label), cell]),
  };
}

/** The report's sections, in order: the workbook's sheet names and the page's headings. */
export const SECTIONS = {
  summary: 'Resumen',
  activities: 'Actividades',
  tasks: 'Tareas y evidencias',
  indicators: 'Indicadores',
  risks: 'Riesgos',
  attendance: 'Asistencia',
} as const;
