import { resolveMentions } from '../../chat/reply.ts';

/** What a card needs to know about a person to mention them. */
export interface CardPerson {
  name: string;
  /** Microsoft Entra (AAD) object id, when the person has spoken to the bot on Teams. */
  teamsId: string | null;
}

export type PersonLookup = (personId: number) => CardPerson | undefined;

/** A Teams mention entity, placed in the card's `msteams.entities`. */
export interface MentionEntity {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/**
 * Plain text as Adaptive Card markdown that Teams shows as written. Teams drops whatever sits
 * between `<` and `>` as an HTML tag (`/tarea <código>` would read `/tarea `), so the brackets go
 * as entities; and a single line break is only a space in card markdown, so each becomes a
 * paragraph break (`\n\n`, what Teams documents for new lines in a TextBlock). A line that starts with a
 * number and a period («1. Levantar la información…», an activity) keeps a non-breaking space after the
 * period, so Teams does not turn it into a numbered list.
 */
export function cardMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(?<!\n)\n(?!\n)/g, '\n\n')
    .replace(/(^|\n)(\d{1,3})\. /g, '$1$2.\u00a0');
}

/** Stands for a mention while the text around it is escaped (a private-use character no text holds). */
const MENTION_MARK = /\uE000(\d+)\uE000/g;

/**
 * Turns the neutral model's text into Adaptive Card markdown, collecting the mention entities the
 * text needs: `*bold*` becomes `**bold**`, placeholders and line breaks survive (see cardMarkdown),
 * and a mention token becomes `<at>Name</at>` when the person has a Teams id (Teams then notifies
 * them) and just the name otherwise.
 */
export class CardText {
  private readonly mentions = new Map<string, MentionEntity>();

  constructor(private readonly people: PersonLookup) {}

  format(text: string): string {
    const marked = resolveMentions(text, (personId) => `\uE000${personId}\uE000`);
    const bold = cardMarkdown(marked).replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, '$1**$2**');
    return bold.replace(MENTION_MARK, (_, id: string) => this.mention(Number(id)));
  }

  private mention(personId: number): string {
    const person = this.people(personId);
    if (!person) return `persona ${personId}`;
    if (!person.teamsId) return person.name;
    const text = `<at>${person.name}</at>`;
    this.mentions.set(person.teamsId, {
      type: 'mention',
      text,
      // Bots address a user in card mentions by the "8:orgid:" form of the Entra object id.
      mentioned: { id: `8:orgid:${person.teamsId}`, name: person.name },
    });
    return text;
  }

  entities(): MentionEntity[] {
    return [...this.mentions.values()];
  }
}
