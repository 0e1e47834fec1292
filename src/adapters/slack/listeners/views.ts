import type { App } from '@slack/bolt';
import { type Reply, replyText } from '../../../chat/reply.ts';
import { guarded, type SlackDeps } from '../deps.ts';
import { publishHome } from '../home.ts';
import { unknownPersonReply } from '../identity.ts';
import { fieldErrors, type ModalOrigin, readMetadata, readValues } from '../modal.ts';
import { responderFor } from '../send.ts';

const UNEXPECTED = 'Ocurrió un error inesperado y no se guardó nada. Intente de nuevo en un momento.';

/** After the modal closed: the answer goes where the form came from (or by DM), and updates apply. */
async function answer(deps: SlackDeps, user: string, origin: ModalOrigin, reply: Reply, update?: Reply) {
  if (update && !origin.home) {
    const respond = origin.responseUrl ? responderFor(origin.responseUrl) : undefined;
    await deps.sender.update(
      update,
      origin.channel && origin.messageTs ? { channel: origin.channel, ts: origin.messageTs } : { respond },
    );
  }
  if (origin.home) await publishHome(deps, user);
  if (origin.responseUrl) {
    try {
      await deps.sender.respond(responderFor(origin.responseUrl), reply, user, origin.channel);
      return;
    } catch (error) {
      // Response URLs expire after 30 minutes: a form left open longer answers by DM.
      deps.log(`Respuesta del formulario por mensaje directo: ${(error as Error).message}`);
    }
  }
  await deps.sender.post(user, reply);
}

/**
 * A submitted modal goes to the router's form handler. Its errors are shown on the fields
 * (`response_action: errors`), so the check runs before the ack; saving twice is prevented by the view id.
 */
export function registerViews(app: App, deps: SlackDeps): void {
  app.view({ callback_id: /.+/, type: 'view_submission' }, async ({ ack, body, view }) => {
    const user = body.user.id;
    const origin = readMetadata(view.private_metadata);
    const key = `view:${view.id}`;
    let outcome: { reply: Reply; update?: Reply } | undefined;
    try {
      const person = await deps.identity.personFor(user);
      if (!person) {
        const text = replyText({ ...unknownPersonReply(deps.db), title: undefined });
        await ack({ response_action: 'errors', errors: fieldErrors({ _: text }, view) });
        return;
      }
      if (!deps.handled.claim(key)) {
        await ack();
        return;
      }
      const result = await deps.router.handleSubmit(
        { person, platform: 'slack' },
        view.callback_id,
        readValues(view),
        origin.form,
      );
      if (!result.ok) {
        deps.handled.release(key);
        await ack({ response_action: 'errors', errors: fieldErrors(result.errors, view) });
        return;
      }
      outcome = result;
    } catch (error) {
      deps.handled.release(key);
      deps.log(`Error al recibir el formulario ${view.callback_id} en Slack: ${(error as Error).message}`);
      await ack({ response_action: 'errors', errors: fieldErrors({ _: UNEXPECTED }, view) });
      return;
    }
    await ack();
    const { reply, update } = outcome;
    await guarded(deps, `el formulario ${view.callback_id}`, () => answer(deps, user, origin, reply, update));
  });
}
