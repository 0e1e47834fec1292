import { extname, resolve } from 'node:path';
import { DomainError } from '../domain/errors.ts';
import { closeVigencia, type PlanTally, vigenciaSummaries } from '../domain/progress/vigencias.ts';
import { percentText } from '../domain/report/wording.ts';
import { saveFile } from '../domain/streamed.ts';
import { tableFile } from '../domain/tabular.ts';
import { copyPlan } from '../domain/tasks/plan-copy.ts';
import { option } from './args.ts';
import { consolePerson, speaker } from './person.ts';
import type { CliArgs, CliCommand, CliEnv } from './types.ts';

const USAGE =
  'vigencia [lista] · vigencia cerrar <año> [--motivo "…"] · vigencia copiar <año> <año siguiente> --plan <código> [--salida archivo.csv|xlsx]';

function yearArg(text: string | undefined, example: string): number {
  if (text === undefined || !/^\d{4}$/.test(text)) {
    throw new DomainError(
      text === undefined ? 'Falta el año de la vigencia.' : `«${text}» no es un año.`,
      `Ejemplo: ${example}`,
    );
  }
  return Number(text);
}

function tallyLine(plan: PlanTally): string {
  const share = plan.total === 0 ? 0 : Math.round((plan.done / plan.total) * 1000) / 10;
  return `  ${plan.code} · ${plan.title}: ${plan.done} de ${plan.total} tareas cumplidas (${percentText(share)})`;
}

function list(env: CliEnv): number {
  const all = vigenciaSummaries(env.db, env.clock);
  if (all.length === 0) {
    env.out('Todavía no hay planes cargados. Cárguelos con: npx mipg importar plan <archivo>');
    return 0;
  }
  const lines = all.flatMap((v) => {
    const state = v.closed
      ? `cerrada el ${v.closed.day}${v.closed.by ? ` por ${v.closed.by}` : ''}`
      : 'abierta';
    return [`Vigencia ${v.year}${v.inForce ? ' · en vigor' : ''} · ${state}`, ...v.plans.map(tallyLine)];
  });
  env.out(lines.join('\n'));
  return 0;
}

function close(args: CliArgs, env: CliEnv): number {
  const year = yearArg(args.positional[1], 'npx mipg vigencia cerrar 2026');
  const person = consolePerson(env.db, speaker(args, env.config));
  const closing = closeVigencia(env.db, env.clock, person, year, option(args, 'motivo'));
  const done = closing.plans.reduce((n, p) => n + p.done, 0);
  const open = closing.plans.reduce((n, p) => n + p.open.length, 0);
  const sample = (codes: string[]) =>
    codes.length === 0 ? '' : `: ${codes.slice(0, 12).join(', ')}${codes.length > 12 ? '…' : ''}`;
  env.out(
    [
      `Vigencia ${year} cerrada.`,
      closing.cutTaken
        ? `Corte final ${closing.cut} tomado (al 31 de diciembre de ${year}).`
        : `El corte final ${closing.cut} ya existía; no se recalcula.`,
      ...closing.plans.map(
        (p) =>
          `${tallyLine(p)}; ${p.open.length} abiertas al cierre${sample(p.open.map((c) => c.replace(`${p.code} `, '')))}`,
      ),
      `Al cierre: ${done} de ${done + open} tareas cumplidas y ${open} abiertas.`,
      '',
      `Desde ahora nada de la vigencia ${year} cambia, salvo la coordinación con un motivo ` +
        `(/reabrir PPI ${year} 4.5 <motivo>, /tarea PPI ${year} 4.5 cerrar <motivo>, o --motivo <motivo> al final de /cumplida, /evidencia y /verificar tarea). ` +
        'Sus tareas abiertas ya no tienen recordatorios.',
      `Se sigue consultando: /estado tareas ${year}, npx mipg exportar tareas --vigencia ${year}, /estado plan ${closing.cut}.`,
    ].join('\n'),
  );
  return 0;
}

async function copy(args: CliArgs, env: CliEnv): Promise<number> {
  const example = 'npx mipg vigencia copiar 2026 2027 --plan PPI';
  const from = yearArg(args.positional[1], example);
  const to = yearArg(args.positional[2], example);
  const code = option(args, 'plan');
  if (!code) throw new DomainError('Falta el plan que se copia (--plan <código>).', `Ejemplo: ${example}`);
  const copied = copyPlan(env.db, env.clock, code, from, to);
  const output = option(args, 'salida') ?? `plan-${copied.code}-${to}.xlsx`;
  const extension = extname(output).toLowerCase();
  if (extension !== '.csv' && extension !== '.xlsx') {
    throw new DomainError(
      `«${output}» no es un archivo .csv ni .xlsx.`,
      `Ejemplo: ${example} --salida plan-${copied.code}-${to}.xlsx`,
    );
  }
  await saveFile(output, tableFile(extension === '.csv' ? 'csv' : 'xlsx', copied.sheet));
  const mentions = copied.mentionsYear;
  env.out(
    [
      `Plan ${copied.code} ${to} escrito en ${resolve(output)}: ${copied.sheet.rows.length} tareas con las fechas de ${from} movidas un año y sin evidencias ni estado.`,
      ...(mentions.length > 0
        ? [`Revise el texto de las tareas que aún nombran ${from}: ${mentions.join(', ')}.`]
        : []),
      'Edítelo y cárguelo con:',
      `  npx mipg importar plan ${output} --codigo ${copied.code} --vigencia ${to} --nombre "${copied.title}"`,
    ].join('\n'),
  );
  return 0;
}

/** `mipg vigencia [lista]`, `mipg vigencia cerrar 2026`, `mipg vigencia copiar 2026 2027 --plan PPI`. */
export const vigenciaCommand: CliCommand = {
  name: 'vigencia',
  summary:
    'Lista las vigencias y sus planes; cierra una vigencia desde el 1 de enero siguiente (solo la coordinación, con --como: toma el corte final AAAA-T4; después nada cambia sin el motivo de la coordinación); copia un plan al año siguiente para editarlo e importarlo.',
  usage: USAGE,
  async run(args, env) {
    const [action = 'lista'] = args.positional;
    if (action === 'lista') return list(env);
    if (action === 'cerrar') return close(args, env);
    if (action === 'copiar') return copy(args, env);
    env.err(`Uso: npx mipg ${USAGE}`);
    return 2;
  },
};
