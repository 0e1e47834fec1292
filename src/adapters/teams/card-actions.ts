import type { Button, Form } from '../../chat/reply.ts';

/** Verbs of the two kinds of card actions the bot sends: a button press and a form submission. */
export const BUTTON_VERB = 'mipg.boton';
export const FORM_VERB = 'mipg.formulario';

/** Key under which the bot's own data travels in an action, apart from the inputs Teams merges in. */
const KEY = 'mipg';

export type CardElement = Record<string, unknown>;

export type ActionData =
  | { kind: 'button'; actionId: string; value: string }
  /** The whole form travels with its submit action, so errors can be shown on the same card. */
  | { kind: 'form'; form: Form };

/**
 * An `Action.Execute` (Universal Actions: Teams answers with the card to show in place) with an
 * `Action.Submit` fallback for clients without it, such as the Bot Framework Emulator.
 */
export function executeAction(
  title: string,
  verb: string,
  data: ActionData,
  style?: 'positive' | 'destructive',
): CardElement {
  const payload = { [KEY]: data };
  const action: CardElement = { type: 'Action.Execute', title, verb, data: payload };
  if (style) action.style = style;
  action.fallback = { type: 'Action.Submit', title, data: { verb, ...payload } };
  return action;
}

export function buttonAction(button: Button): CardElement {
  const style =
    button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  return executeAction(
    button.label,
    BUTTON_VERB,
    { kind: 'button', actionId: button.actionId, value: button.value },
    style,
  );
}

/** What came back with an action: the bot's data and the values typed in the card's inputs. */
export interface ActionPayload {
  data: ActionData;
  inputs: Record<string, string>;
}

function isForm(value: unknown): value is Form {
  const form = value as Form | undefined;
  return typeof form?.id === 'string' && Array.isArray(form.fields);
}

/** Reads an action's data (`value.action.data` of an invoke, `value` of a submit); undefined if foreign. */
export function readActionPayload(raw: unknown): ActionPayload | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { [KEY]: own, verb: _verb, ...rest } = raw as Record<string, unknown>;
  const data = own as ActionData | undefined;
  const valid =
    (data?.kind === 'button' && typeof data.actionId === 'string' && typeof data.value === 'string') ||
    (data?.kind === 'form' && isForm(data.form));
  if (!data || !valid) return undefined;
  const inputs: Record<string, string> = {};
  for (const [id, value] of Object.entries(rest)) {
    if (typeof value === 'string' || typeof value === 'number') inputs[id] = String(value);
  }
  return { data, inputs };
}
