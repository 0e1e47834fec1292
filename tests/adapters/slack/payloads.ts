/**
 * Slack payloads in their documented shapes (slash command fields, `block_actions`, `view_submission`,
 * Events API `event_callback`), with loopback response URLs so `respond()` lands on the fake.
 */

const TEAM = { id: 'T0PASTO', domain: 'alcaldiapasto' };
let counter = 0;

function next(): number {
  counter += 1;
  return counter;
}

export function triggerId(): string {
  return `${next()}.4744562912.803a0bc887a14d10d2c447fce8b6703c`;
}

/** The urlencoded fields of a slash command, as Slack posts them. */
export function slashCommand(
  user: string,
  command: string,
  text: string,
  responseUrl: string,
  channel = 'C0PLANEACION',
): Record<string, string> {
  return {
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: channel,
    channel_name: 'planeacion',
    user_id: user,
    user_name: user.toLowerCase(),
    command,
    text,
    api_app_id: 'A0MIPG',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId(),
  };
}

export interface PressedButton {
  actionId: string;
  value: string;
  text: string;
}

/** A `block_actions` payload for a button on a message (ephemeral or posted). */
export function blockActions(
  user: string,
  button: PressedButton,
  where: { channel: string; ts: string; ephemeral?: boolean; responseUrl: string },
) {
  const message = {
    type: 'message',
    subtype: 'bot_message',
    text: 'Recordatorio',
    ts: where.ts,
    bot_id: 'BBOT',
    blocks: [],
  };
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0MIPG',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: {
      type: 'message',
      message_ts: where.ts,
      channel_id: where.channel,
      is_ephemeral: where.ephemeral ?? false,
    },
    trigger_id: triggerId(),
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: where.channel, name: where.channel.startsWith('D') ? 'directmessage' : 'planeacion' },
    ...(where.ephemeral ? {} : { message }),
    state: { values: {} },
    response_url: where.responseUrl,
    actions: [
      {
        action_id: button.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: button.text, emoji: true },
        value: button.value,
        type: 'button',
        action_ts: `${1790000000 + next()}.000200`,
      },
    ],
  };
}

/** A `block_actions` payload for a button on the App Home tab: a view container, no channel, no response URL. */
export function homeBlockActions(
  user: string,
  button: PressedButton,
  view: { id: string; blocks: unknown[] },
) {
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0MIPG',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    container: { type: 'view', view_id: view.id },
    trigger_id: triggerId(),
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    view: {
      id: view.id,
      team_id: TEAM.id,
      type: 'home',
      blocks: view.blocks,
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: `1790000000.${next()}`,
      title: { type: 'plain_text', text: 'View Title', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: view.id,
      app_id: 'A0MIPG',
      external_id: '',
      app_installed_team_id: TEAM.id,
      bot_id: 'BBOT',
    },
    actions: [
      {
        action_id: button.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: button.text, emoji: true },
        value: button.value,
        type: 'button',
        action_ts: `${1790000000 + next()}.000200`,
      },
    ],
  };
}

/** A `view_submission` payload for a modal the bot opened, with the person's input in `state`. */
export function viewSubmission(
  user: string,
  view: Record<string, unknown>,
  state: Record<string, Record<string, Record<string, unknown>>>,
  id = 'V0MODAL',
) {
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0MIPG',
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    trigger_id: triggerId(),
    view: {
      ...view,
      id,
      team_id: TEAM.id,
      app_id: 'A0MIPG',
      bot_id: 'BBOT',
      state: { values: state },
      hash: `1790000000.${next()}`,
      root_view_id: id,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      external_id: '',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API envelope around one event. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev0${next()}`) {
  return {
    token: 'gIkuvaNzQIHg97ATvDxqgjtO',
    team_id: TEAM.id,
    api_app_id: 'A0MIPG',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1790000000,
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMFBBU1RPIn0-${next()}`,
  };
}

/** A message a person wrote in the bot's DM (`thread_ts` when it answers in a thread). */
export function directMessage(user: string, channel: string, text: string, threadTs?: string) {
  const ts = `${1790000100 + next()}.000300`;
  return {
    type: 'message',
    channel,
    user,
    text,
    ts,
    event_ts: ts,
    channel_type: 'im',
    client_msg_id: `c0ffee00-${next()}`,
    team: TEAM.id,
    ...(threadTs ? { thread_ts: threadTs, parent_user_id: 'UBOT' } : {}),
  };
}
