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
 * Turns the neutral model's text into Adaptive Card markdown, collecting the mention entities the
 * text needs: `*bold*` becomes `**bold**`, a mention token becomes `<at>Name</at>` when the person
 * has a Teams id (Teams then notifies them) and just the name otherwise.
 */
export class CardText {
  private readonly mentions = new Map<string, MentionEntity>();

  constructor(private readonly people: PersonLookup) {}

  format(text: string): string {
    const bold = text.replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, '$1**$2**');
    return resolveMentions(bold, (personId) => this.mention(personId));
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
