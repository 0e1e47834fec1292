import { type ChainProblem, type ChainReport, verifyAuditChain } from '../domain/audit/verify.ts';
import { DomainError } from '../domain/errors.ts';
import { option } from './args.ts';
import type { CliArgs, CliCommand, CliEnv } from './types.ts';

const USAGE = 'bitacora verificar [--sello <sello>]';

const count = (n: number) => n.toLocaleString('es-CO');

function missing(from: number, to: number): string {
  return from === to
    ? `Falta el registro ${from}: se borró.`
    : `Faltan los registros ${from} a ${to}: se borraron.`;
}

/** One Spanish line per problem, naming the rows. */
export function problemLine(problem: ChainProblem): string {
  switch (problem.kind) {
    case 'changed':
      return `Registro ${problem.id}: su contenido cambió después de guardado (no coincide con su sello).`;
    case 'moved':
      return `Registro ${problem.id}: tiene el contenido que se guardó como registro ${problem.from} (se alteró el orden).`;
    case 'missing':
      return missing(problem.from, problem.to);
    case 'missingBefore':
      return `Faltan los registros anteriores al ${problem.id}: se borraron.`;
    case 'unlinked':
      return `Registro ${problem.id}: no sigue al registro ${problem.previous} (se insertó o movió un registro entre ellos, o se rehízo el sello del ${problem.previous}).`;
    case 'unsealed':
      return `Registro ${problem.id}: no tiene sello; se agregó por fuera del bot.`;
  }
}

function sealOption(args: CliArgs): string | undefined {
  const value = args.options.sello;
  if (value === undefined) return undefined;
  const seal = option(args, 'sello')?.trim().toLowerCase();
  if (!seal || !/^[0-9a-f]{64}$/.test(seal)) {
    throw new DomainError(
      `«${value === true ? '' : value}» no es un sello de la bitácora.`,
      'Un sello tiene 64 caracteres hexadecimales (0-9, a-f): el que imprimió una verificación anterior.',
      `Uso: npx mipg ${USAGE}`,
    );
  }
  return seal;
}

function print(report: ChainReport, seal: string | undefined, env: CliEnv): number {
  const problems = report.problems.map(problemLine);
  if (seal !== undefined && report.sealFoundAt === undefined) {
    problems.push('El sello anotado no aparece en la bitácora: se rehízo la cadena o se borraron registros.');
  }
  if (problems.length > 0) {
    const noun = problems.length === 1 ? 'problema' : 'problemas';
    env.out(`Bitácora alterada: ${count(problems.length)} ${noun} en ${count(report.checked)} registros.`);
    for (const line of problems) env.out(`  • ${line}`);
    return 1;
  }
  env.out(`Bitácora íntegra: ${count(report.checked)} registros verificados.`);
  if (report.sealFoundAt !== undefined) {
    env.out(
      `El sello anotado es el del registro ${report.sealFoundAt}: hasta él, nada cambió desde entonces.`,
    );
  }
  if (report.last?.hash) {
    env.out(
      `Sello del último registro (${report.last.id}): ${report.last.hash}\n` +
        'Anótelo fuera de este servidor: con --sello, una verificación posterior comprueba que la cadena no se rehízo.',
    );
  }
  return 0;
}

/** `mipg bitacora verificar`: walks the audit log's hash chain; exits 1 when it is broken. */
export const auditCommand: CliCommand = {
  name: 'bitacora',
  summary:
    'Verifica que la bitácora de auditoría no se modificó: ningún registro cambiado, borrado ni reordenado.',
  usage: USAGE,
  async run(args, env) {
    const [verb] = args.positional;
    if (verb !== 'verificar') {
      env.err(`Uso: npx mipg ${USAGE}`);
      return 2;
    }
    const seal = sealOption(args);
    return print(verifyAuditChain(env.db, seal), seal, env);
  },
};
