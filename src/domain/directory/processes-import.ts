import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { type ProcessType, processes, processTypes } from '../../../db/schema/index.ts';
import { type Author, audit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { ImportError, type ImportProblem, readTable, requireColumns, type Table } from '../tabular.ts';
import { addProcessParts, type ProcessPartsAdded } from '../tasks/process-parts.ts';
import { normalize, TEXT_LIMITS, textLimitProblem } from '../text.ts';

/** What an import of processes or people did, keyed by process code or e-mail. */
export interface DirectoryReport {
  /** `procesos` or `personas`, as the command names them. */
  kind: 'procesos' | 'personas';
  added: string[];
  changed: { key: string; fields: string[] }[];
  unchanged: string[];
  teamsCreated: string[];
  /** Example rows (loaded by the bootstrap) still in the directory after this import. */
  examplesLeft: number;
  /** E-mails of example people deactivated because real people were imported. */
  examplesDeactivated?: string[];
  /** Per-process tasks that got a part for each new process. */
  partsAdded?: ProcessPartsAdded[];
}

export interface DirectoryOptions {
  /** Marks the rows as example data (the bootstrap's catalog); real imports leave it false. */
  example?: boolean;
}

/** Field-by-field differences between what is stored and what the file says. */
export function differences<T extends Record<string, unknown>>(before: T, after: T): (keyof T & string)[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export function pickFields<T extends Record<string, unknown>>(fields: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, fields[key]])) as Partial<T>;
}

/** The cell of a column, trimmed; `aliases` accept other ways people write its header (`slack id`). */
export function value(values: Record<string, string>, ...aliases: string[]): string {
  for (const alias of aliases) {
    const found = values[normalize(alias)];
    if (found !== undefined) return found.trim();
  }
  return '';
}

/** Remembers the first line of each key to report repeated ones. */
export function duplicateChecker(problems: ImportProblem[], column: string, what: string) {
  const seen = new Map<string, number>();
  return (key: string, line: number) => {
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({ line, column, message: `${what} ${key} ya está en la línea ${first}.` });
    else seen.set(key, line);
  };
}

const PROCESS_COLUMNS = ['codigo', 'nombre', 'tipo'];
const TYPE_LABELS = 'estratégico, misional, apoyo o evaluación';

interface ProcessInput {
  code: string;
  name: string;
  type: ProcessType;
}

function processType(text: string): ProcessType | undefined {
  const wanted = normalize(text);
  return processTypes.find((type) => type === wanted);
}

/** Validates every row first: a bad row is reported by line and column and nothing is imported. */
function readProcesses(table: Table): ProcessInput[] {
  requireColumns(table, PROCESS_COLUMNS);
  const problems: ImportProblem[] = [];
  const repeated = duplicateChecker(problems, 'codigo', 'el código');
  const inputs: ProcessInput[] = [];
  for (const { line, values } of table.rows) {
    const code = value(values, 'codigo').toUpperCase();
    const name = value(values, 'nombre');
    const typeText = value(values, 'tipo');
    const type = processType(typeText);
    if (!/^[A-Z0-9][A-Z0-9_-]{0,19}$/.test(code)) {
      const message =
        code === '' ? 'falta el código.' : `«${code}» no es un código (letras y números, p. ej. GTH).`;
      problems.push({ line, column: 'codigo', message });
    } else repeated(code, line);
    if (name === '') problems.push({ line, column: 'nombre', message: 'falta el nombre del proceso.' });
    const longName = textLimitProblem(name, { subject: 'el nombre', max: TEXT_LIMITS.short });
    if (longName) problems.push({ line, column: 'nombre', message: longName });
    if (!type) {
      const message =
        typeText === ''
          ? `falta el tipo (${TYPE_LABELS}).`
          : `«${typeText}» no es un tipo: use ${TYPE_LABELS}.`;
      problems.push({ line, column: 'tipo', message });
    }
    if (type) inputs.push({ code, name, type });
  }
  if (problems.length > 0) {
    throw new ImportError(
      problems,
      'Columnas: codigo, nombre, tipo. Ejemplo: GTH, Gestión del Talento Humano, apoyo',
    );
  }
  return inputs;
}

function applyProcesses(tx: Tx, clock: Clock, author: Author, inputs: ProcessInput[], example: boolean) {
  const report: DirectoryReport = {
    kind: 'procesos',
    added: [],
    changed: [],
    unchanged: [],
    teamsCreated: [],
    examplesLeft: 0,
  };
  for (const input of inputs) {
    const after = { name: input.name, type: input.type, example };
    const entry = { action: 'proceso.importar', entity: 'proceso', entityId: input.code };
    const stored = tx.select().from(processes).where(eq(processes.code, input.code)).get();
    if (!stored) {
      tx.insert(processes)
        .values({ code: input.code, ...after })
        .run();
      audit(tx, clock, author, { ...entry, before: null, after });
      report.added.push(input.code);
      continue;
    }
    const before = { name: stored.name, type: stored.type, example: stored.example };
    const keys = differences(before, after);
    if (keys.length === 0) {
      report.unchanged.push(input.code);
      continue;
    }
    tx.update(processes).set(after).where(eq(processes.id, stored.id)).run();
    audit(tx, clock, author, { ...entry, before: pickFields(before, keys), after: pickFields(after, keys) });
    report.changed.push({ key: input.code, fields: keys });
  }
  report.examplesLeft = tx
    .select({ id: processes.id })
    .from(processes)
    .where(eq(processes.example, true))
    .all().length;
  report.partsAdded = addProcessParts(tx, clock, author);
  return report;
}

/** Imports a table of processes (codigo, nombre, tipo): all rows checked first, then one transaction. */
export function importProcesses(
  db: Db,
  clock: Clock,
  author: Author,
  table: Table,
  options: DirectoryOptions = {},
): DirectoryReport {
  const inputs = readProcesses(table);
  return db.transaction((tx) => applyProcesses(tx, clock, author, inputs, options.example ?? false));
}

/** `importar procesos <csv|xlsx>`: updates by code; processes missing from the file are left alone. */
export async function importProcessesFile(
  db: Db,
  clock: Clock,
  author: Author,
  path: string,
  options: DirectoryOptions = {},
): Promise<DirectoryReport> {
  return importProcesses(db, clock, author, await readTable(path), options);
}

const FIELD_LABELS: Record<string, string> = {
  name: 'nombre',
  type: 'tipo',
  example: 'ejemplo',
  role: 'rol',
  process: 'proceso',
  teams: 'equipos',
  slackId: 'slack_id',
  teamsId: 'teams_id',
};

const WORDS = {
  procesos: {
    title: 'Procesos',
    added: ['proceso nuevo', 'procesos nuevos', 'Nuevos'],
    example: ['proceso', 'procesos'],
    left: 'solos; reemplácelos',
  },
  personas: {
    title: 'Personas',
    added: ['persona nueva', 'personas nuevas', 'Nuevas'],
    example: ['persona', 'personas'],
    left: 'solas; reemplácelas',
  },
} as const;

function count(n: number, [singular, plural]: readonly [string, string, ...string[]]): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** The Spanish summary a person reads after `importar procesos` or `importar personas`. */
export function formatDirectoryReport(report: DirectoryReport): string {
  const words = WORDS[report.kind];
  const lines = [
    `${words.title}: ${count(report.added.length, words.added)}, ${report.changed.length} con cambios, ` +
      `${report.unchanged.length} sin cambios.`,
  ];
  if (report.added.length > 0) lines.push(`${words.added[2]}: ${report.added.join(', ')}.`);
  for (const change of report.changed) {
    lines.push(`Cambió ${change.key}: ${change.fields.map((f) => FIELD_LABELS[f] ?? f).join(', ')}.`);
  }
  if (report.teamsCreated.length > 0) lines.push(`Equipos creados: ${report.teamsCreated.join(', ')}.`);
  for (const year of new Set(report.partsAdded?.map((t) => t.year))) {
    const codes = (report.partsAdded ?? []).filter((t) => t.year === year).map((t) => t.code);
    lines.push(
      `Tareas por proceso del plan ${year} con una parte más por cada proceso nuevo: ${codes.join(', ')}.`,
    );
  }
  const deactivated = report.examplesDeactivated?.length ?? 0;
  if (deactivated > 0) {
    lines.push(
      `Se desactivaron ${count(deactivated, ['persona de ejemplo', 'personas de ejemplo'])}: ya no reciben ` +
        'recordatorios ni avisos (su historial se conserva). En la consola use --como <su correo> o MIPG_CONSOLE_USER.',
    );
  }
  if (report.examplesLeft > 0 && report.kind === 'procesos') {
    const [one, many] = words.example;
    lines.push(
      `Aún quedan ${count(report.examplesLeft, [`${one} de ejemplo`, `${many} de ejemplo`])} en el directorio: ` +
        `no se borran ${words.left} con los datos reales.`,
    );
  }
  return lines.join('\n');
}
