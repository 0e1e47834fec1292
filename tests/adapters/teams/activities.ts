/**
 * Activity JSON as Teams posts it to a bot's messaging endpoint (shapes from the Teams and Bot
 * Framework documentation: personal and channel messages, Action.Execute invokes, installation
 * events), with `serviceUrl` pointing at the fake Bot Connector.
 */

export const TENANT = '5e3b6a1c-2f4d-4e8a-9b7c-0d1e2f3a4b5c';
export const BOT = { id: '28:9c8b7a65-4321-4fed-8cba-0987654321ab', name: 'Planeación MIPG' };
export const TEAM = {
  id: '19:Q2hhbm5lbEdlbmVyYWw@thread.tacv2',
  name: 'Planeación Institucional',
  aadGroupId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
};

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

let sequence = 1_757_260_800_000;
function nextId(): string {
  sequence += 1;
  return String(sequence);
}

function base(serviceUrl: string, user: TeamsUser) {
  return {
    id: nextId(),
    timestamp: '2026-09-07T15:00:00.000Z',
    localTimestamp: '2026-09-07T10:00:00.000-05:00',
    serviceUrl,
    channelId: 'msteams',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    locale: 'es-CO',
    entities: [
      { type: 'clientInfo', locale: 'es-CO', country: 'CO', platform: 'Web', timezone: 'America/Bogota' },
    ],
  };
}

export function personalConversationOf(user: TeamsUser) {
  return { conversationType: 'personal', tenantId: TENANT, id: `a:1${user.aadObjectId.replace(/-/g, '')}` };
}

/** A message typed in the bot's personal chat. */
export function personalMessage(serviceUrl: string, user: TeamsUser, text: string) {
  return {
    ...base(serviceUrl, user),
    type: 'message',
    textFormat: 'plain',
    text,
    conversation: personalConversationOf(user),
    channelData: { tenant: { id: TENANT } },
  };
}

function teamChannelData() {
  return {
    teamsChannelId: TEAM.id,
    teamsTeamId: TEAM.id,
    channel: { id: TEAM.id },
    team: TEAM,
    tenant: { id: TENANT },
  };
}

/** A channel post that @mentions the bot; `root` makes it a reply in that message's thread. */
export function channelMention(serviceUrl: string, user: TeamsUser, words: string, root?: string) {
  const activity = base(serviceUrl, user);
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...activity,
    type: 'message',
    textFormat: 'plain',
    text: `${mention} ${words}`,
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT,
      id: `${TEAM.id};messageid=${root ?? activity.id}`,
    },
    entities: [{ type: 'mention', text: mention, mentioned: BOT }, ...activity.entities],
    channelData: teamChannelData(),
  };
}

/** The invoke Teams sends when an Action.Execute of a card is pressed; inputs are merged into data. */
export function executeInvoke(
  serviceUrl: string,
  user: TeamsUser,
  card: { conversation: Record<string, unknown>; messageId: string },
  action: { verb: string; data: Record<string, unknown> },
  inputs: Record<string, string> = {},
) {
  return {
    ...base(serviceUrl, user),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: card.messageId,
    conversation: card.conversation,
    value: {
      action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } },
      trigger: 'manual',
    },
    channelData: {
      tenant: { id: TENANT },
      source: { name: 'message' },
      legacy: { replyToId: card.messageId },
    },
  };
}

/** What a client without Universal Actions (the Emulator) posts for an Action.Submit: a message with a value. */
export function submitMessage(
  serviceUrl: string,
  user: TeamsUser,
  card: { conversation: Record<string, unknown>; messageId: string },
  data: Record<string, unknown>,
) {
  return {
    ...base(serviceUrl, user),
    type: 'message',
    replyToId: card.messageId,
    conversation: card.conversation,
    value: data,
    channelData: {
      tenant: { id: TENANT },
      source: { name: 'message' },
      legacy: { replyToId: card.messageId },
    },
  };
}

/** The bot added to a team (its General channel). */
export function teamInstallation(serviceUrl: string, user: TeamsUser) {
  return {
    ...base(serviceUrl, user),
    type: 'installationUpdate',
    action: 'add',
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM.id },
    channelData: {
      settings: { selectedChannel: { id: TEAM.id } },
      channel: { id: TEAM.id },
      team: TEAM,
      tenant: { id: TENANT },
      source: { name: 'message' },
    },
  };
}

/** The bot added in a person's personal scope: Teams says so with a conversation update. */
export function personalInstallation(serviceUrl: string, user: TeamsUser) {
  return {
    ...base(serviceUrl, user),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    conversation: personalConversationOf(user),
    channelData: { tenant: { id: TENANT } },
  };
}
