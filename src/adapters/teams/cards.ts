import { type Block, type Form, moreButton, type Reply, type Tone } from '../../chat/reply.ts';
import { buttonAction, type CardElement } from './card-actions.ts';
import { type FormState, formElements } from './form-card.ts';
import { CardText, type MentionEntity, type PersonLookup } from './markdown.ts';

/** An Adaptive Card 1.5 (the highest version Teams renders for bots). */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams: { width: 'Full'; entities?: MentionEntity[] };
}

/**
 * Teams refuses bot messages above about 28 KB; an embedded image bigger than this is replaced by a
 * note so the rest of the reply still arrives.
 */
export const MAX_IMAGE_BYTES = 18_000;

const toneColors: Record<Tone, string | undefined> = {
  info: undefined,
  success: 'Good',
  warning: 'Warning',
  error: 'Attention',
};

const toneIcons: Record<Tone, string> = { info: 'ℹ️', success: '✅', warning: '⚠️', error: '❌' };

function textBlock(text: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function listElements(block: Extract<Block, { kind: 'list' }>, md: CardText): CardElement[] {
  const items: CardElement[] = [];
  if (block.title) items.push(textBlock(md.format(block.title), { weight: 'Bolder' }));
  if (block.items.length === 0 && block.empty)
    items.push(textBlock(md.format(block.empty), { isSubtle: true }));
  for (const item of block.items) items.push(textBlock(`• ${md.format(item)}`, { spacing: 'Small' }));
  if (block.more) items.push(textBlock(`… y ${block.more.count} más`, { isSubtle: true, spacing: 'Small' }));
  const more = moreButton(block.more);
  if (more) items.push({ type: 'ActionSet', actions: [buttonAction(more)], spacing: 'Small' });
  return items.length > 0 ? [{ type: 'Container', items }] : [];
}

function tableElements(block: Extract<Block, { kind: 'table' }>, md: CardText): CardElement[] {
  const row = (cells: string[], header: boolean) => ({
    type: 'TableRow',
    cells: block.columns.map((_, i) => ({
      type: 'TableCell',
      items: [textBlock(md.format(cells[i] ?? ''), header ? { weight: 'Bolder' } : {})],
    })),
  });
  const table: CardElement = {
    type: 'Table',
    // The first column usually names the row (an activity, a process): give it more room.
    columns: block.columns.map((_, i) => ({ width: i === 0 ? 3 : 1 })),
    rows: [row(block.columns, true), ...block.rows.map((r) => row(r, false))],
    firstRowAsHeader: true,
    gridStyle: 'accent',
  };
  const title = block.title ? [textBlock(md.format(block.title), { weight: 'Bolder' })] : [];
  return [...title, table];
}

function imageElements(block: Extract<Block, { kind: 'image' }>, md: CardText): CardElement[] {
  const title = textBlock(md.format(block.title), { weight: 'Bolder' });
  if (block.png.byteLength > MAX_IMAGE_BYTES) {
    return [
      title,
      textBlock(md.format(`(${block.alt}. La imagen es demasiado grande para Teams.)`), { isSubtle: true }),
    ];
  }
  const url = `data:image/png;base64,${Buffer.from(block.png).toString('base64')}`;
  return [title, { type: 'Image', url, altText: block.alt, size: 'Stretch' }];
}

function blockElements(block: Block, md: CardText): CardElement[] {
  switch (block.kind) {
    case 'text':
      return [textBlock(md.format(block.text))];
    case 'context':
      return [textBlock(md.format(block.text), { isSubtle: true, size: 'Small' })];
    case 'fields':
      if (block.fields.length === 0) return [];
      return [
        {
          type: 'FactSet',
          facts: block.fields.map((f) => ({ title: md.format(f.label), value: md.format(f.value) })),
        },
      ];
    case 'list':
      return listElements(block, md);
    case 'table':
      return tableElements(block, md);
    case 'actions':
      if (block.buttons.length === 0) return [];
      return [{ type: 'ActionSet', actions: block.buttons.map(buttonAction) }];
    case 'image':
      return imageElements(block, md);
    case 'divider':
      return [];
  }
}

function bodyOf(reply: Reply, md: CardText): CardElement[] {
  const body: CardElement[] = [];
  if (reply.title) {
    const tone = reply.tone ?? 'info';
    const icon = tone === 'info' ? '' : `${toneIcons[tone]} `;
    const color = toneColors[tone];
    body.push(
      textBlock(`${icon}${md.format(reply.title)}`, {
        size: 'Medium',
        weight: 'Bolder',
        ...(color ? { color } : {}),
      }),
    );
  }
  // A divider has no element of its own in Adaptive Cards: it becomes a separator on what follows.
  let separate = false;
  for (const block of reply.blocks) {
    if (block.kind === 'divider') {
      separate = true;
      continue;
    }
    const elements = blockElements(block, md);
    const first = elements[0];
    if (separate && first) first.separator = true;
    if (elements.length > 0) separate = false;
    body.push(...elements);
  }
  return body;
}

function card(body: CardElement[], actions: CardElement[], md: CardText): AdaptiveCard {
  const entities = md.entities();
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full', ...(entities.length > 0 ? { entities } : {}) },
  };
}

/** The card of a neutral reply; a reply that carries a form shows its inputs below the blocks. */
export function replyCard(reply: Reply, people: PersonLookup): AdaptiveCard {
  const md = new CardText(people);
  const body = bodyOf(reply, md);
  if (!reply.form) return card(body, [], md);
  const form = formElements(reply.form);
  return card([...body, ...form.body], form.actions, md);
}

/** A card with only the form: opened by a button, or shown again with what was wrong. */
export function formCard(form: Form, state: FormState = {}): AdaptiveCard {
  const md = new CardText(() => undefined);
  const { body, actions } = formElements(form, state);
  return card(body, actions, md);
}
