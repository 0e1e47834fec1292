import { DomainError } from './errors.ts';

/** Lower case, without accents or repeated spaces: for matching what people type. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Shortens a text to `max` characters, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Whether a text is an absolute http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Characters that act instead of showing: C0 controls but tab and newline (ESC starts the terminal's
 * ANSI sequences), DEL, C1 controls, and the invisible marks that reorder text (bidi embeddings,
 * overrides and isolates).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text without control characters (see CONTROLS); CR LF and a lone CR become a newline. Single-line
 * text (`multiline` false) has its tabs and newlines turned into spaces.
 */
export function withoutControls(text: string, multiline = true): string {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
  return multiline ? cleaned : cleaned.replace(/[\t\n]+/g, ' ');
}

/** A free-text field people type, with its Spanish name (with article) and its length limit. */
export interface TextField {
  /** «La nota», «El análisis»… as the error message starts. */
  subject: string;
  max: number;
  /** «Las observaciones admiten…». */
  plural?: boolean;
  /** Whether newlines and tabs belong in it (a note) or not (a title). */
  multiline?: boolean;
}

/** How long texts may be: notes, analyses and reasons; names and titles. */
export const TEXT_LIMITS = { long: 2000, short: 200 } as const;

const count = new Intl.NumberFormat('es-CO');

/** Characters as people count them (an accented letter or an emoji is one). */
function characters(text: string): number {
  return text.length <= 1 ? text.length : [...text].length;
}

/** The Spanish reason a text is too long for its field, or undefined when it fits. */
export function textLimitProblem(text: string, field: TextField): string | undefined {
  if (text.length <= field.max) return undefined;
  const length = characters(text);
  if (length <= field.max) return undefined;
  const verb = field.plural ? 'admiten' : 'admite';
  return `${field.subject} ${verb} hasta ${count.format(field.max)} caracteres (tiene ${count.format(length)}).`;
}

/**
 * What a person typed in a free-text field, ready to store: without control characters, trimmed,
 * and within the field's limit, or a Spanish DomainError saying the limit and the length.
 */
export function boundedText(text: string, field: TextField): string {
  const clean = withoutControls(text, field.multiline ?? true).trim();
  const problem = textLimitProblem(clean, field);
  if (problem === undefined) return clean;
  throw new DomainError(
    problem,
    'Resuma el texto; si hace falta más, póngalo en un documento y deje aquí su enlace.',
  );
}
