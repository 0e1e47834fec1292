import type { PartsKind, PartsSource } from '../../../db/schema/index.ts';
import { normalize } from '../text.ts';
import { MAX_NUMBERED_PARTS, type PartsSpec } from './parts-setup.ts';

/** The plan matrix's optional columns that say how a task is split into parts. */
export const PARTS_HEADERS = { target: 'META', parts: 'PARTES' } as const;

/** What PARTES may say: one part per process (and where they are recorded), numbered items, or none. */
const PARTS_WORDS: Record<string, PartsSpec | 'numeradas'> = {
  procesos: { kind: 'procesos', source: 'manual' },
  indicadores: { kind: 'procesos', source: 'indicadores' },
  riesgos: { kind: 'procesos', source: 'riesgos' },
  numeradas: 'numeradas',
  ninguna: { kind: null },
};

/** Singular and spoken forms people write for the same words. */
const ALIASES: Record<string, string> = {
  proceso: 'procesos',
  'por proceso': 'procesos',
  indicador: 'indicadores',
  riesgo: 'riesgos',
  numerada: 'numeradas',
  ninguno: 'ninguna',
  no: 'ninguna',
};

export const PARTS_HELP =
  `Opcionales: ${PARTS_HEADERS.target} (cuántas partes numeradas, de 2 a ${MAX_NUMBERED_PARTS}, o «procesos» para ` +
  `una por proceso) y ${PARTS_HEADERS.parts} (procesos, indicadores, riesgos, numeradas o ninguna).`;

export interface PartsCellProblem {
  column: string;
  message: string;
}

/** What a row's META and PARTES say: a spec, nothing (`spec` undefined), or problems. */
export interface PartsCells {
  spec?: PartsSpec;
  problems: PartsCellProblem[];
}

function word(text: string): string {
  const key = normalize(text);
  return ALIASES[key] ?? key;
}

type Target = number | 'procesos' | null;

/** META: a count of numbered parts, «procesos», or nothing (null); else the problem. */
function readTarget(text: string): { target: Target } | { problem: string } {
  const max = MAX_NUMBERED_PARTS;
  if (text === '') return { target: null };
  if (word(text) === 'procesos') return { target: 'procesos' };
  if (!/^\d+$/.test(text)) {
    return {
      problem: `«${text}» no es una meta: escriba cuántas partes numeradas (de 2 a ${max}) o «procesos».`,
    };
  }
  const n = Number(text);
  if (n >= 2 && n <= max) return { target: n };
  return {
    problem:
      `la meta ${n} no sirve: van de 2 a ${max} partes numeradas; ` +
      'para una tarea sin partes deje la META vacía y escriba «ninguna» en PARTES.',
  };
}

/** The spec META and a known PARTES word make together, or why they disagree. */
function combine(target: Target, named: PartsSpec | 'numeradas' | null, partsCell: string) {
  const problem = (column: string, message: string): PartsCells => ({ problems: [{ column, message }] });
  const disagree = (what: string) =>
    problem(PARTS_HEADERS.parts, `con META ${what}, pero PARTES dice «${partsCell}».`);
  if (target === null) {
    if (named === null) return { problems: [] };
    if (named === 'numeradas') {
      return problem(
        PARTS_HEADERS.target,
        `con PARTES «numeradas» falta la META: cuántas partes (de 2 a ${MAX_NUMBERED_PARTS}).`,
      );
    }
    return { spec: named, problems: [] };
  }
  if (target === 'procesos') {
    if (named === null) return { spec: { kind: 'procesos', source: 'manual' } as const, problems: [] };
    if (named !== 'numeradas' && named.kind === 'procesos') return { spec: named, problems: [] };
    return disagree('«procesos» hay una parte por proceso');
  }
  if (named === null || named === 'numeradas')
    return { spec: { kind: 'numeradas', target } as const, problems: [] };
  return disagree(`${target} las partes son numeradas`);
}

/**
 * The parts a row's META and PARTES cells set. META alone works: a number is that many numbered parts,
 * «procesos» one part per process (recorded by /cumplida). PARTES alone names the kind; with META
 * «procesos» it says where the process parts are recorded (indicadores, riesgos). Both empty: not given.
 */
export function readPartsCells(metaCell: string, partsCell: string): PartsCells {
  const meta = readTarget(metaCell);
  const named = partsCell === '' ? null : PARTS_WORDS[word(partsCell)];
  const problems: PartsCellProblem[] = [];
  if ('problem' in meta) problems.push({ column: PARTS_HEADERS.target, message: meta.problem });
  if (named === undefined) {
    problems.push({
      column: PARTS_HEADERS.parts,
      message: `«${partsCell}» no es una forma de partes: use procesos, indicadores, riesgos, numeradas o ninguna.`,
    });
  }
  if ('problem' in meta || named === undefined) return { problems };
  return combine(meta.target, named, partsCell);
}

/** The META and PARTES cells that import back to a task's parts (`target`: its numbered parts). */
export function partsCellsOf(kind: PartsKind | null, source: PartsSource, target: number) {
  if (kind === 'numeradas') return { target, parts: 'numeradas' };
  if (kind === 'procesos') return { target: 'procesos', parts: source === 'manual' ? 'procesos' : source };
  return { target: null, parts: 'ninguna' };
}
