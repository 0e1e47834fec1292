import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { type Activity, ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import type { App } from '../../app.ts';
import type { MessageRef } from '../../chat/messenger.ts';
import type { Reply } from '../../chat/reply.ts';
import { reachAuthor, SYSTEM } from '../../domain/audit/log.ts';
import { type Person, personByTeamsId } from '../../domain/directory/people.ts';
import { errorFields, type Logger } from '../../domain/logger.ts';
import { BUTTON_VERB, FORM_VERB, readActionPayload } from './card-actions.ts';
import { type CardOutcome, cardOutcome } from './card-outcome.ts';
import { replyCard } from './cards.ts';
import { identify } from './identity.ts';
import { cardActivity, directoryLookup, postNew, sendFailure } from './messenger.ts';
import {
  forgetConversation,
  referenceToStore,
  saveChannel,
  savePersonalChat,
  splitThread,
} from './references.ts';
import {
  ambiguousAnswerReply,
  channelWelcome,
  doneText,
  personalWelcome,
  replyRefusedText,
  staleCardText,
  unknownPersonReply,
  unknownPersonText,
} from './texts.ts';
import { type AnswerRules, answeredMessage, cleanText } from './threads.ts';

export interface TeamsBotOptions {
  app: App;
  adapter: TeamsAdapter;
  /** The Azure Bot's app id; absent in unauthenticated local trials. */
  botAppId?: string;
  botName: string;
  log: Logger;
  /** Local trials only: who speaks when the client cannot say (MIPG_CONSOLE_USER). */
  fallbackEmail?: string;
}

interface ChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  settings?: { selectedChannel?: { id?: string } };
}

function channelData(activity: Activity): ChannelData {
  return (activity.channelData ?? {}) as ChannelData;
}

function channelName(activity: Activity): { teamId?: string; name?: string } {
  const { team, channel } = channelData(activity);
  const name = [team?.name, channel?.name].filter(Boolean).join(' › ');
  return { ...(team?.id ? { teamId: team.id } : {}), ...(name ? { name } : {}) };
}

/** The teams-ai application: messages, card actions and installation events, all through the router. */
export function createTeamsBot(options: TeamsBotOptions): Application {
  const { app, adapter, log } = options;
  const { db, clock } = app.services;
  const people = directoryLookup(db);
  const teams = new Application({
    adapter,
    ...(options.botAppId ? { botAppId: options.botAppId } : {}),
    // Replies take milliseconds; a typing indicator would only add traffic.
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  const who = (context: TurnContext) =>
    identify(context, {
      db,
      clock,
      log,
      ...(options.fallbackEmail ? { fallbackEmail: options.fallbackEmail } : {}),
    });
  const answerRules: AnswerRules = {
    isCommand: (text) => app.router.isCommand(text),
    takesAnswers: (kind) => app.router.registry.threadReplies.some((h) => h.kind === kind),
  };
  /**
   * Answers the person. When Teams refuses the card, the person is told in a short plain text
   * instead of being left without an answer (that one failing too reaches the turn's error log).
   */
  const send = async (context: TurnContext, reply: Reply) => {
    try {
      await context.sendActivity(cardActivity(replyCard(reply, people)));
    } catch (error) {
      log.warn(`Teams no aceptó una respuesta: ${sendFailure(error).message}`, {
        teamsUserId: context.activity.from?.id,
        conversationType: context.activity.conversation?.conversationType,
        ...errorFields(error),
      });
      await context.sendActivity(MessageFactory.text(replyRefusedText));
    }
  };

  /** Keeps the conversation a person spoke in, so the bot can write there later. */
  const remember = (context: TurnContext, person: Person) => {
    const { activity } = context;
    const type = activity.conversation.conversationType;
    if (type === 'personal') savePersonalChat(db, clock, person, referenceToStore(activity), false);
    if (type === 'channel') saveChannel(db, clock, referenceToStore(activity), channelName(activity));
  };

  const installed = async (context: TurnContext) => {
    const { activity } = context;
    if (activity.conversation.conversationType === 'channel') {
      const reference = referenceToStore(activity);
      const selected = channelData(activity).settings?.selectedChannel?.id;
      if (selected && reference.conversation)
        reference.conversation = { ...reference.conversation, id: selected };
      const by = await who(context);
      if (saveChannel(db, clock, reference, channelName(activity), by ? { by } : {})) {
        log.info(
          `Teams: el bot quedó instalado en «${channelName(activity).name ?? reference.conversation?.id}».`,
          { conversationId: reference.conversation?.id },
        );
        const welcome = replyCard(channelWelcome(options.botName), people);
        await postNew(adapter, options.botAppId ?? '', reference, cardActivity(welcome));
      }
      return;
    }
    if (activity.conversation.conversationType !== 'personal') return;
    const person = await who(context);
    if (!person) {
      await send(context, unknownPersonReply);
      return;
    }
    if (savePersonalChat(db, clock, person, referenceToStore(activity), true)) {
      await send(context, personalWelcome(person));
    }
  };

  const removed = async (context: TurnContext) => {
    // Whoever removed the bot may be gone from the team already: no profile lookup, only the stored id.
    const aadObjectId = context.activity.from?.aadObjectId;
    const person = aadObjectId ? personByTeamsId(db, aadObjectId) : undefined;
    const conversation = splitThread(context.activity.conversation.id).channel;
    forgetConversation(db, clock, conversation, person ? reachAuthor(person) : SYSTEM);
  };

  teams.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = String(context.activity.action ?? '');
    if (action.startsWith('add')) await installed(context);
    if (action === 'remove') await removed(context);
  });
  teams.conversationUpdate('membersAdded', async (context) => {
    const { activity } = context;
    if (activity.membersAdded?.some((m) => m.id === activity.recipient.id)) await installed(context);
  });
  teams.conversationUpdate('membersRemoved', async (context) => {
    const { activity } = context;
    if (activity.membersRemoved?.some((m) => m.id === activity.recipient.id)) await removed(context);
  });

  /** A card's button or form, or a short Spanish notice when it cannot be handled. */
  const onCard = async (context: TurnContext, raw: unknown): Promise<CardOutcome | string> => {
    const payload = readActionPayload(raw);
    if (!payload) return staleCardText;
    const person = await who(context);
    if (!person) return unknownPersonText;
    remember(context, person);
    const { activity } = context;
    const message: MessageRef | undefined = activity.replyToId
      ? {
          platform: 'teams',
          conversation: splitThread(activity.conversation.id).channel,
          messageId: activity.replyToId,
        }
      : undefined;
    return cardOutcome(app.router, { person, platform: 'teams' }, payload, people, message);
  };

  // Action.Execute: Teams shows the card returned in the invoke response in place of the old one.
  teams.adaptiveCards.actionExecute([BUTTON_VERB, FORM_VERB], async (context, _state, data) => {
    const outcome = await onCard(context, data);
    if (typeof outcome === 'string') return outcome;
    for (const reply of outcome.replies) await send(context, reply);
    return outcome.card ?? doneText;
  });

  // Action.Submit (clients without Universal Actions): the old card is updated through the connector.
  teams.adaptiveCards.actionSubmit([BUTTON_VERB, FORM_VERB], async (context, _state, data) => {
    const outcome = await onCard(context, data);
    if (typeof outcome === 'string') {
      await context.sendActivity(outcome);
      return;
    }
    const replyToId = context.activity.replyToId;
    if (outcome.card && replyToId)
      await context.updateActivity({ ...cardActivity(outcome.card), id: replyToId });
    else if (outcome.card) await context.sendActivity(cardActivity(outcome.card));
    for (const reply of outcome.replies) await send(context, reply);
  });

  teams.activity(ActivityTypes.Message, async (context) => {
    const text = cleanText(context.activity.text ?? '');
    if (!text) return;
    const person = await who(context);
    if (!person) {
      await send(context, unknownPersonReply);
      return;
    }
    remember(context, person);
    const answered = answeredMessage(db, context.activity, person, answerRules, text);
    if (answered.kind === 'ambiguous') {
      await send(context, ambiguousAnswerReply(answered.open));
      return;
    }
    const inReplyTo = answered.kind === 'message' ? answered.ref : undefined;
    await send(context, await app.router.handleText({ person, platform: 'teams' }, text, inReplyTo));
  });

  // The adapter's onTurnError: a turn that failed anywhere (a listener, a send) is logged here.
  teams.error(async (context, error) => {
    log.error(`Error al atender una actividad de Teams: ${error.message}`, {
      activityType: context.activity?.type,
      conversationType: context.activity?.conversation?.conversationType,
      teamsUserId: context.activity?.from?.id,
      ...errorFields(error, { stack: true }),
    });
  });
  return teams;
}
