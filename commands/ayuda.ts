import type { CommandDef, Feature, Registry } from '../src/chat/registry.ts';
import type { Block, Reply } from '../src/chat/reply.ts';
import { isReadOnly } from '../src/domain/directory/roles.ts';

/** /ayuda lists every command of the registry with its usage; /ayuda <orden> shows one. */
export function helpFeature(registry: () => Registry): Feature {
  const ayuda: CommandDef = {
    name: 'ayuda',
    aliases: ['help', '?'],
    summary: 'Muestra las órdenes que entiende el bot y cómo se usan.',
    usage: ['/ayuda', '/ayuda <orden>'],
    writes: false,
    run(args, ctx): Reply {
      const commands = registry().commands.filter((c) => c.name !== 'ayuda');
      const wanted = args.trim().replace(/^\//, '').toLowerCase();
      const shown = wanted ? commands.filter((c) => c.name === wanted) : commands;
      const blocks: Block[] = shown.map((c) => ({
        kind: 'text',
        text: `*/${c.name}* — ${c.summary}\n${c.usage.map((u) => `   ${u}`).join('\n')}`,
      }));
      if (shown.length === 0) {
        blocks.push({ kind: 'text', text: `No conozco la orden «${wanted}».` });
      }
      if (isReadOnly(ctx.actor)) {
        blocks.push({
          kind: 'context',
          text: 'Usted consulta como Oficina de Control Interno (rol auditor): ve las tareas, los indicadores, los riesgos y la asistencia de todos los procesos, y la bitácora (/bitacora); las órdenes que guardan algo se le rechazan.',
        });
      }
      blocks.push({
        kind: 'context',
        text: 'Las órdenes se escriben con o sin «/». Ejemplos: /tareas vencidas · /tarea 2.3 · /cumplida 2.3 https://intranet.pasto.gov.co/dofa-2026.pdf',
      });
      return {
        title: 'Bot de Planeación MIPG · Ayuda',
        blocks,
        visibility: 'private',
      };
    },
  };
  return { commands: [ayuda] };
}
