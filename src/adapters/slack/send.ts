import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Block, Reply } from '../../chat/reply.ts';
import { errorFields, type Logger } from '../../domain/logger.ts';
import type { MentionLookup } from './mrkdwn.ts';
import { renderMessage, renderMessages, type SlackMessage } from './pages.ts';

type WebClient = webApi.WebClient;

/** Where a Slack message landed. */
export interface Posted {
  channel: string;
  ts: string;
}

const RESPONSE_URL_TIMEOUT_MS = 10_000;

/** A response URL outside a listener (a modal remembers the one of the command that opened it). */
export function responderFor(url: string): RespondFn {
  return async (message) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(typeof message === 'string' ? { text: message } : message),
      // A response URL that hangs must not hold the answer (or, after a restart, the start) for long.
      signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`Slack rechazó la respuesta (${response.status}).`);
    return response;
  };
}

function images(reply: Reply): Extract<Block, { kind: 'image' }>[] {
  return reply.blocks.filter((b): b is Extract<Block, { kind: 'image' }> => b.kind === 'image');
}

function fileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug.slice(0, 60) || 'imagen'}.png`;
}

/** Sends neutral replies through the Web API or a response URL, rendered for Slack. */
export class SlackSender {
  constructor(
    readonly client: WebClient,
    readonly mentions: MentionLookup,
    private readonly log: Logger,
  ) {}

  private pages(reply: Reply): SlackMessage[] {
    return renderMessages(reply, this.mentions);
  }

  /** Posts a reply (every page) in a channel, a DM (a user id) or a thread; returns its first message. */
  async post(channel: string, reply: Reply, threadTs?: string): Promise<Posted> {
    let first: Posted | undefined;
    for (const page of this.pages(reply)) {
      const result = await this.client.chat.postMessage({
        channel,
        text: page.text,
        blocks: page.blocks,
        unfurl_links: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      first ??= { channel: result.channel ?? channel, ts: result.ts ?? '' };
    }
    const posted = first ?? { channel, ts: '' };
    await this.uploadImages(reply, posted.channel);
    return posted;
  }

  /** Only `user` sees it, in that channel (or thread); images go to their DM. */
  async postEphemeral(channel: string, user: string, reply: Reply, threadTs?: string): Promise<void> {
    for (const page of this.pages(reply)) {
      await this.client.chat.postEphemeral({
        channel,
        user,
        text: page.text,
        blocks: page.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    }
    if (images(reply).length > 0) await this.uploadImages(reply, await this.dmChannel(user));
  }

  /**
   * Answers through a response URL: ephemeral unless the reply is meant for the channel.
   * `channel` is where images go when the answer is public; private answers get them by DM.
   */
  async respond(respond: RespondFn, reply: Reply, user: string, channel?: string): Promise<void> {
    const responseType = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
    for (const page of this.pages(reply)) {
      const message: RespondArguments = {
        response_type: responseType,
        replace_original: false,
        text: page.text,
        blocks: page.blocks,
      };
      await respond(message);
    }
    if (images(reply).length === 0) return;
    const target = reply.visibility === 'channel' && channel ? channel : await this.dmChannel(user);
    await this.uploadImages(reply, target);
  }

  /**
   * The message that answers a slash command in its ack, when the reply is one whole message (no form,
   * no image, one page); undefined when it must go another way.
   */
  inAck(reply: Reply): RespondArguments | undefined {
    if (reply.form || images(reply).length > 0) return undefined;
    const pages = this.pages(reply);
    const page = pages[0];
    if (pages.length !== 1 || !page) return undefined;
    return {
      response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
      text: page.text,
      blocks: page.blocks,
    };
  }

  /** Replaces a message in place: a posted one by its ts, an ephemeral one through its response URL. */
  async update(reply: Reply, where: { channel?: string; ts?: string; respond?: RespondFn }): Promise<void> {
    const page = renderMessage(reply, this.mentions);
    if (where.channel && where.ts) {
      await this.client.chat.update({
        channel: where.channel,
        ts: where.ts,
        text: page.text,
        blocks: page.blocks,
      });
    } else if (where.respond) {
      await where.respond({ replace_original: true, text: page.text, blocks: page.blocks });
    }
  }

  private async dmChannel(user: string): Promise<string> {
    const opened = await this.client.conversations.open({ users: user });
    return opened.channel?.id ?? user;
  }

  /**
   * Uploads the reply's images as PNG files into the conversation. The message already describes each
   * image in words, so a failed upload is logged and the answer still stands.
   */
  async uploadImages(reply: Reply, channel: string): Promise<void> {
    for (const image of images(reply)) {
      try {
        await this.client.filesUploadV2({
          channel_id: channel,
          file: Buffer.from(image.png),
          filename: fileName(image.title),
          title: image.title,
          alt_text: image.alt,
        });
      } catch (error) {
        this.log.warn(`No se pudo subir una imagen a Slack: ${(error as Error).message}`, {
          channel,
          ...errorFields(error),
        });
      }
    }
  }
}
