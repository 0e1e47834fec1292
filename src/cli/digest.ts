import type { DeliveryStatus } from '../../db/schema/index.ts';
import { terminalText } from '../adapters/console/render.ts';
import type { Reply } from '../chat/reply.ts';
import { bogotaToday } from '../domain/clock.ts';
import { activePeople } from '../domain/directory/people.ts';
import { DomainError } from '../domain/errors.ts';
import { buildDigest } from '../scheduler/digest/build.ts';
import { digestReply } from '../scheduler/digest/render.ts';
import { digestSections } from '../scheduler/digest/sections/index.ts';
import { type DeliveryRow, listDeliveries } from '../scheduler/ledger.ts';
import { bogotaDateTime } from '../views/dates.ts';
import { textOrJson } from './args.ts';
import type { CliArgs, CliCommand, CliEnv } from './types.ts';

function nameOf(env: CliEnv): (id: number) => string {
  const names = new Map(activePeople(env.db).map((p) => [p.id, p.name]));
  return (id) => names.get(id) ?? `persona ${id}`;
}

const digestUsage = 'resumen [--fecha AAAA-MM-DD] [--plan <código>] [--formato texto|json]';

/** `mipg resumen`: the weekly digest that would be posted on the date (today in Bogotá by default). */
export const digestCommand: CliCommand = {
  name: 'resumen',
  summary:
    'Imprime el resumen semanal que se publicaría en esa fecha; con --plan, el de un solo plan (el que recibe su canal de MIPG_DIGEST_CANALES).',
  usage: digestUsage,
  async run(args, env) {
    const format = textOrJson(args, digestUsage);
    const plan = typeof args.options.plan === 'string' ? args.options.plan.trim().toUpperCase() : undefined;
    const digest = buildDigest(env.db, bogotaToday(env.clock), digestSections, plan ? { plan } : {});
    if (format === 'json') env.out(JSON.stringify(digest.json, null, 2));
    else env.out(terminalText(digestReply(digest), nameOf(env)));
    return 0;
  },
};

const statusWords: Record<DeliveryStatus, string> = {
  sent: 'enviado',
  pending: 'pendiente',
  failed: 'fallido',
  skipped: 'omitido',
};

function statusFrom(args: CliArgs): DeliveryStatus | undefined {
  const word = args.options.estado;
  if (word === undefined) return undefined;
  const found = Object.entries(statusWords).find(([, label]) => label === word);
  if (!found) {
    throw new DomainError(
      `Estado «${word === true ? '' : word}» desconocido.`,
      `Use --estado ${Object.values(statusWords).join('|')}.`,
    );
  }
  return found[0] as DeliveryStatus;
}

const platformNames: Record<string, string> = { console: 'consola', slack: 'Slack', teams: 'Teams' };

/** "Ana Pérez (Slack)", "Canal del equipo (Teams)". */
function destination(row: DeliveryRow, name: (id: number) => string): string {
  const who = row.personId === null ? 'Canal del equipo' : name(row.personId);
  return row.platform ? `${who} (${platformNames[row.platform] ?? row.platform})` : who;
}

function detail(row: DeliveryRow): string {
  if (row.status === 'sent')
    return `${row.sentAt ? bogotaDateTime(row.sentAt) : ''}${row.late ? ' · con retraso' : ''}`;
  if (row.status === 'failed') {
    const next = row.nextAttemptAt ? `reintento ${bogotaDateTime(row.nextAttemptAt)}` : 'sin más reintentos';
    return `${row.lastError ?? ''} · ${next}`;
  }
  if (row.status === 'pending') return 'enviándose (o interrumpido a mitad del envío)';
  return row.lastError ?? '';
}

function ledgerReply(rows: DeliveryRow[], env: CliEnv): Reply {
  const name = nameOf(env);
  const counts = Object.entries(statusWords).map(([status, label]) => ({
    label,
    value: String(rows.filter((r) => r.status === status).length),
  }));
  return {
    title: `Envíos del bot (${rows.length}, los más recientes primero)`,
    blocks: [
      { kind: 'fields', fields: counts },
      {
        kind: 'table',
        columns: ['Tomado', 'Tipo', 'Periodo', 'Destino', 'Estado', 'Intentos', 'Detalle'],
        rows: rows.map((r) => [
          bogotaDateTime(r.claimedAt),
          r.kind,
          r.period,
          destination(r, name),
          statusWords[r.status],
          String(r.attempts),
          detail(r),
        ]),
      },
    ],
  };
}

const ledgerUsage = 'envios [--estado enviado|pendiente|fallido|omitido] [--formato texto|json]';

/** `mipg envios`: the send ledger, newest first, with errors and next retries. */
export const deliveriesCommand: CliCommand = {
  name: 'envios',
  summary: 'Muestra los envíos del bot (resumen, recordatorios): enviados, pendientes, fallidos, omitidos.',
  usage: ledgerUsage,
  async run(args, env) {
    const format = textOrJson(args, ledgerUsage);
    const rows = listDeliveries(env.db, statusFrom(args));
    if (format === 'json') {
      const name = nameOf(env);
      const shaped = rows.map((r) => ({
        kind: r.kind,
        period: r.period,
        recipient: destination(r, name),
        status: statusWords[r.status],
        attempts: r.attempts,
        dueAt: r.dueAt,
        sentAt: r.sentAt,
        late: r.late,
        nextAttemptAt: r.nextAttemptAt,
        error: r.lastError,
      }));
      env.out(JSON.stringify(shaped, null, 2));
    } else if (rows.length === 0) {
      env.out('No hay envíos registrados todavía.');
    } else {
      env.out(terminalText(ledgerReply(rows, env), nameOf(env)));
    }
    return 0;
  },
};
