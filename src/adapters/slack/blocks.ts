import type { types as slack } from '@slack/bolt';
import { type Block, type Button, type Field, moreButton, type Reply, type Tone } from '../../chat/reply.ts';
import { LIMITS } from './limits.ts';
import { chunkLines, cut, type MentionLookup, toMrkdwn, toPlain } from './mrkdwn.ts';

export type SlackBlock = slack.KnownBlock;

const toneMarks: Record<Tone, string> = { info: 'ℹ️', success: '✅', warning: '⚠️', error: '❌' };

/** Separates the neutral action id from the button's position: Slack wants action ids unique per block. */
export const ACTION_SEPARATOR = '#';

/** The neutral action id of a Slack button's `action_id` (`tarea.cumplida#3` → `tarea.cumplida`). */
export function neutralActionId(actionId: string): string {
  const at = actionId.lastIndexOf(ACTION_SEPARATOR);
  return at > 0 && /^\d+$/.test(actionId.slice(at + 1)) ? actionId.slice(0, at) : actionId;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function sections(lines: string[]): SlackBlock[] {
  return chunkLines(lines, LIMITS.sectionText).map(section);
}

/** Fields two by two, at most ten per section and about one section's worth of text each. */
function fieldSections(fields: Field[], mentions?: MentionLookup): SlackBlock[] {
  const texts = fields.map((f) =>
    cut(`*${toMrkdwn(f.label, mentions)}*\n${toMrkdwn(f.value, mentions) || '—'}`, LIMITS.fieldText),
  );
  const blocks: SlackBlock[] = [];
  let group: string[] = [];
  let size = 0;
  for (const text of texts) {
    if (group.length === LIMITS.fieldsPerSection || size + text.length > LIMITS.sectionText) {
      blocks.push({ type: 'section', fields: group.map((t) => ({ type: 'mrkdwn', text: t })) });
      group = [];
      size = 0;
    }
    group.push(text);
    size += text.length;
  }
  if (group.length > 0)
    blocks.push({ type: 'section', fields: group.map((t) => ({ type: 'mrkdwn', text: t })) });
  return blocks;
}

/** A table as a monospaced code block (it reads on every Slack surface); long tables split by rows. */
function tableSections(
  columns: string[],
  rows: string[][],
  title: string | undefined,
  mentions?: MentionLookup,
) {
  const cell = (text: string) => cut(toPlain(text, mentions), 60);
  const cells = [columns.map(cell), ...rows.map((r) => columns.map((_, i) => cell(r[i] ?? '')))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    toMrkdwn(
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  const [head, ...body] = cells.map(line);
  const heading = title ? `*${toMrkdwn(title, mentions)}*\n` : '';
  const room = LIMITS.sectionText - heading.length - (head?.length ?? 0) - 10;
  const bodies = body.length === 0 ? [''] : chunkLines(body, room);
  return bodies.map((chunk, i) =>
    section(`${i === 0 ? heading : ''}\`\`\`${head ?? ''}${chunk ? `\n${chunk}` : ''}\`\`\``),
  );
}

/** A list as sections; a cut list counts the rest and, when it can page, gets a **Ver más** button. */
function listSections(
  block: Extract<Block, { kind: 'list' }>,
  counter: { next: number },
  mentions?: MentionLookup,
): SlackBlock[] {
  const lines: string[] = [];
  if (block.title) lines.push(`*${toMrkdwn(block.title, mentions)}*`);
  if (block.items.length === 0 && block.empty) lines.push(`_${toMrkdwn(block.empty, mentions)}_`);
  lines.push(...block.items.map((item) => `• ${toMrkdwn(item, mentions)}`));
  const blocks = sections(lines);
  if (block.more) blocks.push(contextBlock(`… y ${block.more.count} más`));
  const more = moreButton(block.more);
  if (more) blocks.push(...actionBlocks([more], counter, mentions));
  return blocks;
}

function contextBlock(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(text, LIMITS.sectionText) }] };
}

function contextBlocks(text: string, mentions?: MentionLookup): SlackBlock[] {
  return chunkLines(toMrkdwn(text, mentions).split('\n'), LIMITS.sectionText).map(contextBlock);
}

/** Buttons that Slack cannot carry (an id or value too long to route back) are shown as their typed command. */
function routable(button: Button): boolean {
  return (
    button.actionId.length + 4 <= LIMITS.id &&
    button.value.length <= LIMITS.buttonValue &&
    !button.actionId.includes(ACTION_SEPARATOR)
  );
}

function actionBlocks(buttons: Button[], counter: { next: number }, mentions?: MentionLookup): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const ok = buttons.filter(routable);
  for (let i = 0; i < ok.length; i += LIMITS.actionsElements) {
    const elements = ok.slice(i, i + LIMITS.actionsElements).map((b) => {
      counter.next += 1;
      const button: slack.Button = {
        type: 'button',
        text: { type: 'plain_text', text: cut(toPlain(b.label, mentions), LIMITS.buttonText), emoji: true },
        action_id: `${b.actionId}${ACTION_SEPARATOR}${counter.next}`,
        value: b.value,
      };
      if (b.style) button.style = b.style;
      return button;
    });
    blocks.push({ type: 'actions', elements });
  }
  const typed = buttons.filter((b) => !routable(b)).map((b) => `${b.label}: ${b.command ?? ''}`.trim());
  if (typed.length > 0) blocks.push(...contextBlocks(typed.join('\n'), mentions));
  return blocks;
}

function blockUnits(block: Block, counter: { next: number }, mentions?: MentionLookup): SlackBlock[] {
  switch (block.kind) {
    case 'text':
      return sections(toMrkdwn(block.text, mentions).split('\n'));
    case 'context':
      return contextBlocks(block.text, mentions);
    case 'fields':
      return fieldSections(block.fields, mentions);
    case 'list':
      return listSections(block, counter, mentions);
    case 'table':
      return tableSections(block.columns, block.rows, block.title, mentions);
    case 'actions':
      return actionBlocks(block.buttons, counter, mentions);
    case 'image':
      // The PNG itself goes up as a file next to the message; the text keeps it understandable without it.
      return contextBlocks(`🖼️ *${block.title}* (imagen adjunta): ${block.alt}`, mentions);
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/**
 * The neutral reply as Block Kit blocks, each within Slack's per-block limits (text split into sections,
 * fields grouped, buttons in rows of 25). How many blocks fit on a surface is decided by `pages.ts`.
 */
export function replyBlocks(reply: Reply, mentions?: MentionLookup): SlackBlock[] {
  const units: SlackBlock[] = [];
  const mark = reply.tone ? `${toneMarks[reply.tone]} ` : '';
  if (reply.title) {
    units.push({
      type: 'header',
      text: {
        type: 'plain_text',
        text: cut(`${mark}${toPlain(reply.title, mentions)}`, LIMITS.headerText),
        emoji: true,
      },
    });
  }
  const counter = { next: 0 };
  let marked = Boolean(reply.title) || !mark || reply.tone === 'info';
  for (const block of reply.blocks) {
    if (!marked && block.kind === 'text') {
      units.push(...blockUnits({ kind: 'text', text: `${mark}${block.text}` }, counter, mentions));
      marked = true;
      continue;
    }
    units.push(...blockUnits(block, counter, mentions));
  }
  return units;
}

/** The plain notification text Slack shows in alerts and where blocks cannot be drawn. */
export function fallbackText(reply: Reply, mentions?: MentionLookup): string {
  const first = reply.blocks.find((b) => b.kind === 'text' || b.kind === 'context');
  const text = reply.title ?? (first && 'text' in first ? first.text : '') ?? '';
  return cut(toMrkdwn(text || 'Bot de Planeación MIPG', mentions).split('\n')[0] ?? '', 300);
}
