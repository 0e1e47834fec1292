import { mentionedIds } from '../../chat/reply.ts';

/** Who a `<@person:ID>` token names: their Slack id when known, else only their name. */
export type MentionLookup = (personId: number) => { name: string; slackId?: string | null } | undefined;

const TOKEN = /(<@person:\d+>)/;
const RESERVED = /[&<>]/;
/** Whether the text has a mention token at all: most text has none, and is converted without splitting. */
const hasMention = (text: string) => text.includes('<@person:');

/** Slack's mrkdwn reserves `&`, `<` and `>`: people's text must not turn into links or mentions. */
export function escapeMrkdwn(text: string): string {
  if (!RESERVED.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function personName(id: number, mentions: MentionLookup | undefined): string {
  return mentions?.(id)?.name ?? `persona ${id}`;
}

/** Neutral text as mrkdwn: escaped, with mention tokens as `<@U…>` (or the person's name). */
export function toMrkdwn(text: string, mentions?: MentionLookup): string {
  if (!hasMention(text)) return escapeMrkdwn(text);
  return text
    .split(TOKEN)
    .map((part, index) => {
      if (index % 2 === 0) return escapeMrkdwn(part);
      const id = mentionedIds(part)[0] ?? 0;
      const slackId = mentions?.(id)?.slackId;
      return slackId ? `<@${slackId}>` : `@${escapeMrkdwn(personName(id, mentions))}`;
    })
    .join('');
}

/** Neutral text for plain_text objects (headers, buttons, labels): names instead of mentions, no `*`. */
export function toPlain(text: string, mentions?: MentionLookup): string {
  if (!hasMention(text)) return text.includes('*') ? text.replace(/\*([^*\n]+)\*/g, '$1') : text;
  return text
    .split(TOKEN)
    .map((part, index) => (index % 2 === 0 ? part : `@${personName(mentionedIds(part)[0] ?? 0, mentions)}`))
    .join('')
    .replace(/\*([^*\n]+)\*/g, '$1');
}

/**
 * Shortens mrkdwn to `max` characters ending in "…", never splitting an `&amp;` entity or a `<…>` link,
 * which Slack would show broken.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const open = Math.max(text.lastIndexOf('&', end - 1), text.lastIndexOf('<', end - 1));
  if (open >= 0) {
    const close = text.slice(open, end).search(/[;>]/);
    if (close < 0) end = open;
  }
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Packs lines into chunks of at most `max` characters (joined by newlines); a longer line is cut. */
export function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current: string | undefined;
  for (const raw of lines) {
    const line = cut(raw, max);
    if (current === undefined) current = line;
    else if (current.length + 1 + line.length <= max) current = `${current}\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  if (current !== undefined) chunks.push(current);
  return chunks.filter((chunk) => chunk.trim() !== '');
}

/**
 * What a person typed, from a message event's text: Slack sends links as `<https://…|label>` and escapes
 * `&`, `<`, `>`. Commands and answers want the plain link and characters; user mentions stay as they are.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^>|]+)(?:\|[^>]*)?>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
