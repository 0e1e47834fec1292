import { withoutControls } from '../domain/text.ts';

/**
 * The platform-neutral reply: what every command returns and every adapter renders
 * (plain text for the terminal, Block Kit for Slack, Adaptive Cards for Teams).
 *
 * Text may hold mention tokens made by `mention()`; renderers turn them into the platform's mention.
 * Text may use `*bold*` for emphasis; renderers translate or strip it.
 */

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface Button {
  label: string;
  /** Routes the press to the action handler registered under this id. */
  actionId: string;
  /** Opaque value passed back with the press (a task code, a session id…). */
  value: string;
  style?: 'primary' | 'danger';
  /** The typed command that does the same, shown where buttons cannot be pressed (the terminal). */
  command?: string;
}

export interface Field {
  label: string;
  value: string;
}

/** What a cut list leaves out: how many items, and the typed command that shows the next page. */
export interface More {
  count: number;
  /** E.g. `/tareas 3 pagina 2`; renderers show it as a **Ver más** button (or the line itself). */
  command?: string;
}

export interface ListBlock {
  kind: 'list';
  title?: string;
  items: string[];
  more?: More;
  empty?: string;
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: Field[] }
  | ListBlock
  | { kind: 'table'; title?: string; columns: string[]; rows: string[][] }
  | { kind: 'actions'; buttons: Button[] }
  | { kind: 'image'; title: string; alt: string; png: Uint8Array }
  | { kind: 'context'; text: string }
  | { kind: 'divider' };

export interface Reply {
  title?: string;
  tone?: Tone;
  blocks: Block[];
  /** `private` answers only the person who asked (ephemeral); `channel` is meant for everyone. */
  visibility?: 'private' | 'channel';
  /** A form to open instead of (or after) showing the blocks. */
  form?: Form;
}

export type FormFieldKind = 'text' | 'textarea' | 'url' | 'number' | 'date' | 'datetime' | 'select';

export interface FormOption {
  label: string;
  value: string;
}

export interface FormField {
  id: string;
  label: string;
  kind: FormFieldKind;
  required?: boolean;
  placeholder?: string;
  hint?: string;
  initial?: string;
  options?: FormOption[];
}

export interface Form {
  /** Routes the submission to the form handler registered under this id. */
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** Opaque context carried with the form and returned on submit (≤ 2,000 characters). */
  metadata?: string;
  /** Typed equivalent for places that cannot show forms. */
  command?: string;
}

const MENTION = /<@person:(\d+)>/g;

/**
 * What a person typed, safe to store and to show: without control characters (ANSI escapes, bidi
 * overrides; see withoutControls) and unable to mention anyone: a typed `<@person:N>` would otherwise
 * become a real mention (a notification) of person N wherever the text is shown. An invisible word
 * joiner after `<@` keeps the characters and breaks the token.
 */
export function userText(text: string): string {
  return withoutControls(text).replace(/<@person:/g, '<@\u2060person:');
}

/** A token that renderers replace with a platform mention of the person (or their name). */
export function mention(personId: number): string {
  return `<@person:${personId}>`;
}

/** Replaces mention tokens using `render(personId)`. */
export function resolveMentions(text: string, render: (personId: number) => string): string {
  return text.replace(MENTION, (_, id: string) => render(Number(id)));
}

/** Ids of the people mentioned in a text. */
export function mentionedIds(text: string): number[] {
  return [...text.matchAll(MENTION)].map((m) => Number(m[1]));
}

export function reply(blocks: Block[], options: Omit<Reply, 'blocks'> = {}): Reply {
  return { ...options, blocks };
}

export function textReply(text: string, options: Omit<Reply, 'blocks'> = {}): Reply {
  return { ...options, blocks: [{ kind: 'text', text }] };
}

/** A Spanish error reply: what was wrong, what was expected, an example. Never changes anything. */
export function errorReply(message: string, ...help: string[]): Reply {
  const blocks: Block[] = [{ kind: 'text', text: message }];
  if (help.length > 0) blocks.push({ kind: 'context', text: help.join('\n') });
  return {
    tone: 'error',
    title: 'No se pudo completar',
    blocks,
    visibility: 'private',
  };
}

/**
 * Keeps the first `max` items of a list and counts the rest ("y N más"). Lists a person may page
 * through are made by a `Pager` (paging.ts), which also says how to see the next page.
 */
export function listBlock(title: string | undefined, items: string[], max = 15, empty?: string): ListBlock {
  return listBlockOf(title, items, (item) => item, max, empty);
}

/** Like `listBlock`, formatting only the items it shows (long lists of tasks are not rendered whole). */
export function listBlockOf<T>(
  title: string | undefined,
  items: readonly T[],
  render: (item: T) => string,
  max = 15,
  empty?: string,
): ListBlock {
  const block: ListBlock = { kind: 'list', items: items.slice(0, max).map(render) };
  if (title !== undefined) block.title = title;
  if (items.length > max) block.more = { count: items.length - max };
  if (empty !== undefined) block.empty = empty;
  return block;
}

/** The one action of every **Ver más** button: its value is the command that shows the next page. */
export const MORE_ACTION = 'lista.ver_mas';

/** The **Ver más** button of a cut list, when the list says how to see the rest. */
export function moreButton(more: More | undefined): Button | undefined {
  if (!more?.command) return undefined;
  return { label: 'Ver más', actionId: MORE_ACTION, value: more.command, command: more.command };
}

/** All text of a reply, flattened: for logs, search and assertions. */
export function replyText(r: Reply): string {
  const parts: string[] = [];
  if (r.title) parts.push(r.title);
  for (const b of r.blocks) {
    switch (b.kind) {
      case 'text':
      case 'context':
        parts.push(b.text);
        break;
      case 'fields':
        for (const f of b.fields) parts.push(`${f.label}: ${f.value}`);
        break;
      case 'list':
        if (b.title) parts.push(b.title);
        parts.push(...b.items);
        if (b.items.length === 0 && b.empty) parts.push(b.empty);
        if (b.more) parts.push(`y ${b.more.count} más`);
        if (b.more?.command) parts.push(`Ver más: ${b.more.command}`);
        break;
      case 'table':
        if (b.title) parts.push(b.title);
        parts.push(b.columns.join(' | '), ...b.rows.map((row) => row.join(' | ')));
        break;
      case 'actions':
        parts.push(...b.buttons.map((btn) => btn.label));
        break;
      case 'image':
        parts.push(b.title);
        break;
      case 'divider':
        break;
    }
  }
  if (r.form) parts.push(r.form.title);
  return parts.join('\n');
}
