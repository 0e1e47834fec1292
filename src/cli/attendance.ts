import { closeEndedSessions, outcomeLine } from '../domain/attendance/close.ts';
import { sessionWhen } from '../domain/attendance/format.ts';
import { attendanceList, listJson, listSheet } from '../domain/attendance/list.ts';
import { listPublishing } from '../domain/attendance/publish.ts';
import { createSession, type NewSession } from '../domain/attendance/sessions.ts';
import { attendeesOf } from '../domain/attendance/store.ts';
import { DomainError } from '../domain/errors.ts';
import { tableFile } from '../domain/tabular.ts';
import { option } from './args.ts';
import { streamedExporter } from './exporter.ts';
import type { CliArgs, CliCommand, CliEnv, Exporter } from './types.ts';

const CREATE_USAGE =
  'npx mipg sesion crear --titulo "…" --inicio "AAAA-MM-DD HH:mm" --fin "AAAA-MM-DD HH:mm" --lugar "…" [--tarea 3.3] [--invitados "correo;correo" | --equipo "…" | --canal]';

function required(args: CliArgs, name: string): string {
  const value = option(args, name);
  if (value === undefined || value.trim() === '') {
    throw new DomainError(`Falta --${name}.`, `Uso: ${CREATE_USAGE}`);
  }
  return value;
}

function newSession(args: CliArgs): NewSession {
  return {
    title: required(args, 'titulo'),
    start: required(args, 'inicio'),
    end: required(args, 'fin'),
    place: required(args, 'lugar'),
    taskCode: option(args, 'tarea') ?? '',
    invitees: option(args, 'invitados') ?? '',
    team: option(args, 'equipo') ?? '',
    channel: args.options.canal === true,
  };
}

/** The first e-mails and how many more, so a whole team does not flood the terminal. */
function listed(emails: string[], max = 10): string {
  const more = emails.length > max ? ` y ${emails.length - max} más` : '';
  return `${emails.slice(0, max).join(', ')}${more}`;
}

/** `sesion crear`: prints what was created and, alone on the last line, the new session's id. */
function create(args: CliArgs, env: CliEnv): number {
  const session = createSession(env.db, env.clock, env.author, newSession(args));
  const invited = attendeesOf(env.db, session.id);
  env.out(`Sesión ${session.id} creada: «${session.title}», ${sessionWhen(session)} (hora de Bogotá).`);
  env.out(`Lugar: ${session.place}`);
  if (session.taskCode) env.out(`Tarea del plan: ${session.taskCode}`);
  env.out(
    session.audience === 'canal'
      ? 'Invitación: canal del equipo.'
      : `Invitados (${invited.length}): ${listed(invited.map((a) => a.email))}`,
  );
  env.out('Las invitaciones salen por Slack o Teams con el bot en marcha, en su siguiente envío periódico.');
  env.out(String(session.id));
  return 0;
}

/** `sesion cerrar`: produces the lists of ended sessions and registers them as evidence (what the bot does). */
async function close(env: CliEnv): Promise<number> {
  const outcomes = await closeEndedSessions(env.db, env.clock, listPublishing(env.config));
  if (outcomes.length === 0) env.out('No hay sesiones terminadas por cerrar.');
  for (const outcome of outcomes) env.out(outcomeLine(outcome));
  return 0;
}

export const sessionCommand: CliCommand = {
  name: 'sesion',
  summary:
    'Crea una sesión con lista de asistencia (imprime su número en la última línea) o cierra las terminadas.',
  usage: 'sesion crear|cerrar [opciones]',
  async run(args, env) {
    const [verb] = args.positional;
    if (verb === 'crear') return create({ ...args, positional: args.positional.slice(1) }, env);
    if (verb === 'cerrar') return close(env);
    env.err(`Uso:\n  ${CREATE_USAGE}\n  npx mipg sesion cerrar`);
    return 2;
  },
};

function sessionIdArg(args: CliArgs): number {
  const [word] = args.positional;
  if (!word || !/^\d{1,9}$/.test(word)) {
    throw new DomainError(
      word ? `«${word}» no es un número de sesión.` : 'Falta el número de la sesión.',
      'Uso: npx mipg exportar asistencia <id> --formato csv|xlsx|json [--salida archivo]',
      'Ejemplo: npx mipg exportar asistencia 7 --formato xlsx --salida asistencia-7.xlsx',
    );
  }
  return Number(word);
}

export const attendanceExporter: Exporter = streamedExporter({
  kind: 'asistencia',
  summary: 'Lista de asistencia de una sesión: datos de la sesión y una fila por invitado.',
  formats: ['csv', 'xlsx', 'json'],
  async stream(format, args, env) {
    const list = attendanceList(env.db, sessionIdArg(args));
    if (format === 'json') return JSON.stringify(listJson(list), null, 2);
    return tableFile(format, listSheet(list));
  },
});
