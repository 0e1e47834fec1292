import { resolve } from 'node:path';
import type { Store } from '../../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { parsePeriodCode } from '../domain/indicators/periods.ts';
import type { Cut } from '../domain/progress/snapshot-types.ts';
import { type StreamedFile, saveFile, wholeFile } from '../domain/streamed.ts';
import { addEvidence } from '../domain/tasks/actions.ts';
import { option } from './args.ts';
import { consolePerson, speaker } from './person.ts';
import type { CliArgs, CliCommand, CliEnv } from './types.ts';

/** Reads a stored cut by its code (`2026-T3`); undefined when it was never made. */
export type CutLoader = (store: Store, code: string) => Cut | undefined;

const USAGE = 'informe comite <corte> [--formato xlsx|html] [--salida archivo] [--registrar <enlace>]';
const formats = {
  xlsx: { noun: 'libro de Excel' },
  html: { noun: 'página para imprimir' },
} as const;
type ReportFormat = keyof typeof formats;

function usageError(message: string): DomainError {
  return new DomainError(
    message,
    `Uso: npx mipg ${USAGE}`,
    'Ejemplo: npx mipg informe comite 2026-T3 --formato html',
  );
}

/** The cut's code, upper-case: a quarter (`2026-T3`) or a four-month period (`2026-C2`). */
function cutCode(word: string | undefined): string {
  const period = word === undefined ? null : parsePeriodCode(word);
  if (period && (period.frequency === 'trimestral' || period.frequency === 'cuatrimestral'))
    return period.code;
  throw new DomainError(
    word === undefined ? 'Falta el corte.' : `«${word}» no es un corte.`,
    'Un corte es un trimestre (2026-T1 a 2026-T4) o un cuatrimestre (2026-C1 a 2026-C3), por ejemplo 2026-T3.',
    `Uso: npx mipg ${USAGE}`,
  );
}

function formatOf(args: CliArgs): ReportFormat {
  const value = args.options.formato ?? 'xlsx';
  if (value === 'xlsx' || value === 'html') return value;
  throw usageError(
    `Formato «${value === true ? '' : value}» no disponible para el informe: use xlsx o html.`,
  );
}

/** A value an option needs (`--salida archivo`), or undefined when the option is absent. */
function valued(args: CliArgs, name: string, what: string): string | undefined {
  if (args.options[name] === undefined) return undefined;
  const value = option(args, name)?.trim();
  if (!value) throw usageError(`Falta ${what} después de --${name}.`);
  return value;
}

/** The report as a file: the page whole, the workbook written sheet by sheet. */
async function render(cut: Cut, format: ReportFormat): Promise<StreamedFile> {
  if (format === 'html') return wholeFile((await import('../domain/report/comite-html.ts')).comiteHtml(cut));
  return (await import('../domain/report/comite-xlsx.ts')).comiteFile(cut);
}

/** Registers the published report's link as evidence of the Comité task, as the terminal's person. */
function register(link: string, cut: Cut, args: CliArgs, env: CliEnv): void {
  const person = consolePerson(env.db, speaker(args, env.config));
  const { task } = addEvidence(
    env.db,
    env.clock,
    person,
    env.config.MIPG_TAREA_INFORME_COMITE,
    link,
    `Informe al Comité, corte ${cut.cut}`,
    env.config.MIPG_EVIDENCIA_HOSTS,
  );
  env.out(
    `Evidencia registrada en la tarea ${task.code} («${task.title}») a nombre de ${person.name}: ${link}`,
  );
}

async function run(loadCut: CutLoader, args: CliArgs, env: CliEnv): Promise<number> {
  const [kind, word] = args.positional;
  if (kind !== 'comite') {
    env.err(`Uso: npx mipg ${USAGE}`);
    return 2;
  }
  const code = cutCode(word);
  const format = formatOf(args);
  const output = valued(args, 'salida', 'el nombre del archivo');
  const link = valued(args, 'registrar', 'el enlace del informe publicado');
  const cut = loadCut(env.db, code);
  if (!cut) {
    throw new DomainError(
      `No hay un corte ${code}: todavía no se ha creado.`,
      `Créelo con: npx mipg corte crear ${code}`,
    );
  }
  const path = resolve(output ?? `informe-comite-${cut.cut}.${format}`);
  await saveFile(path, await render(cut, format));
  env.out(`Informe al Comité del corte ${cut.cut} (${formats[format].noun}) escrito en ${path}`);
  if (link) register(link, cut, args, env);
  return 0;
}

/**
 * `mipg informe comite <corte>`: the report of a stored cut for the Comité Institucional de Gestión y
 * Desempeño, written to a file. The cut comes from `loadCut`, so the registry decides where cuts live.
 */
export function reportCommand(loadCut: CutLoader): CliCommand {
  return {
    name: 'informe',
    summary:
      'Informe de un corte para el Comité Institucional de Gestión y Desempeño: libro de Excel o página para imprimir (con --registrar, su enlace queda como evidencia de la tarea del informe).',
    usage: USAGE,
    run: (args, env) => run(loadCut, args, env),
  };
}
