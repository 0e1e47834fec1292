import type { App } from '@slack/bolt';
import { errorReply } from '../../../chat/reply.ts';
import { guarded, type SlackDeps } from '../deps.ts';
import { unknownPersonReply } from '../identity.ts';
import { renderModal } from '../modal.ts';
import { fromSlackText } from '../mrkdwn.ts';

const failed = errorReply(
  'Ocurrió un error al atender la orden en Slack.',
  'Intente de nuevo en un momento; si se repite, avise a la coordinación MIPG.',
);

/**
 * Every slash command (`/tareas`, `/estado`…) goes to the router as typed text: `/estado` + `tareas`
 * is `estado tareas`. The ack goes first, so Slack's 3 seconds never run out while the work is done.
 */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    await ack();
    await guarded(
      deps,
      `la orden ${command.command}`,
      async () => {
        const person = await deps.identity.personFor(command.user_id);
        if (!person) {
          await deps.sender.respond(respond, unknownPersonReply(deps.db), command.user_id);
          return;
        }
        // Slack does not retry slash commands, but a proxy or a retried delivery might: one trigger, one run.
        if (!deps.handled.claim(`command:${command.trigger_id}`)) return;
        const reply = await deps.router.handleText(
          { person, platform: 'slack' },
          `${command.command} ${fromSlackText(command.text ?? '')}`,
        );
        if (reply.form) {
          // The trigger id expires three seconds after the command: open the modal before anything else.
          await client.views.open({
            trigger_id: command.trigger_id,
            view: renderModal(reply.form, { responseUrl: command.response_url, channel: command.channel_id }),
          });
          if (reply.blocks.length === 0) return;
        }
        await deps.sender.respond(respond, reply, command.user_id, command.channel_id);
      },
      () => deps.sender.respond(respond, failed, command.user_id),
    );
  });
}
