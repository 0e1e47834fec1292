import type { FormValues } from '../../chat/registry.ts';
import type { Form, FormField } from '../../chat/reply.ts';
import { isIsoDate } from '../../domain/clock.ts';
import { type CardElement, executeAction, FORM_VERB } from './card-actions.ts';
import { cardMarkdown } from './markdown.ts';

/** What a form card shows besides its fields: what was typed and what was wrong with it. */
export interface FormState {
  values?: FormValues;
  /** Messages by field id; `_` holds the ones that belong to no field. */
  errors?: Record<string, string>;
}

/** A date-and-time field is two inputs (Teams has no single picker); the time one has this suffix. */
const TIME_SUFFIX = '__hora';

const requiredMessage = 'Este dato es obligatorio.';

function base(field: FormField, type: string, id = field.id, label = field.label): CardElement {
  const input: CardElement = { type, id, label };
  if (field.required) {
    input.isRequired = true;
    input.errorMessage = requiredMessage;
  }
  if (field.placeholder) input.placeholder = field.placeholder;
  return input;
}

function withValue(input: CardElement, value: string | undefined): CardElement {
  if (value !== undefined && value !== '') input.value = value;
  return input;
}

function inputs(field: FormField, value: string | undefined): CardElement[] {
  switch (field.kind) {
    case 'text':
      return [withValue(base(field, 'Input.Text'), value)];
    case 'textarea':
      return [withValue({ ...base(field, 'Input.Text'), isMultiline: true }, value)];
    case 'url': {
      const input: CardElement = { ...base(field, 'Input.Text'), style: 'Url', regex: '^https?://\\S+$' };
      input.errorMessage = 'Escriba un enlace que empiece por http:// o https://';
      return [withValue(input, value)];
    }
    case 'number': {
      const input = base(field, 'Input.Number');
      const number = Number(value);
      if (value !== undefined && value.trim() !== '' && Number.isFinite(number)) input.value = number;
      return [input];
    }
    case 'date':
      return [withValue(base(field, 'Input.Date'), value && isIsoDate(value) ? value : undefined)];
    case 'datetime': {
      const [date, time] = (value ?? '').split(/[ T]/);
      const day = withValue(base(field, 'Input.Date'), date && isIsoDate(date) ? date : undefined);
      const hour = base(field, 'Input.Time', `${field.id}${TIME_SUFFIX}`, `${field.label} (hora)`);
      return [day, withValue(hour, time && /^\d{2}:\d{2}$/.test(time) ? time : undefined)];
    }
    case 'select': {
      const options = field.options ?? [];
      // An empty choice set is invalid in a card: let the person type the value instead.
      if (options.length === 0) return [withValue(base(field, 'Input.Text'), value)];
      const choices = options.map((o) => ({ title: o.label, value: o.value }));
      return [withValue({ ...base(field, 'Input.ChoiceSet'), style: 'compact', choices }, value)];
    }
  }
}

function errorText(text: string): CardElement {
  return {
    type: 'TextBlock',
    text: `⚠️ ${cardMarkdown(text)}`,
    wrap: true,
    color: 'Attention',
    size: 'Small',
  };
}

/** The form's title, inputs (with what was typed and the errors under each field) and its submit action. */
export function formElements(
  form: Form,
  state: FormState = {},
): { body: CardElement[]; actions: CardElement[] } {
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      text: cardMarkdown(form.title),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      separator: true,
    },
  ];
  const general = errors._;
  if (general) body.push(errorText(general));
  else if (Object.keys(errors).length > 0) body.push(errorText('No se guardó nada; corrija lo indicado.'));
  for (const field of form.fields) {
    body.push(...inputs(field, values[field.id] ?? field.initial));
    const error = errors[field.id];
    if (error) body.push(errorText(error));
    if (field.hint)
      body.push({
        type: 'TextBlock',
        text: cardMarkdown(field.hint),
        wrap: true,
        isSubtle: true,
        size: 'Small',
      });
  }
  const actions = [executeAction(form.submitLabel, FORM_VERB, { kind: 'form', form }, 'positive')];
  return { body, actions };
}

/** The values of a submitted form by field id; a date-and-time field comes back as `AAAA-MM-DD HH:mm`. */
export function submittedValues(form: Form, typed: Record<string, string>): FormValues {
  const values: FormValues = {};
  for (const field of form.fields) {
    const value = (typed[field.id] ?? '').trim();
    if (field.kind === 'datetime') {
      const time = (typed[`${field.id}${TIME_SUFFIX}`] ?? '').trim();
      values[field.id] = value && time ? `${value} ${time}` : value;
    } else {
      values[field.id] = value;
    }
  }
  return values;
}
