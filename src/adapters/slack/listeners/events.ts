import type { App } from '@slack/bolt';
import type { MessageRef } from '../../../chat/messenger.ts';
import { findSentMessage } from '../../../chat/notifier.ts';
import type { Reply } from '../../../chat/reply.ts';
import { guarded, type SlackDeps } from '../deps.ts';
import { publishHome } from '../home.ts';
import { unknownPersonReply } from '../identity.ts';
import { type InboxContext, inboxContext } from '../inbox.ts';
import { fromSlackText } from '../mrkdwn.ts';
import { once, withoutForm } from './replay.ts';

/** The fields of a message event this bot reads (Slack's message events come in many subtypes). */
export interface MessageEvent {
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
}

/**
 * Whether a message event may get an answer: something a person wrote (not an edit, a join, a file or
 * another bot's message), in the bot's DM or in a thread. Top-level channel messages never do.
 */
export function mayAnswer(event: MessageEvent): boolean {
  if (event.subtype !== undefined || event.bot_id || !event.user) return false;
  return event.channel_type === 'im' || Boolean(event.thread_ts && event.thread_ts !== event.ts);
}

/** Whether a thread is one the bot started about something that takes answers (a reminder…). */
function takesAnswers(deps: SlackDeps, ref: MessageRef): boolean {
  const sent = findSentMessage(deps.db, ref);
  return Boolean(sent && deps.router.registry.threadReplies.some((h) => h.kind === sent.kind));
}

async function answerMessage(
  deps: SlackDeps,
  message: MessageEvent,
  eventId: string,
  inbox: InboxContext,
): Promise<void> {
  const user = message.user ?? '';
  const dm = message.channel_type === 'im';
  const inThread = Boolean(message.thread_ts && message.thread_ts !== message.ts);
  const ref: MessageRef | undefined =
    inThread && message.thread_ts
      ? { platform: 'slack', conversation: message.channel, messageId: message.thread_ts }
      : undefined;
  // In channels the bot only listens to answers in its own threads; in its DM, to everything.
  if (!dm && !(ref && takesAnswers(deps, ref))) return;
  const threadTs = inThread ? message.thread_ts : undefined;
  const send = (reply: Reply) =>
    dm || reply.visibility === 'channel'
      ? deps.sender.post(message.channel, reply, threadTs).then(() => undefined)
      : deps.sender.postEphemeral(message.channel, user, reply, threadTs);
  // Slack retries an event it thinks failed, with the same event id: answer it once, whoever wrote it.
  // A message finished after a restart is the one that claimed it.
  if (!inbox.replay && !deps.handled.claim(`event:${eventId}`)) return;
  const person = await deps.identity.personFor(user);
  if (!person) return send(unknownPersonReply(deps.db));
  const reply = await once(deps, inbox, () =>
    deps.router.handleText({ person, platform: 'slack' }, fromSlackText(message.text ?? ''), ref),
  );
  await send(withoutForm(reply));
}

/** App Home "Mis pendientes" on open; messages in the bot's DM and answers in its threads. */
export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await guarded(deps, 'la pestaña Inicio', () => publishHome(deps, event.user));
  });

  app.message(async ({ message, body, context }) => {
    const event = message as unknown as MessageEvent;
    if (!mayAnswer(event)) return;
    const eventId = (body as { event_id?: string }).event_id ?? `${event.channel}:${event.ts}`;
    await guarded(deps, 'un mensaje', () => answerMessage(deps, event, eventId, inboxContext(context)));
  });
}
