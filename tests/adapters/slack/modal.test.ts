import type { types as slack } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { fieldErrors, readMetadata, readValues, renderModal } from '../../../src/adapters/slack/modal.ts';
import type { Form } from '../../../src/chat/reply.ts';

const form: Form = {
  id: 'indicador.reporte',
  title: 'Reportar indicador de gestión PI-01',
  submitLabel: 'Guardar',
  metadata: 'PI-01|2026-T3',
  fields: [
    { id: 'valor', label: 'Valor', kind: 'number', required: true, initial: '12.5' },
    { id: 'enlace', label: 'Evidencia', kind: 'url', placeholder: 'https://…' },
    { id: 'nota', label: 'Análisis', kind: 'textarea', hint: 'Qué pasó en el periodo' },
    { id: 'titulo', label: 'Título', kind: 'text', initial: 'Informe' },
    { id: 'fecha', label: 'Fecha', kind: 'date', initial: '2026-09-30' },
    { id: 'sesion', label: 'Sesión', kind: 'datetime', initial: '2026-09-30T14:30' },
    {
      id: 'nivel',
      label: 'Nivel',
      kind: 'select',
      initial: 'alto',
      options: [
        { label: 'Bajo', value: 'bajo' },
        { label: 'Alto', value: 'alto' },
      ],
    },
  ],
};

describe('modal renderer of neutral forms', () => {
  it('renders each field kind as its Slack input and keeps the origin in private_metadata', () => {
    const view = renderModal(form, { responseUrl: 'http://127.0.0.1/r', channel: 'C1', messageTs: '1.2' });
    expect(view).toEqual({
      type: 'modal',
      callback_id: 'indicador.reporte',
      title: { type: 'plain_text', text: 'Reportar indicador de g…', emoji: true },
      submit: { type: 'plain_text', text: 'Guardar', emoji: true },
      close: { type: 'plain_text', text: 'Cancelar', emoji: true },
      private_metadata: JSON.stringify({
        responseUrl: 'http://127.0.0.1/r',
        channel: 'C1',
        messageTs: '1.2',
        form: 'PI-01|2026-T3',
      }),
      blocks: [
        {
          type: 'input',
          block_id: 'valor',
          label: { type: 'plain_text', text: 'Valor', emoji: true },
          optional: false,
          element: {
            type: 'number_input',
            action_id: 'valor',
            is_decimal_allowed: true,
            initial_value: '12.5',
          },
        },
        {
          type: 'input',
          block_id: 'enlace',
          label: { type: 'plain_text', text: 'Evidencia', emoji: true },
          optional: true,
          element: {
            type: 'url_text_input',
            action_id: 'enlace',
            placeholder: { type: 'plain_text', text: 'https://…', emoji: true },
          },
        },
        {
          type: 'input',
          block_id: 'nota',
          label: { type: 'plain_text', text: 'Análisis', emoji: true },
          optional: true,
          hint: { type: 'plain_text', text: 'Qué pasó en el periodo', emoji: true },
          element: { type: 'plain_text_input', action_id: 'nota', multiline: true, max_length: 3000 },
        },
        {
          type: 'input',
          block_id: 'titulo',
          label: { type: 'plain_text', text: 'Título', emoji: true },
          optional: true,
          element: {
            type: 'plain_text_input',
            action_id: 'titulo',
            multiline: false,
            max_length: 3000,
            initial_value: 'Informe',
          },
        },
        {
          type: 'input',
          block_id: 'fecha',
          label: { type: 'plain_text', text: 'Fecha', emoji: true },
          optional: true,
          element: { type: 'datepicker', action_id: 'fecha', initial_date: '2026-09-30' },
        },
        {
          type: 'input',
          block_id: 'sesion',
          label: { type: 'plain_text', text: 'Sesión', emoji: true },
          optional: true,
          // 14:30 in Bogotá is 19:30 UTC.
          element: { type: 'datetimepicker', action_id: 'sesion', initial_date_time: 1790796600 },
        },
        {
          type: 'input',
          block_id: 'nivel',
          label: { type: 'plain_text', text: 'Nivel', emoji: true },
          optional: true,
          element: {
            type: 'static_select',
            action_id: 'nivel',
            options: [
              { text: { type: 'plain_text', text: 'Bajo', emoji: true }, value: 'bajo' },
              { text: { type: 'plain_text', text: 'Alto', emoji: true }, value: 'alto' },
            ],
            initial_option: { text: { type: 'plain_text', text: 'Alto', emoji: true }, value: 'alto' },
          },
        },
      ],
    });
    expect(readMetadata(view.private_metadata)).toMatchObject({ form: 'PI-01|2026-T3', channel: 'C1' });
  });

  it('groups more than 100 options', () => {
    const options = Array.from({ length: 150 }, (_, i) => ({ label: `P${i}`, value: `p${i}` }));
    const view = renderModal({ ...form, fields: [{ id: 'p', label: 'Proceso', kind: 'select', options }] });
    const element = (view.blocks[0] as slack.InputBlock).element;
    expect(element.type === 'static_select' && element.option_groups?.map((g) => g.options.length)).toEqual([
      100, 50,
    ]);
  });

  it('reads submitted values of every input type, datetimes in Bogotá time', () => {
    const values = readValues({
      state: {
        values: {
          valor: { valor: { type: 'number_input', value: '7' } },
          enlace: { enlace: { type: 'url_text_input', value: null } },
          fecha: { fecha: { type: 'datepicker', selected_date: '2026-10-01' } },
          sesion: { sesion: { type: 'datetimepicker', selected_date_time: 1790796600 } },
          nivel: {
            nivel: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'Alto' }, value: 'alto' },
            },
          },
        },
      },
    });
    expect(values).toEqual({
      valor: '7',
      enlace: '',
      fecha: '2026-10-01',
      sesion: '2026-09-30T14:30',
      nivel: 'alto',
    });
  });

  it('puts errors on their fields and the general one on the first field', () => {
    const view = renderModal(form);
    expect(fieldErrors({ enlace: 'No es un enlace.', _: 'Plazo cerrado.', otro: 'Raro.' }, view)).toEqual({
      enlace: 'No es un enlace.',
      valor: 'Plazo cerrado. Raro.',
    });
  });
});
