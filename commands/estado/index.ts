import type { CommandDef, Feature } from '../../src/chat/registry.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { normalize } from '../../src/domain/text.ts';
import { splitHead } from '../args.ts';
import { topicAction, topicMenu } from '../topic-menu.ts';
import { reachStatus } from './alcance.ts';
import { indicatorsStatus } from './indicadores.ts';
import { planStatus } from './plan.ts';
import { risksStatus } from './riesgos.ts';
import { tasksStatus } from './tareas.ts';
import type { StatusTopic } from './topic.ts';

export type { StatusTopic } from './topic.ts';

/** Each feature adds its topic here. */
export const statusTopics: StatusTopic[] = [
  tasksStatus,
  planStatus,
  indicatorsStatus,
  risksStatus,
  reachStatus,
];

/** Bare «estado» (Teams' command menu sends it so) offers the topics, each with its button. */
const statusMenu = { command: 'estado', title: 'Estado · ¿de qué tema?', actionId: 'estado.tema' };

const estado: CommandDef = {
  name: 'estado',
  summary: 'Resumen del avance: /estado tareas (y los demás temas que se listan en /ayuda).',
  get usage() {
    return statusTopics.map((t) => t.usage);
  },
  writes: false,
  run(args, ctx) {
    const { head, rest } = splitHead(args, 1);
    const name = normalize(head[0] ?? '');
    const topic = statusTopics.find((t) => t.name === name);
    if (!topic) {
      if (!name) return topicMenu({ ...statusMenu, topics: statusTopics, pressable: statusTopics });
      const known = statusTopics.map((t) => t.name).join(', ');
      throw new DomainError(
        `No conozco el tema «${name}» de /estado.`,
        `Temas: ${known}.`,
        `Ejemplo: /estado ${statusTopics[0]?.name ?? 'tareas'}`,
      );
    }
    return topic.run(rest, ctx);
  },
};

export const statusFeature: Feature = {
  commands: [estado],
  actions: [topicAction(statusMenu.actionId, statusTopics, false)],
};
