import type { Ctx } from '../src/chat/context.ts';
import type { Button, Reply } from '../src/chat/reply.ts';
import { DomainError } from '../src/domain/errors.ts';

/** A subject of a command that takes one: `/estado tareas`, `/reportar indicador`. */
export interface MenuTopic {
  name: string;
  summary: string;
  usage: string | string[];
  run(args: string, ctx: Ctx): Promise<Reply> | Reply;
}

/** A topic's usage line (the first, when it has several). */
function firstUsage(topic: MenuTopic): string {
  return Array.isArray(topic.usage) ? (topic.usage[0] ?? '') : topic.usage;
}

export interface TopicMenu {
  /** The command, without the slash: `estado`. */
  command: string;
  title: string;
  topics: readonly MenuTopic[];
  /** Topics that need no more words (they show something or open a form): each gets a button. */
  pressable: readonly MenuTopic[];
  /** The action the buttons go to; its value is the topic's name (see topicAction). */
  actionId: string;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What a command that needs a topic answers when it comes without one (Teams' command menu sends
 * just «estado»): each topic with its usage and summary, and a button for those that need nothing else.
 */
export function topicMenu(menu: TopicMenu): Reply {
  const buttons: Button[] = menu.pressable.map((topic) => ({
    label: capitalized(topic.name),
    actionId: menu.actionId,
    value: topic.name,
    command: `/${menu.command} ${topic.name}`,
  }));
  const needWords = menu.topics.find((t) => !menu.pressable.includes(t));
  return {
    title: menu.title,
    blocks: [
      { kind: 'list', items: menu.topics.map((t) => `*${firstUsage(t)}* — ${t.summary}`) },
      ...(buttons.length > 0 ? [{ kind: 'actions' as const, buttons }] : []),
      {
        kind: 'context',
        text: needWords
          ? `Los demás temas necesitan más datos: escriba la orden completa, por ejemplo ${firstUsage(needWords)}`
          : `También puede escribir la orden completa, por ejemplo /${menu.command} ${menu.topics[0]?.name}.`,
      },
    ],
    visibility: 'private',
  };
}

/**
 * The button of a topic in the menu: runs the topic as if its name had been typed alone. `writes`
 * when its topics change data or open a form that would (see ActionDef.writes).
 */
export function topicAction(id: string, topics: readonly MenuTopic[], writes: boolean) {
  return {
    id,
    writes,
    async run(press: { value: string }, ctx: Ctx): Promise<{ reply: Reply }> {
      const topic = topics.find((t) => t.name === press.value);
      if (!topic) throw new DomainError('Ese tema ya no existe.', 'Escriba /ayuda para ver las órdenes.');
      return { reply: await topic.run('', ctx) };
    },
  };
}
