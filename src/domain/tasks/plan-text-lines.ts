import { normalize } from '../text.ts';
import { dayMonthYearToIso } from './parsed-plan.ts';

/** The matrix's columns, left to right, as a PDF-to-text rendering lays them out with tabs. */
export const MATRIX_COLUMNS = ['ACTIVIDAD', 'QUÉ', 'CÓMO', 'QUIÉN', 'CUÁNDO', 'EVIDENCIAS'] as const;
export const ACTIVITY = 0;
export const WHAT = 1;
export const HOW = 2;
export const WHO = 3;
export const WHEN = 4;
export const EVIDENCE = 5;

/** How each header cell starts once normalized (the header text runs on: "QUÉ (ALTERNATIVAS DE MEJORA)"). */
const HEADER_STARTS = ['actividad', 'que', 'como', 'quien', 'cuando', 'evidencia'];

/**
 * Lines a page break leaves in the middle of the table: the letterhead footer of the Alcaldía
 * (NIT, address, phone, e-mail, the printing notice) and page numbers. They never hold a tab.
 */
const FOOTER_PATTERNS = [
  /^NIT\s*[:.]?\s*[\d.]+-?\d?/i,
  /^Edificio\s/i,
  /^Tel[eé]fonos?\s*:/i,
  /^Correo electr[oó]nico\s*:/i,
  /^-?\s*Es su responsabilidad ecol[oó]gica/i,
  /^P[aá]gina\s+\d+(\s+de\s+\d+)?$/i,
];

export function isBlankLine(line: string): boolean {
  return line.trim() === '';
}

export function isFooterLine(line: string): boolean {
  if (line.includes('\t')) return false;
  const text = line.trim();
  return FOOTER_PATTERNS.some((pattern) => pattern.test(text));
}

/** A cell's text with its spaces tidied. */
export function cleanCell(cell: string): string {
  return cell.replace(/\s+/g, ' ').trim();
}

/** The tab-separated cells of a line, without the empty cells at its end (the renderer omits them too). */
export function splitCells(line: string): string[] {
  const cells = line.split('\t').map(cleanCell);
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** Whether a line is the matrix header: ACTIVIDADES … QUÉ … CÓMO … QUIÉN … CUÁNDO … EVIDENCIAS. */
export function isHeaderLine(line: string): boolean {
  const cells = splitCells(line).map(normalize);
  return (
    cells.length === HEADER_STARTS.length && HEADER_STARTS.every((start, i) => cells[i]?.startsWith(start))
  );
}

/** The heading that opens the matrix, e.g. "## 6. MATRIZ OPERATIVA 2.026", and its year if it names one. */
export function matrixHeading(line: string): { year: number | null } | null {
  const match = /MATRIZ OPERATIVA\b(.*)$/i.exec(line);
  if (!match) return null;
  const year = /\b(\d{1,2}\.?\d{3})\b/.exec(match[1] ?? '');
  return { year: year?.[1] ? Number(year[1].replace('.', '')) : null };
}

/** Whether a cell holds something written like a date (so it is meant to be CUÁNDO). */
export function looksLikeDate(cell: string): boolean {
  return /\d{1,2}\/\d{1,2}\/\d{2,4}/.test(cell);
}

const DATE = String.raw`(\d{1,2}/\d{1,2}/\d{4})`;
const RANGE = new RegExp(String.raw`^(?:del?\s+)?${DATE}\s*(?:-|–|—|\bal?\b|\bhasta\b)\s*${DATE}$`, 'i');

/** Whether a cell is written as a date range (real dates or not), the shape of CUÁNDO. */
export function isDateRangeText(cell: string): boolean {
  return RANGE.test(cell);
}

export type DateRange = { start: string; end: string } | { problem: string };

/** Reads `dd/mm/yyyy - dd/mm/yyyy` (also `a`, `al`, `hasta`) into `YYYY-MM-DD` dates. */
export function parseDateRange(cell: string): DateRange {
  const match = RANGE.exec(cell);
  if (!match) {
    return { problem: `«${cell}» no es un rango de fechas; se esperaba dd/mm/aaaa - dd/mm/aaaa.` };
  }
  const start = dayMonthYearToIso(match[1] ?? '');
  const end = dayMonthYearToIso(match[2] ?? '');
  if (!start) return { problem: `la fecha de inicio «${match[1]}» no existe en el calendario.` };
  if (!end) return { problem: `la fecha de fin «${match[2]}» no existe en el calendario.` };
  if (start > end) return { problem: `la fecha de inicio ${match[1]} es posterior a la de fin ${match[2]}.` };
  return { start, end };
}
