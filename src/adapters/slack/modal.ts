import { TZDate } from '@date-fns/tz';
import type { types as slack, ViewOutput } from '@slack/bolt';
import { format } from 'date-fns';
import type { FormValues } from '../../chat/registry.ts';
import type { Form, FormField } from '../../chat/reply.ts';
import { BOGOTA, bogotaInstant, isIsoDate } from '../../domain/clock.ts';
import { LIMITS } from './limits.ts';
import { cut, toPlain } from './mrkdwn.ts';

/** Where a modal came from, kept in its private_metadata to answer and update after the submission. */
export interface ModalOrigin {
  /** The response URL of the command or button that opened it (answers in that conversation). */
  responseUrl?: string;
  channel?: string;
  /** The message holding the button, to update it in place. */
  messageTs?: string;
  /** Opened from the App Home: refresh it after the submission. */
  home?: boolean;
}

interface Metadata extends ModalOrigin {
  /** The neutral form's own metadata. */
  form?: string;
}

function plain(text: string, max: number): slack.PlainTextElement {
  return { type: 'plain_text', text: cut(toPlain(text), max) || '—', emoji: true };
}

function option(o: { label: string; value: string }): slack.PlainTextOption {
  return { text: plain(o.label, LIMITS.optionText), value: o.value };
}

/** `YYYY-MM-DDTHH:mm` (or with a space) in Bogotá time → Unix seconds, for the datetime picker. */
function bogotaSeconds(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(text);
  if (!match?.[1] || !match[2] || !isIsoDate(match[1])) return undefined;
  return Math.floor(bogotaInstant(match[1], match[2]).getTime() / 1000);
}

function selectElement(field: FormField): slack.StaticSelect {
  const options = (field.options ?? []).filter((o) => o.value.length <= LIMITS.optionValue).map(option);
  const element: slack.StaticSelect = { type: 'static_select', action_id: field.id };
  if (options.length <= LIMITS.selectOptions) element.options = options;
  else {
    // Beyond 100 options Slack takes groups of up to 100 each.
    element.option_groups = [];
    for (let i = 0; i < options.length; i += LIMITS.selectOptions) {
      const group = options.slice(i, i + LIMITS.selectOptions);
      element.option_groups.push({ label: plain(`${i + 1}–${i + group.length}`, 75), options: group });
    }
  }
  const initial = options.find((o) => o.value === field.initial);
  if (initial) element.initial_option = initial;
  return element;
}

function inputElement(field: FormField): slack.InputBlock['element'] {
  const id = field.id;
  const initial = field.initial ?? '';
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        type: 'plain_text_input',
        action_id: id,
        multiline: field.kind === 'textarea',
        max_length: LIMITS.textInput,
        ...(initial ? { initial_value: cut(initial, LIMITS.textInput) } : {}),
      };
    case 'url':
      return { type: 'url_text_input', action_id: id, ...(initial ? { initial_value: initial } : {}) };
    case 'number':
      return {
        type: 'number_input',
        action_id: id,
        is_decimal_allowed: true,
        ...(initial && Number.isFinite(Number(initial)) ? { initial_value: initial } : {}),
      };
    case 'date':
      return { type: 'datepicker', action_id: id, ...(isIsoDate(initial) ? { initial_date: initial } : {}) };
    case 'datetime': {
      const seconds = bogotaSeconds(initial);
      return { type: 'datetimepicker', action_id: id, ...(seconds ? { initial_date_time: seconds } : {}) };
    }
    case 'select':
      return selectElement(field);
  }
}

function inputBlock(field: FormField): slack.InputBlock {
  const element = inputElement(field);
  if (field.placeholder && 'action_id' in element && element.type !== 'datetimepicker') {
    (element as { placeholder?: slack.PlainTextElement }).placeholder = plain(
      field.placeholder,
      LIMITS.placeholder,
    );
  }
  const block: slack.InputBlock = {
    type: 'input',
    block_id: field.id,
    label: plain(field.label, LIMITS.inputLabel),
    optional: !field.required,
    element,
  };
  if (field.hint) block.hint = plain(field.hint, LIMITS.inputLabel);
  return block;
}

/** The neutral form as a Slack modal; `callback_id` routes the submission back to the form's handler. */
export function renderModal(form: Form, origin: ModalOrigin = {}): slack.ModalView {
  const metadata: Metadata = { ...origin };
  if (form.metadata !== undefined) metadata.form = form.metadata;
  let privateMetadata = JSON.stringify(metadata);
  // The form's own metadata must survive; where it came from is a convenience.
  if (privateMetadata.length > LIMITS.privateMetadata)
    privateMetadata = JSON.stringify({ form: form.metadata });
  if (privateMetadata.length > LIMITS.privateMetadata) {
    throw new Error(`Los datos del formulario «${form.id}» no caben en un modal de Slack.`);
  }
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalTitle),
    close: plain('Cancelar', LIMITS.modalTitle),
    private_metadata: privateMetadata,
    blocks: form.fields.slice(0, LIMITS.surfaceBlocks).map(inputBlock),
  };
}

/** Reads back the origin and the form's metadata from a submitted modal. */
export function readMetadata(privateMetadata: string | undefined): Metadata {
  if (!privateMetadata) return {};
  try {
    const parsed: unknown = JSON.parse(privateMetadata);
    return parsed && typeof parsed === 'object' ? (parsed as Metadata) : {};
  } catch {
    return {};
  }
}

type StateValue = ViewOutput['state']['values'][string][string];

function submittedValue(state: StateValue): string {
  switch (state.type) {
    case 'datepicker':
      return state.selected_date ?? '';
    case 'datetimepicker':
      return state.selected_date_time
        ? format(new TZDate(state.selected_date_time * 1000, BOGOTA), "yyyy-MM-dd'T'HH:mm")
        : '';
    case 'static_select':
      return state.selected_option?.value ?? '';
    default:
      return state.value ?? '';
  }
}

/** The submitted values by field id; a datetime comes back as `YYYY-MM-DDTHH:mm` in Bogotá time. */
export function readValues(view: Pick<ViewOutput, 'state'>): FormValues {
  const values: FormValues = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const state = actions[blockId] ?? Object.values(actions)[0];
    if (state) values[blockId] = submittedValue(state);
  }
  return values;
}

/**
 * Errors keyed by the modal's block ids, as `response_action: errors` wants them. An error that belongs
 * to no field (`_`, or an unknown id) goes on the first field, joined with any already there.
 */
export function fieldErrors(
  errors: Record<string, string>,
  view: Pick<ViewOutput, 'blocks'>,
): Record<string, string> {
  const ids = view.blocks.flatMap((b) =>
    b.type === 'input' && 'block_id' in b && b.block_id ? [b.block_id] : [],
  );
  const first = ids[0] ?? '_';
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    const target = ids.includes(key) ? key : first;
    out[target] = cut(out[target] ? `${out[target]} ${message}` : message, 2000);
  }
  return out;
}
