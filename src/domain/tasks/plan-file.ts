import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Db } from '../../../db/client.ts';
import { DEFAULT_PLAN_CODE } from '../../../db/schema/index.ts';
import type { Author } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { decodeText } from '../encoding.ts';
import { DomainError } from '../errors.ts';
import { readTable } from '../tabular.ts';
import type { ParsedPlan } from './parsed-plan.ts';
import { applyPlan, type PlanImportReport } from './plan-import.ts';
import { parsePlanMatrix } from './plan-matrix.ts';
import { parsePlanText } from './plan-text.ts';
import { closedVigencia } from './vigencia-guard.ts';

export interface PlanFileOptions {
  /** The vigencia, when a CSV/XLSX matrix should not take it from its dates. */
  year?: number;
  /** The plan's code in its vigencia (`PPI` by default) and its name. */
  code?: string;
  name?: string;
  /** The directory team that owns it and its leader's e-mail. */
  ownerTeam?: string;
  leaderEmail?: string;
}

/** The document's text, UTF-8 or Windows-1252 (decided once for the whole file; see `decodeText`). */
async function readText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new DomainError(
      `No se pudo abrir el archivo «${path}».`,
      'Revise la ruta y los permisos del archivo.',
    );
  }
  return decodeText(bytes, basename(path));
}

/** Reads a plan by extension: `.txt` is the document's text, `.csv`/`.xlsx` the matrix. */
export async function readPlanFile(path: string, options: PlanFileOptions = {}): Promise<ParsedPlan> {
  const extension = extname(path).toLowerCase();
  if (extension === '.txt') return parsePlanText(await readText(path));
  if (extension === '.csv' || extension === '.xlsx') return parsePlanMatrix(await readTable(path), options);
  throw new DomainError(
    `No se puede importar el plan desde «${basename(path)}».`,
    'Use el texto del documento (.txt) o la matriz operativa en .csv o .xlsx (la que produce npx mipg exportar tareas).',
  );
}

/** `importar plan <archivo>`: reads the file and stores it in one transaction, or stores nothing. */
export async function importPlanFile(
  db: Db,
  clock: Clock,
  author: Author,
  path: string,
  options: PlanFileOptions = {},
): Promise<PlanImportReport> {
  const parsed = await readPlanFile(path, options);
  if (options.year !== undefined) parsed.year = options.year;
  if (closedVigencia(db, parsed.year)) {
    throw new DomainError(
      `La vigencia ${parsed.year} está cerrada: sus planes ya no se importan ni se cambian.`,
      'Para empezar el plan del año siguiente: npx mipg vigencia copiar <año> <año siguiente> --plan <código>',
    );
  }
  return applyPlan(db, clock, author, parsed, basename(path), {
    code: options.code ?? parsed.code ?? DEFAULT_PLAN_CODE,
    ...(options.name ? { name: options.name } : {}),
    ...(options.ownerTeam ? { ownerTeam: options.ownerTeam } : {}),
    ...(options.leaderEmail ? { leaderEmail: options.leaderEmail } : {}),
  });
}
