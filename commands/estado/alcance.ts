import { Pager, pagedCommand } from '../../src/chat/paging.ts';
import type { Block, Reply } from '../../src/chat/reply.ts';
import { enabledPlatforms } from '../../src/config.ts';
import { activePeople } from '../../src/domain/directory/people.ts';
import { teamsDigestChannel, unreachableOnTeams } from '../../src/domain/directory/reach.ts';
import { seesEverything } from '../../src/domain/directory/roles.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { splitPage } from '../args.ts';
import type { StatusTopic } from './topic.ts';

const usage = '/estado alcance [pagina <n>]';

/**
 * /estado alcance: who the bot cannot write to on Teams yet, and where the digest goes there.
 * Teams lets a bot open a personal chat only after the person installs it or writes to it.
 */
export const reachStatus: StatusTopic = {
  name: 'alcance',
  summary:
    'Coordinación y Control Interno: quién aún no recibe mensajes del bot en Teams y a qué canal llega el resumen.',
  usage,
  run(args, ctx): Reply {
    const { page } = splitPage(args, usage, '/estado alcance pagina 2');
    if (!seesEverything(ctx.actor)) {
      throw new DomainError(
        'Solo la coordinación MIPG y la Oficina de Control Interno pueden ver el alcance del bot.',
        'Lo suyo: /pendientes',
      );
    }
    const pager = new Pager(page, pagedCommand('/estado alcance'));
    const missing = unreachableOnTeams(ctx.db);
    const total = activePeople(ctx.db).length;
    const channel = teamsDigestChannel(ctx.db, ctx.config.TEAMS_DIGEST_CHANNEL);
    const blocks: Block[] = [];
    if (!enabledPlatforms(ctx.config).teams) {
      blocks.push({
        kind: 'context',
        text: 'Teams no está activo en esta instalación (defina TEAMS_APP_ID, o TEAMS_ENABLED=true para pruebas locales).',
      });
    }
    blocks.push(
      {
        kind: 'fields',
        fields: [
          { label: 'Personas activas', value: String(total) },
          { label: 'Con chat personal en Teams', value: String(total - missing.length) },
          { label: 'Sin alcance todavía', value: String(missing.length) },
          {
            label: 'Canal del resumen en Teams',
            value: channel
              ? (channel.name ?? channel.conversationId)
              : 'Ninguno: agregue el bot a un equipo.',
          },
        ],
      },
      pager.list(
        'Aún sin alcance en Teams',
        missing.map((p) => `${p.name} <${p.email}> · ${p.role}${p.processCode ? ` · ${p.processCode}` : ''}`),
        30,
        'Todas las personas activas pueden recibir mensajes del bot en Teams. 🎉',
      ),
      {
        kind: 'context',
        text: 'Cada persona queda alcanzable cuando instala el bot en Teams o le escribe por primera vez. Los envíos que no llegaron: npx mipg envios',
      },
    );
    return pager.reply({ title: 'Alcance del bot en Teams', blocks, visibility: 'private' });
  },
};
