import { describe, expect, it } from 'vitest';
import { readActionPayload } from '../../../src/adapters/teams/card-actions.ts';
import { formCard, MAX_IMAGE_BYTES, replyCard } from '../../../src/adapters/teams/cards.ts';
import { submittedValues } from '../../../src/adapters/teams/form-card.ts';
import type { PersonLookup } from '../../../src/adapters/teams/markdown.ts';
import { type Form, mention, type Reply } from '../../../src/chat/reply.ts';
import { cardProblems } from './validate-card.ts';

const people: PersonLookup = (id) =>
  ({
    1: { name: 'Ana Coordinadora', teamsId: '00000000-0000-0000-0000-0000000000a1' },
    2: { name: 'Luis Líder', teamsId: null },
  })[id];

/** A tiny but real PNG (1×1, transparent). */
const png = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const everyBlock: Reply = {
  title: 'Recordatorio de la tarea 2.3',
  tone: 'warning',
  blocks: [
    { kind: 'text', text: `Hola ${mention(1)} y ${mention(2)}: la tarea *2.3* vence el *viernes*.` },
    { kind: 'fields', fields: [{ label: 'Estado', value: '🔵 En curso' }] },
    { kind: 'divider' },
    { kind: 'list', title: 'Vencidas', items: ['*1.1* Caracterizar', '*1.2* Publicar'], more: { count: 4 } },
    { kind: 'list', items: [], empty: 'No hay tareas.' },
    {
      kind: 'table',
      title: 'Por actividad',
      columns: ['Actividad', 'Total'],
      rows: [['1. Grupos de valor', '4']],
    },
    {
      kind: 'actions',
      buttons: [
        { label: 'Marcar cumplida', actionId: 'tarea.cumplida', value: '2.3', style: 'primary' },
        { label: 'Descartar', actionId: 'tarea.descartar', value: '2.3', style: 'danger' },
      ],
    },
    { kind: 'image', title: 'Semáforo', alt: 'Gráfico del semáforo', png },
    { kind: 'context', text: 'Detalle: /tarea 2.3' },
  ],
};

const everyField: Form = {
  id: 'prueba.formulario',
  title: 'Reportar indicador',
  submitLabel: 'Guardar',
  metadata: 'IND-01',
  fields: [
    { id: 'nombre', label: 'Nombre', kind: 'text', required: true, placeholder: 'Escriba…' },
    { id: 'nota', label: 'Nota', kind: 'textarea', hint: 'Opcional.' },
    { id: 'enlace', label: 'Enlace', kind: 'url', required: true },
    { id: 'valor', label: 'Valor', kind: 'number', required: true },
    { id: 'fecha', label: 'Fecha', kind: 'date' },
    { id: 'sesion', label: 'Sesión', kind: 'datetime', required: true },
    {
      id: 'periodo',
      label: 'Periodo',
      kind: 'select',
      options: [
        { label: 'Trimestre 1', value: '2026-T1' },
        { label: 'Trimestre 2', value: '2026-T2' },
      ],
    },
    { id: 'vacio', label: 'Sin opciones', kind: 'select', options: [] },
  ],
};

describe('Adaptive Card renderer', () => {
  it('is checked by a validator that does report broken cards', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Text', id: 'a', isRequired: true }],
    };
    expect(cardProblems(broken)).toEqual([
      'validate: Required inputs should have a label',
      'validate: Required inputs should have an error message',
    ]);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Tabla' }] })).toHaveLength(1);
  });

  it('renders every kind of block as a valid 1.5 card', () => {
    const card = replyCard(everyBlock, people);
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    expect(card.body[0]).toEqual({
      type: 'TextBlock',
      text: '⚠️ Recordatorio de la tarea 2.3',
      wrap: true,
      size: 'Medium',
      weight: 'Bolder',
      color: 'Warning',
    });
    expect(card.body[1]).toEqual({
      type: 'TextBlock',
      text: 'Hola <at>Ana Coordinadora</at> y Luis Líder: la tarea **2.3** vence el **viernes**.',
      wrap: true,
    });
    expect(card.body[2]).toEqual({ type: 'FactSet', facts: [{ title: 'Estado', value: '🔵 En curso' }] });
  });

  it('mentions only people with a Teams id, with the entity Teams needs to notify them', () => {
    const card = replyCard(everyBlock, people);
    expect(card.msteams.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Ana Coordinadora</at>',
        mentioned: { id: '8:orgid:00000000-0000-0000-0000-0000000000a1', name: 'Ana Coordinadora' },
      },
    ]);
  });

  it('turns a divider into a separator, lists into bullet lines and counts what was left out', () => {
    const card = replyCard(everyBlock, people);
    expect(card.body[3]).toEqual({
      type: 'Container',
      separator: true,
      items: [
        { type: 'TextBlock', text: 'Vencidas', wrap: true, weight: 'Bolder' },
        { type: 'TextBlock', text: '• **1.1** Caracterizar', wrap: true, spacing: 'Small' },
        { type: 'TextBlock', text: '• **1.2** Publicar', wrap: true, spacing: 'Small' },
        { type: 'TextBlock', text: '… y 4 más', wrap: true, isSubtle: true, spacing: 'Small' },
      ],
    });
    expect(card.body[4]).toEqual({
      type: 'Container',
      items: [{ type: 'TextBlock', text: 'No hay tareas.', wrap: true, isSubtle: true }],
    });
  });

  it('renders tables as Table elements with a header row', () => {
    const card = replyCard(everyBlock, people);
    const table = card.body.find((e) => e.type === 'Table') as {
      rows: { cells: { items: { text: string }[] }[] }[];
    };
    expect(table.rows.map((r) => r.cells.map((c) => c.items[0]?.text))).toEqual([
      ['Actividad', 'Total'],
      ['1.\u00a0Grupos de valor', '4'],
    ]);
  });

  it('turns buttons into Action.Execute with an Action.Submit fallback carrying the action id and value', () => {
    const card = replyCard(everyBlock, people);
    const set = card.body.find((e) => e.type === 'ActionSet') as { actions: Record<string, unknown>[] };
    expect(set.actions[0]).toEqual({
      type: 'Action.Execute',
      title: 'Marcar cumplida',
      verb: 'mipg.boton',
      data: { mipg: { kind: 'button', actionId: 'tarea.cumplida', value: '2.3' } },
      style: 'positive',
      fallback: {
        type: 'Action.Submit',
        title: 'Marcar cumplida',
        data: { verb: 'mipg.boton', mipg: { kind: 'button', actionId: 'tarea.cumplida', value: '2.3' } },
      },
    });
    expect(set.actions[1]?.style).toBe('destructive');
  });

  it('embeds a small PNG as a data URI and replaces a too-large one with a note', () => {
    const small = replyCard(everyBlock, people);
    expect(small.body.find((e) => e.type === 'Image')).toEqual({
      type: 'Image',
      url: `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
      altText: 'Gráfico del semáforo',
      size: 'Stretch',
    });
    const big = replyCard(
      {
        blocks: [
          { kind: 'image', title: 'Mapa de calor', alt: 'Mapa', png: new Uint8Array(MAX_IMAGE_BYTES + 1) },
        ],
      },
      people,
    );
    expect(cardProblems(big)).toEqual([]);
    expect(big.body.map((e) => e.text)).toEqual([
      'Mapa de calor',
      '(Mapa. La imagen es demasiado grande para Teams.)',
    ]);
  });

  it('renders an error reply in red with its help lines', () => {
    const card = replyCard(
      { title: 'No se pudo completar', tone: 'error', blocks: [{ kind: 'text', text: 'Falta el código.' }] },
      people,
    );
    expect(cardProblems(card)).toEqual([]);
    expect(card.body[0]).toMatchObject({ text: '❌ No se pudo completar', color: 'Attention' });
  });
});

describe('form cards', () => {
  it('renders every kind of field as labelled inputs with a submit action', () => {
    const card = formCard(everyField);
    expect(cardProblems(card)).toEqual([]);
    const inputs = card.body.filter((e) => String(e.type).startsWith('Input.'));
    expect(inputs.map((i) => [i.type, i.id, i.label])).toEqual([
      ['Input.Text', 'nombre', 'Nombre'],
      ['Input.Text', 'nota', 'Nota'],
      ['Input.Text', 'enlace', 'Enlace'],
      ['Input.Number', 'valor', 'Valor'],
      ['Input.Date', 'fecha', 'Fecha'],
      ['Input.Date', 'sesion', 'Sesión'],
      ['Input.Time', 'sesion__hora', 'Sesión (hora)'],
      ['Input.ChoiceSet', 'periodo', 'Periodo'],
      ['Input.Text', 'vacio', 'Sin opciones'],
    ]);
    expect(inputs[0]).toMatchObject({ isRequired: true, errorMessage: 'Este dato es obligatorio.' });
    expect(inputs[1]).toMatchObject({ isMultiline: true });
    expect(card.actions?.[0]).toMatchObject({
      type: 'Action.Execute',
      title: 'Guardar',
      verb: 'mipg.formulario',
      data: { mipg: { kind: 'form', form: everyField } },
    });
  });

  it('shows the typed values again with the errors in Spanish under their fields', () => {
    const card = formCard(everyField, {
      values: {
        nombre: 'Ana',
        enlace: 'ftp://x',
        valor: '12.5',
        sesion: '2026-09-10 14:30',
        periodo: '2026-T2',
      },
      errors: { enlace: 'Escriba un enlace http(s).' },
    });
    expect(cardProblems(card)).toEqual([]);
    const texts = card.body.filter((e) => e.type === 'TextBlock').map((e) => e.text);
    expect(texts).toContain('⚠️ No se guardó nada; corrija lo indicado.');
    const enlace = card.body.findIndex((e) => e.id === 'enlace');
    expect(card.body[enlace]).toMatchObject({ value: 'ftp://x' });
    expect(card.body[enlace + 1]).toMatchObject({ text: '⚠️ Escriba un enlace http(s).', color: 'Attention' });
    expect(card.body.find((e) => e.id === 'valor')).toMatchObject({ value: 12.5 });
    expect(card.body.find((e) => e.id === 'sesion')).toMatchObject({ value: '2026-09-10' });
    expect(card.body.find((e) => e.id === 'sesion__hora')).toMatchObject({ value: '14:30' });
    expect(card.body.find((e) => e.id === 'periodo')).toMatchObject({ value: '2026-T2' });
  });

  it('keeps placeholders and line breaks in the form title, hints and errors, but not in labels', () => {
    const form: Form = {
      id: 'prueba.importar',
      title: 'Importar <archivo>',
      submitLabel: 'Importar',
      fields: [
        {
          id: 'archivo',
          label: 'Archivo <csv|xlsx>',
          kind: 'text',
          hint: 'Reemplácelos con:\nnpx mipg importar indicadores <archivo.csv|xlsx>',
        },
      ],
    };
    const card = formCard(form, { errors: { archivo: 'Falta <archivo>.' } });
    expect(cardProblems(card)).toEqual([]);
    expect(card.body.map((e) => e.text ?? e.label)).toEqual([
      'Importar &lt;archivo&gt;',
      '⚠️ No se guardó nada; corrija lo indicado.',
      // Input labels are plain text in Teams, shown as written.
      'Archivo <csv|xlsx>',
      '⚠️ Falta &lt;archivo&gt;.',
      'Reemplácelos con:\n\nnpx mipg importar indicadores &lt;archivo.csv|xlsx&gt;',
    ]);
  });

  it('shows an error that belongs to no field at the top', () => {
    const card = formCard(everyField, { errors: { _: 'La tarea ya está verificada.' } });
    expect(card.body[1]).toMatchObject({ text: '⚠️ La tarea ya está verificada.' });
  });

  it('puts a reply’s form below its blocks on the same card', () => {
    const card = replyCard(
      { title: 'Tarea 2.3', blocks: [{ kind: 'text', text: 'Complete:' }], form: everyField },
      people,
    );
    expect(cardProblems(card)).toEqual([]);
    expect(card.body.slice(0, 3).map((e) => e.text)).toEqual([
      'Tarea 2.3',
      'Complete:',
      'Reportar indicador',
    ]);
    expect(card.actions).toHaveLength(1);
  });

  it('reads back what an action carried and joins date and time', () => {
    const submitted = readActionPayload({
      mipg: { kind: 'form', form: everyField },
      nombre: 'Ana',
      valor: 7,
      sesion: '2026-09-10',
      sesion__hora: '08:15',
    });
    expect(submitted?.data).toEqual({ kind: 'form', form: everyField });
    expect(submittedValues(everyField, submitted?.inputs ?? {})).toEqual({
      nombre: 'Ana',
      nota: '',
      enlace: '',
      valor: '7',
      fecha: '',
      sesion: '2026-09-10 08:15',
      periodo: '',
      vacio: '',
    });
    expect(
      readActionPayload({ verb: 'mipg.boton', mipg: { kind: 'button', actionId: 'a', value: 'v' } }),
    ).toEqual({
      data: { kind: 'button', actionId: 'a', value: 'v' },
      inputs: {},
    });
    expect(readActionPayload({ mipg: { kind: 'otro' } })).toBeUndefined();
    expect(readActionPayload('texto')).toBeUndefined();
  });
});
