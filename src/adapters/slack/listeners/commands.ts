import type { App, RespondFn } from '@slack/bolt';
import { errorReply, type Reply } from '../../../chat/reply.ts';
import { errorFields } from '../../../domain/logger.ts';
import { ACK_BUDGET_MS, guarded, type SlackDeps, within } from '../deps.ts';
import { unknownPersonReply } from '../identity.ts';
import { type InboxContext, inboxContext } from '../inbox.ts';
import { renderModal } from '../modal.ts';
import { fromSlackText } from '../mrkdwn.ts';
import { once, responder, withoutForm } from './replay.ts';

const failed = errorReply(
  'Ocurrió un error al atender la orden en Slack.',
  'Intente de nuevo en un momento; si se repite, avise a la coordinación MIPG.',
);

interface Command {
  command: string;
  text?: string;
  user_id: string;
  channel_id: string;
  trigger_id: string;
  response_url?: string;
}

/**
 * What a command comes to: the answer, or undefined for a second delivery of a command already run.
 * Who typed it, once per trigger, through the router; a failure is logged and answered as such.
 */
async function answerTo(deps: SlackDeps, command: Command, typed: string): Promise<Reply | undefined> {
  try {
    const person = await deps.identity.personFor(command.user_id);
    if (!person) return unknownPersonReply(deps.db);
    // Slack does not retry slash commands, but a proxy or a retried delivery might: a command that writes
    // runs once per trigger. One that only reads answers each delivery (nothing is written for it).
    const claim = () => deps.handled.claim(`command:${command.trigger_id}`);
    if (deps.router.writes(typed) && !claim()) return undefined;
    return await deps.router.handleText({ person, platform: 'slack' }, typed);
  } catch (error) {
    deps.log.error(`Error al atender la orden ${command.command} en Slack: ${(error as Error).message}`, {
      what: `la orden ${command.command}`,
      ...errorFields(error, { stack: true }),
    });
    return failed;
  }
}

/**
 * Every slash command (`/tareas`, `/estado`…) goes to the router as typed text: `/estado` + `tareas`
 * is `estado tareas`. An answer ready within `ackBudgetMs` that fits one message (no form, no image)
 * goes in the ack itself, as Slack allows: one HTTP response and nothing left to finish. Otherwise the
 * ack goes alone, within Slack's 3 seconds, and the answer follows on the response URL (a form opens
 * as a modal). A command finished after a restart (see DurableReceiver) answers on its response URL
 * while Slack takes it, else by direct message, and cannot open a modal any more.
 */
export function registerCommands(app: App, deps: SlackDeps, ackBudgetMs = ACK_BUDGET_MS): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client, context }) => {
    const inbox = inboxContext(context);
    const typed = `${command.command} ${fromSlackText(command.text ?? '')}`;
    if (inbox.replay) {
      await finishAfterRestart(deps, command, typed, inbox);
      return;
    }
    const working = answerTo(deps, command, typed);
    const first = await within(working, ackBudgetMs);
    if (first !== 'late') {
      const whole = first && deps.sender.inAck(first);
      if (!first || whole) {
        // The whole answer (or, for a command already run, nothing) goes in the ack: nothing is left after it.
        inbox.complete = true;
        await ack(whole);
        return;
      }
      // Kept with the request before the ack: a restart sends it rather than running the command again.
      inbox.outcome = first;
    }
    await ack();
    const reply = await working;
    if (!reply) return;
    if (first === 'late') deps.inbox.keep(inbox.inboxId, reply);
    const answer = (r: Reply) => deps.sender.respond(respond, r, command.user_id, command.channel_id);
    await guarded(
      deps,
      `la orden ${command.command}`,
      async () => {
        if (reply.form) {
          if (first === 'late') {
            // The trigger expired three seconds after the command: no modal can open any more.
            await answer(withoutForm(reply, `escriba de nuevo ${command.command}`));
            return;
          }
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

/** A command a stopped run acknowledged: its kept answer (or the work, once more) on the URL or by DM. */
async function finishAfterRestart(
  deps: SlackDeps,
  command: Command,
  typed: string,
  inbox: InboxContext,
): Promise<void> {
  const via: RespondFn | undefined = responder(deps, inbox, command.response_url, undefined);
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
      const reply = await once(deps, inbox, async () => {
        const person = await deps.identity.personFor(command.user_id);
        if (!person) return unknownPersonReply(deps.db);
        return deps.router.handleText({ person, platform: 'slack' }, typed);
      });
      await answer(withoutForm(reply, `escriba de nuevo ${command.command}`));
    },
    () => answer(failed),
  );
}
