import type { types as slack } from '@slack/bolt';
import type { Reply } from '../../chat/reply.ts';
import { fallbackText, replyBlocks, type SlackBlock } from './blocks.ts';
import { LIMITS } from './limits.ts';
import type { MentionLookup } from './mrkdwn.ts';

/** One Slack message: blocks plus the notification text. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** A response URL takes five messages; three pages keep a long answer readable. */
export const MAX_PAGES = 3;

/** Characters of text a block carries (what Slack counts towards `msg_blocks_too_long`). */
export function blockChars(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + blockChars(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'text' && typeof v === 'string') sum += v.length;
    else sum += blockChars(v);
  }
  return sum;
}

function omittedNote(count: number): SlackBlock {
  return {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `… y ${count} ${count === 1 ? 'parte más' : 'partes más'} de esta respuesta que no caben en Slack. Pida el detalle con una orden más precisa (vea /ayuda).`,
      },
    ],
  };
}

/**
 * Splits blocks into pages that respect a surface's block count and text size, keeping room on each
 * page for one note; what does not fit in `maxPages` is summarised by that note, never sent broken.
 */
export function paginate(
  units: SlackBlock[],
  maxBlocks: number,
  maxPages: number,
  maxChars: number = LIMITS.messageChars,
): SlackBlock[][] {
  const pages: SlackBlock[][] = [];
  let page: SlackBlock[] = [];
  let chars = 0;
  const reserve = blockChars(omittedNote(999));
  for (const unit of units) {
    const size = blockChars(unit);
    if (page.length > 0 && (page.length + 1 >= maxBlocks || chars + size + reserve > maxChars)) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(unit);
    chars += size;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  if (pages.length <= maxPages) return pages;
  const kept = pages.slice(0, maxPages);
  const omitted = pages.slice(maxPages).reduce((n, p) => n + p.length, 0);
  kept[kept.length - 1]?.push(omittedNote(omitted));
  return kept;
}

/** A reply as one or more Slack messages (a long answer pages; beyond `maxPages` it is summarised). */
export function renderMessages(reply: Reply, mentions?: MentionLookup, maxPages = MAX_PAGES): SlackMessage[] {
  const text = fallbackText(reply, mentions);
  return paginate(replyBlocks(reply, mentions), LIMITS.messageBlocks, maxPages).map((blocks, i) => ({
    text: i === 0 ? text : `${text} (continuación)`,
    blocks,
  }));
}

/** A reply as a single message, e.g. to update one in place: what does not fit is summarised. */
export function renderMessage(reply: Reply, mentions?: MentionLookup): SlackMessage {
  const [first] = renderMessages(reply, mentions, 1);
  return first ?? { text: fallbackText(reply, mentions), blocks: [] };
}

/** The App Home tab: up to 100 blocks in one view. */
export function renderHome(reply: Reply, mentions?: MentionLookup): slack.HomeView {
  const [blocks] = paginate(replyBlocks(reply, mentions), LIMITS.surfaceBlocks, 1, Number.POSITIVE_INFINITY);
  return { type: 'home', blocks: blocks ?? [] };
}
