import type { Store } from '../../../db/client.ts';
import {
  type IndicatorFrequency,
  type IndicatorType,
  indicatorDirections,
  indicatorFrequencies,
  indicatorTypes,
  indicatorUnits,
  processes,
} from '../../../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { ImportError, type ImportProblem, requireColumns, type SheetValue, type Table } from '../tabular.ts';
import { normalize, TEXT_LIMITS, textLimitProblem, truncate } from '../text.ts';
import type { Indicator } from './catalog.ts';
import { type IndicatorDirection, type IndicatorUnit, validateRanges } from './math.ts';
import { parseDecimal, tooManyDigits } from './numbers.ts';

/**
 * The technical sheet (ficha técnica) as a table: the columns `mipg importar indicadores` reads
 * and the export writes, so an exported matrix can be imported back.
 */
export const catalogColumns = [
  'codigo',
  'proceso',
  'nombre',
  'objetivo',
  'tipo',
  'formula',
  'numerador',
  'denominador',
  'unidad',
  'sentido',
  'frecuencia',
  'linea_base',
  'meta',
  'rango_critico',
  'rango_satisfactorio',
  'dias_para_reportar',
  'responsable',
] as const;

export type CatalogColumn = (typeof catalogColumns)[number];

/** One indicator as read from a row of the sheet. */
export interface CatalogEntry {
  line: number;
  code: string;
  processId: number;
  name: string;
  objective: string;
  type: IndicatorType;
  formula: string;
  numeratorText: string;
  denominatorText: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  frequency: IndicatorFrequency;
  baseline: number | null;
  target: number;
  critical: number;
  satisfactory: number;
  dueDays: number;
  responsible: string;
}

const CODE = /^[A-Z0-9][A-Z0-9._-]{0,29}$/;
const MAX_DUE_DAYS = 60;

/** Reads one row; each problem names its column. */
class RowReader {
  readonly problems: ImportProblem[] = [];
  constructor(
    readonly line: number,
    private readonly values: Record<string, string>,
  ) {}

  text(column: CatalogColumn, required = false): string {
    const value = (this.values[column] ?? '').trim();
    if (required && value === '') this.fail(column, 'está vacía.');
    return value;
  }

  choice<T extends string>(column: CatalogColumn, options: readonly T[], aliases: Record<string, T> = {}): T {
    const raw = this.text(column, true);
    const key = normalize(raw);
    const found = options.find((o) => o === key) ?? aliases[key];
    if (raw !== '' && !found) this.fail(column, `«${raw}» no es válido; use ${options.join(' | ')}.`);
    return found ?? (options[0] as T);
  }

  /** The indicator's name: required, and a name (not a paragraph). */
  name(): string {
    const value = this.text('nombre', true);
    const long = textLimitProblem(value, { subject: 'el nombre', max: TEXT_LIMITS.short });
    if (long) this.fail('nombre', long);
    return value;
  }

  number(column: CatalogColumn, required: boolean): number | null {
    const raw = this.text(column, required).replace(/\s*%$/, '');
    if (raw === '') return null;
    const value = parseDecimal(raw);
    if (value === undefined) {
      this.fail(column, `«${truncate(raw, 40)}» no es un número.`);
      return null;
    }
    const long = tooManyDigits(raw);
    if (long !== undefined || !Number.isFinite(value)) {
      this.fail(column, `el número ${long ?? 'no es finito'}.`);
      return null;
    }
    return value;
  }

  fail(column: CatalogColumn, message: string): void {
    this.problems.push({ line: this.line, column, message });
  }
}

function processKeys(store: Store): Map<string, number> {
  const keys = new Map<string, number>();
  for (const p of store.select().from(processes).all()) {
    keys.set(normalize(p.code), p.id);
    keys.set(normalize(p.name), p.id);
  }
  return keys;
}

function readEntry(row: RowReader, processIds: Map<string, number>): CatalogEntry {
  const code = row.text('codigo', true).toUpperCase();
  if (code !== '' && !CODE.test(code)) {
    row.fail(
      'codigo',
      `«${code}» no es un código válido (letras, números, guion o punto; por ejemplo GTH-01).`,
    );
  }
  const processText = row.text('proceso', true);
  const processId = processIds.get(normalize(processText));
  if (processText !== '' && processId === undefined) {
    row.fail('proceso', `no existe el proceso «${processText}» en el directorio.`);
  }
  const direction = row.choice('sentido', indicatorDirections);
  const target = row.number('meta', true);
  if (target !== null && target < 0) row.fail('meta', 'no puede ser negativa.');
  const critical = row.number('rango_critico', true);
  const satisfactory = row.number('rango_satisfactorio', true);
  if (critical !== null && satisfactory !== null) {
    try {
      validateRanges({ direction, critical, satisfactory });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      row.fail('rango_critico', error.message);
    }
  }
  const dueText = row.text('dias_para_reportar', true);
  const dueDays = Number(dueText);
  if (dueText !== '' && (!/^\d+$/.test(dueText) || dueDays > MAX_DUE_DAYS)) {
    row.fail(
      'dias_para_reportar',
      `«${dueText}» no es válido; use un número entero de días hábiles de 0 a ${MAX_DUE_DAYS}.`,
    );
  }
  return {
    line: row.line,
    code,
    processId: processId ?? 0,
    name: row.name(),
    objective: row.text('objetivo'),
    type: row.choice('tipo', indicatorTypes),
    formula: row.text('formula'),
    numeratorText: row.text('numerador'),
    denominatorText: row.text('denominador'),
    unit: row.choice('unidad', indicatorUnits, { '%': 'porcentaje' }),
    direction,
    frequency: row.choice('frecuencia', indicatorFrequencies),
    baseline: row.number('linea_base', false),
    target: target ?? 0,
    critical: critical ?? 0,
    satisfactory: satisfactory ?? 0,
    dueDays,
    responsible: row.text('responsable'),
  };
}

/** The sheet fields that define an indicator, to tell a repeated row from a conflicting one. */
function sheetKey(entry: CatalogEntry): string {
  const { line: _line, ...fields } = entry;
  return JSON.stringify(fields);
}

/**
 * Reads and checks every row of the sheet. Throws an ImportError listing each bad row by line
 * and column; nothing is returned (so nothing is stored) unless every row is valid. A code may
 * repeat only on identical rows (an exported matrix has one row per period).
 */
export function parseCatalog(store: Store, table: Table): CatalogEntry[] {
  requireColumns(table, [...catalogColumns]);
  const processIds = processKeys(store);
  const problems: ImportProblem[] = [];
  const byCode = new Map<string, CatalogEntry>();
  for (const { line, values } of table.rows) {
    const row = new RowReader(line, values);
    const entry = readEntry(row, processIds);
    // Read order follows the checks; people read a row left to right.
    const column = (p: ImportProblem) => catalogColumns.indexOf(p.column as CatalogColumn);
    problems.push(...[...row.problems].sort((a, b) => column(a) - column(b)));
    if (row.problems.length > 0) continue;
    const first = byCode.get(entry.code);
    if (!first) byCode.set(entry.code, entry);
    else if (sheetKey(first) !== sheetKey(entry)) {
      problems.push({
        line,
        column: 'codigo',
        message: `el código ${entry.code} ya está en la línea ${first.line} con otros datos.`,
      });
    }
  }
  if (table.rows.length === 0) problems.push({ line: 1, message: 'el archivo no tiene indicadores.' });
  if (problems.length > 0) {
    throw new ImportError(problems, `Columnas esperadas: ${catalogColumns.join(', ')}.`);
  }
  return [...byCode.values()];
}

/** An indicator as a row of the sheet (what the export writes under the importer's columns). */
export function catalogSheetRow(indicator: Indicator): Record<CatalogColumn, SheetValue> {
  return {
    codigo: indicator.code,
    proceso: indicator.processCode,
    nombre: indicator.name,
    objetivo: indicator.objective,
    tipo: indicator.type,
    formula: indicator.formula,
    numerador: indicator.numeratorText,
    denominador: indicator.denominatorText,
    unidad: indicator.unit,
    sentido: indicator.direction,
    frecuencia: indicator.frequency,
    linea_base: indicator.baseline,
    meta: indicator.target,
    rango_critico: indicator.critical,
    rango_satisfactorio: indicator.satisfactory,
    dias_para_reportar: indicator.dueDays,
    responsable: indicator.responsible,
  };
}
