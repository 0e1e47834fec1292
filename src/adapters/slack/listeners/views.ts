import type { App, SlackViewAction, ViewOutput } from '@slack/bolt';
import { errorReply, type Reply, replyText, textReply } from '../../../chat/reply.ts';
import { errorFields } from '../../../domain/logger.ts';
import { ACK_BUDGET_MS, guarded, type SlackDeps, within } from '../deps.ts';
import { publishHome } from '../home.ts';
import { unknownPersonReply } from '../identity.ts';
import { inboxContext } from '../inbox.ts';
import { fieldErrors, type ModalOrigin, readMetadata, readValues } from '../modal.ts';
import { responderFor } from '../send.ts';

const UNEXPECTED = 'Ocurrió un error inesperado y no se guardó nada. Intente de nuevo en un momento.';

/** What the check of a submission decided before Slack gets its answer. */
type Outcome =
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'saved'; reply: Reply; update?: Reply }
  | { kind: 'repeated' };

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
      deps.log.warn(`Respuesta del formulario por mensaje directo: ${(error as Error).message}`, {
        ...errorFields(error),
      });
    }
  }
  await deps.sender.post(user, reply);
}

/** Runs the form's handler: who is submitting, once per view, and the handler's own checks. */
async function check(
  deps: SlackDeps,
  body: SlackViewAction,
  view: ViewOutput,
  key: string,
): Promise<Outcome> {
  try {
    const person = await deps.identity.personFor(body.user.id);
    if (!person)
      return {
        kind: 'errors',
        errors: { _: replyText({ ...unknownPersonReply(deps.db), title: undefined }) },
      };
    if (!deps.handled.claim(key)) return { kind: 'repeated' };
    const origin = readMetadata(view.private_metadata);
    const result = await deps.router.handleSubmit(
      { person, platform: 'slack' },
      view.callback_id,
      readValues(view),
      origin.form,
    );
    if (result.ok)
      return { kind: 'saved', reply: result.reply, ...(result.update ? { update: result.update } : {}) };
    deps.handled.release(key);
    return { kind: 'errors', errors: result.errors };
  } catch (error) {
    deps.handled.release(key);
    deps.log.error(
      `Error al recibir el formulario ${view.callback_id} en Slack: ${(error as Error).message}`,
      {
        form: view.callback_id,
        ...errorFields(error, { stack: true }),
      },
    );
    return { kind: 'errors', errors: { _: UNEXPECTED } };
  }
}

/** Errors that arrive after the modal closed, as a message naming each field. */
function lateErrors(errors: Record<string, string>, view: ViewOutput): Reply {
  const labels = new Map(
    view.blocks.flatMap((b) =>
      b.type === 'input' && 'block_id' in b && b.block_id && 'label' in b ? [[b.block_id, b.label.text]] : [],
    ),
  );
  const lines = Object.entries(errors).map(([id, message]) =>
    labels.has(id) ? `${labels.get(id)}: ${message}` : message,
  );
  return errorReply('No se guardó nada del formulario:', ...lines, 'Ábralo de nuevo y corrija.');
}

/** What the person is told once the modal closed: the answer, the late errors, or (after a restart) a doubt. */
async function deliver(
  deps: SlackDeps,
  body: SlackViewAction,
  view: ViewOutput,
  outcome: Outcome,
  replay: boolean,
): Promise<void> {
  const user = body.user.id;
  const origin = readMetadata(view.private_metadata);
  if (outcome.kind === 'saved') await answer(deps, user, origin, outcome.reply, outcome.update);
  else if (outcome.kind === 'errors') await answer(deps, user, origin, lateErrors(outcome.errors, view));
  else if (replay) {
    // The stopped run claimed the submission and may or may not have saved it before stopping.
    const doubt = textReply(
      `No se pudo confirmar si el formulario «${view.title.text}» quedó guardado: el bot se detuvo mientras lo guardaba. Revíselo antes de enviarlo de nuevo.`,
      { tone: 'warning', visibility: 'private' },
    );
    await answer(deps, user, origin, doubt);
  }
}

/**
 * A submitted modal goes to the router's form handler. Its errors are shown on the fields
 * (`response_action: errors`), so the check runs before the ack; saving twice is prevented by the view id.
 * A check that outlasts `ackBudgetMs` (a slow handler, Slack slow to answer) closes the modal anyway,
 * within Slack's 3 seconds, and its outcome arrives as a message.
 */
export function registerViews(app: App, deps: SlackDeps, ackBudgetMs = ACK_BUDGET_MS): void {
  app.view({ callback_id: /.+/, type: 'view_submission' }, async ({ ack, body, view, context }) => {
    const inbox = inboxContext(context);
    const what = `el formulario ${view.callback_id}`;
    if (inbox.replay) {
      // Finished after a restart: the modal closed long ago, so every outcome goes as a message.
      const outcome =
        deps.inbox.kept<Outcome>(inbox.inboxId) ?? (await check(deps, body, view, `view:${view.id}`));
      await guarded(deps, what, () => deliver(deps, body, view, outcome, true));
      return;
    }
    const checking = check(deps, body, view, `view:${view.id}`);
    const first = await within(checking, ackBudgetMs);
    if (first !== 'late' && first.kind === 'errors') {
      // The errors go on the fields in the ack itself: nothing is left to do after it.
      inbox.complete = true;
      await ack({ response_action: 'errors', errors: fieldErrors(first.errors, view) });
      return;
    }
    // Kept with the request before the ack: from the ack on, Slack will not send this submission again.
    if (first !== 'late') inbox.outcome = first;
    await ack();
    const outcome = await checking;
    if (first === 'late') deps.inbox.keep(inbox.inboxId, outcome);
    await guarded(deps, what, () => deliver(deps, body, view, outcome, false));
  });
}
