import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { MessageRef } from '../../../chat/messenger.ts';
import type { ActionResult } from '../../../chat/registry.ts';
import { MORE_ACTION } from '../../../chat/reply.ts';
import type { Person } from '../../../domain/directory/people.ts';
import { neutralActionId } from '../blocks.ts';
import { guarded, type SlackDeps } from '../deps.ts';
import { publishHome, publishHomePage } from '../home.ts';
import { unknownPersonReply } from '../identity.ts';
import { type InboxContext, inboxContext } from '../inbox.ts';
import { renderModal } from '../modal.ts';
import { DOUBLE_CLICK_MS } from '../requests.ts';
import { once, responder, withoutForm } from './replay.ts';

/** Where the pressed button was: a message (maybe ephemeral) or the App Home. */
interface Source {
  channel?: string;
  ts?: string;
  ephemeral: boolean;
  home: boolean;
  respond?: RespondFn;
}

function sourceOf(
  deps: SlackDeps,
  body: BlockAction,
  respond: RespondFn | undefined,
  inbox: InboxContext,
): Source {
  const container = body.container as { channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
  return {
    channel: body.channel?.id ?? container.channel_id,
    ts: body.message?.ts ?? container.message_ts,
    ephemeral: container.is_ephemeral === true,
    home: body.view?.type === 'home',
    respond: responder(deps, inbox, body.response_url, respond),
  };
}

/** A press finished after a restart cannot open its form (the trigger expired): it says so. */
function late(result: ActionResult): ActionResult {
  if (!result.form) return result;
  const { form, ...rest } = result;
  return { ...rest, reply: withoutForm({ blocks: [], ...rest.reply, form }, 'pulse de nuevo el botón') };
}

async function apply(
  deps: SlackDeps,
  body: BlockAction,
  source: Source,
  result: ActionResult,
  person: Person,
) {
  const user = body.user.id;
  if (result.form) {
    await deps.sender.client.views.open({
      trigger_id: body.trigger_id,
      view: renderModal(result.form, {
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
        ...(source.channel ? { channel: source.channel } : {}),
        ...(source.ts && !source.ephemeral ? { messageTs: source.ts } : {}),
        ...(source.home ? { home: true } : {}),
      }),
    });
  }
  if (result.update && !source.home) {
    const posted = !source.ephemeral && source.channel && source.ts;
    await deps.sender.update(
      result.update,
      posted ? { channel: source.channel, ts: source.ts } : { respond: source.respond },
    );
  }
  if (result.reply) {
    if (source.respond) await deps.sender.respond(source.respond, result.reply, user, source.channel);
    else await deps.sender.post(user, result.reply);
  }
  if (source.home) await publishHome(deps, user, person);
}

/**
 * Button presses go to the router by their neutral action id. The result updates the message in place,
 * answers the person, or opens a form as a modal. Two presses of the same button on the same message
 * within a few seconds (a double click) count once.
 */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(/.+/, async ({ ack, body, action, respond, context }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const inbox = inboxContext(context);
    await guarded(deps, `el botón ${action.action_id}`, async () => {
      const user = body.user.id;
      const source = sourceOf(deps, body, respond, inbox);
      const person = await deps.identity.personFor(user);
      if (!person) {
        if (source.respond) await deps.sender.respond(source.respond, unknownPersonReply(deps.db), user);
        return;
      }
      const where = source.home
        ? `home:${body.view?.id ?? ''}`
        : `${source.channel ?? ''}:${source.ts ?? ''}`;
      const key = `press:${user}:${where}:${action.action_id}:${action.value ?? ''}`;
      // A press finished after a restart is the one that claimed it.
      if (!inbox.replay && !deps.handled.claim(key, DOUBLE_CLICK_MS)) return;
      const message: MessageRef | undefined =
        source.channel && source.ts
          ? { platform: 'slack', conversation: source.channel, messageId: source.ts }
          : undefined;
      const actionId = neutralActionId(action.action_id);
      const result = await once(deps, inbox, () =>
        deps.router.handleAction(
          { person, platform: 'slack' },
          { actionId, value: action.value ?? '', ...(message ? { message } : {}) },
        ),
      );
      // Ver más on the App Home pages the Home itself; elsewhere the next page is a new answer.
      if (source.home && actionId === MORE_ACTION && result.reply) {
        await publishHomePage(deps, user, result.reply, action.value ?? '');
        return;
      }
      // Opening a form records nothing: the person may close it and press again at once.
      if (result.form && !result.update && !result.reply) deps.handled.release(key);
      await apply(deps, body, source, inbox.replay ? late(result) : result, person);
    });
  });
}
