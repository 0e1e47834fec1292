import { processes } from '../db/schema/index.ts';
import type { Ctx } from '../src/chat/context.ts';
import { Pager, pagedCommand } from '../src/chat/paging.ts';
import type { CommandDef, Feature } from '../src/chat/registry.ts';
import type { Block, Reply } from '../src/chat/reply.ts';
import { auditEntries } from '../src/domain/audit/entries.ts';
import { type AuditFilterText, resolveAuditFilter } from '../src/domain/audit/filter.ts';
import { personNames } from '../src/domain/directory/people.ts';
import { seesEverything } from '../src/domain/directory/roles.ts';
import { DomainError } from '../src/domain/errors.ts';
import { normalize } from '../src/domain/text.ts';
import { type AuditNames, auditLine } from '../src/views/audit.ts';
import { splitPage, tokenize } from './args.ts';

const usage =
  '/bitacora [tarea <código>|proceso <código>|persona <correo>] [desde AAAA-MM-DD] [hasta AAAA-MM-DD] [pagina <n>]';
const example = '/bitacora proceso GTH desde 2026-09-01';
const PER_PAGE = 15;

/** The words /bitacora takes, each followed by its value. */
const WORDS: Record<string, keyof AuditFilterText> = {
  tarea: 'task',
  proceso: 'process',
  persona: 'person',
  desde: 'from',
  hasta: 'to',
};

/** «tarea 2.3 desde 2026-09-01» → { task: '2.3', from: '2026-09-01' }; anything else is a Spanish error. */
export function parseAuditWords(text: string): AuditFilterText {
  const words = tokenize(text);
  const parsed: AuditFilterText = {};
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i] ?? '';
    const key = WORDS[normalize(word)];
    if (!key) {
      throw new DomainError(`No entiendo «${word}» en /bitacora.`, `Uso: ${usage}`, `Ejemplo: ${example}`);
    }
    const value = words[i + 1];
    if (value === undefined) {
      throw new DomainError(
        `Falta el valor de «${normalize(word)}».`,
        `Uso: ${usage}`,
        `Ejemplo: ${example}`,
      );
    }
    if (parsed[key] !== undefined) {
      throw new DomainError(`«${normalize(word)}» aparece dos veces.`, `Uso: ${usage}`);
    }
    parsed[key] = value;
  }
  return parsed;
}

/** Person and process names for the ids a before/after holds: one query each, not one per row. */
function namesOf(ctx: Ctx): AuditNames {
  const persons = personNames(ctx.db);
  const codes = new Map(
    ctx.db
      .select({ id: processes.id, code: processes.code })
      .from(processes)
      .all()
      .map((p) => [p.id, p.code]),
  );
  return { person: (id) => persons.get(id), process: (id) => codes.get(id) };
}

/** What the filter covers, in one line above the list. */
function scopeText(text: AuditFilterText): string {
  const parts: string[] = [];
  if (text.task) parts.push(`tarea ${text.task}`);
  if (text.process) parts.push(`proceso ${text.process.toUpperCase()}`);
  if (text.person) parts.push(`cambios hechos por ${text.person.toLowerCase()}`);
  if (text.from) parts.push(`desde el ${text.from}`);
  if (text.to) parts.push(`hasta el ${text.to}`);
  return parts.length > 0 ? `Filtro: ${parts.join(' · ')}.` : 'Todos los registros.';
}

function run(args: string, ctx: Ctx): Reply {
  if (!seesEverything(ctx.actor)) {
    throw new DomainError(
      'Solo la coordinación MIPG y la Oficina de Control Interno consultan la bitácora.',
      'Lo suyo: /pendientes',
    );
  }
  const { rest, page } = splitPage(args, usage, '/bitacora tarea 2.3 pagina 2');
  const text = parseAuditWords(rest);
  const filter = resolveAuditFilter(ctx.db, text);
  const pager = new Pager(page, pagedCommand(rest ? `/bitacora ${rest}` : '/bitacora'));
  const { total, rows } = auditEntries(ctx.db, filter, { offset: (page - 1) * PER_PAGE, limit: PER_PAGE });
  const names = namesOf(ctx);
  const blocks: Block[] = [
    {
      kind: 'context',
      text: `${scopeText(text)} ${total.toLocaleString('es-CO')} ${total === 1 ? 'registro' : 'registros'}, del más reciente al más antiguo; horas de Bogotá.`,
    },
    pager.window(
      undefined,
      rows.map((r) => auditLine(r, names)),
      total,
      PER_PAGE,
      'Ningún registro de la bitácora coincide con el filtro.',
    ),
    {
      kind: 'context',
      text: 'Exportar: npx mipg exportar bitacora --formato xlsx --salida bitacora.xlsx · Integridad: npx mipg bitacora verificar',
    },
  ];
  return pager.reply({ title: 'Bitácora de auditoría', blocks, visibility: 'private' });
}

const bitacora: CommandDef = {
  name: 'bitacora',
  aliases: ['auditoria'],
  summary:
    'Coordinación y Control Interno: la bitácora de auditoría (quién cambió qué y cuándo), del cambio más reciente al más antiguo.',
  usage: [
    usage,
    'tarea: los cambios de esa tarea · proceso: los de su matriz, sus riesgos, sus indicadores y sus reportes, sus personas en el directorio y todo lo que hicieron sus personas · persona: lo que hizo esa persona. Los filtros se combinan.',
  ],
  writes: false,
  run,
};

export const auditFeature: Feature = { commands: [bitacora] };
