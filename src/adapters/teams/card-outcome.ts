import type { MessageRef } from '../../chat/messenger.ts';
import type { Reply } from '../../chat/reply.ts';
import type { Incoming, Router } from '../../chat/router.ts';
import type { ActionPayload } from './card-actions.ts';
import { type AdaptiveCard, formCard, replyCard } from './cards.ts';
import { submittedValues } from './form-card.ts';
import type { PersonLookup } from './markdown.ts';

/** What pressing a button or submitting a form on a card leads to. */
export interface CardOutcome {
  /** Shown in place of the card that held the action. */
  card?: AdaptiveCard;
  /** New messages for the person. */
  replies: Reply[];
}

/** A card action handed to the router: a button press or a form submission, validated there. */
export async function cardOutcome(
  router: Router,
  incoming: Incoming,
  payload: ActionPayload,
  people: PersonLookup,
  message?: MessageRef,
): Promise<CardOutcome> {
  const { data } = payload;
  if (data.kind === 'button') {
    const result = await router.handleAction(incoming, {
      actionId: data.actionId,
      value: data.value,
      ...(message ? { message } : {}),
    });
    // A form opens where the button was; an update replaces the card; a reply comes as a new message.
    const card = result.form
      ? formCard(result.form)
      : result.update
        ? replyCard(result.update, people)
        : undefined;
    return { ...(card ? { card } : {}), replies: result.reply ? [result.reply] : [] };
  }
  const { form } = data;
  const values = submittedValues(form, payload.inputs);
  const result = await router.handleSubmit(incoming, form.id, values, form.metadata);
  if (!result.ok) return { card: formCard(form, { values, errors: result.errors }), replies: [] };
  // The form's card becomes the outcome; when the handler also updates the original message, that wins.
  if (result.update) return { card: replyCard(result.update, people), replies: [result.reply] };
  return { card: replyCard(result.reply, people), replies: [] };
}
