import type { App } from '@slack/bolt';
import { errorReply, type Reply } from '../../../chat/reply.ts';
import { guarded, type SlackDeps } from '../deps.ts';
import { unknownPersonReply } from '../identity.ts';
import { inboxContext } from '../inbox.ts';
import { renderModal } from '../modal.ts';
import { fromSlackText } from '../mrkdwn.ts';
import { once, responder, withoutForm } from './replay.ts';

const failed = errorReply(
  'Ocurrió un error al atender la orden en Slack.',
  'Intente de nuevo en un momento; si se repite, avise a la coordinación MIPG.',
);

/**
 * Every slash command (`/tareas`, `/estado`…) goes to the router as typed text: `/estado` + `tareas`
 * is `estado tareas`. The ack goes first, so Slack's 3 seconds never run out while the work is done.
 * A command finished after a restart (see DurableReceiver) answers on its response URL while Slack
 * takes it, else by direct message, and cannot open a modal any more.
 */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client, context }) => {
    await ack();
    // The work waits its turn behind requests already read: their acks go out first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const inbox = inboxContext(context);
    const typed = `${command.command} ${fromSlackText(command.text ?? '')}`;
    const via = responder(deps, inbox, command.response_url, respond);
    const answer = async (reply: Reply) => {
      if (via) return deps.sender.respond(via, reply, command.user_id, command.channel_id);
      const late: Reply = {
        ...reply,
        blocks: [...reply.blocks, { kind: 'context', text: `Respuesta a «${typed.trim()}».` }],
      };
      await deps.sender.post(command.user_id, late);
    };
    await guarded(
      deps,
      `la orden ${command.command}`,
      async () => {
        const person = await deps.identity.personFor(command.user_id);
        if (!person) return answer(unknownPersonReply(deps.db));
        // Slack does not retry slash commands, but a proxy or a retried delivery might: one trigger, one run.
        // A request finished after a restart is the one that claimed it.
        if (!inbox.replay && !deps.handled.claim(`command:${command.trigger_id}`)) return;
        const reply = await once(deps, inbox, () =>
          deps.router.handleText({ person, platform: 'slack' }, typed),
        );
        if (inbox.replay) return answer(withoutForm(reply, `escriba de nuevo ${command.command}`));
        if (reply.form) {
          // The trigger id expires three seconds after the command: open the modal before anything else.
          await client.views.open({
            trigger_id: command.trigger_id,
            view: renderModal(reply.form, { responseUrl: command.response_url, channel: command.channel_id }),
          });
          if (reply.blocks.length === 0) return;
        }
        await answer(reply);
      },
      () => answer(failed),
    );
  });
}
