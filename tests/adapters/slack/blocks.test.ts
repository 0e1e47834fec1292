import { describe, expect, it } from 'vitest';
import { neutralActionId, replyBlocks } from '../../../src/adapters/slack/blocks.ts';
import { blockChars, renderHome, renderMessage, renderMessages } from '../../../src/adapters/slack/pages.ts';
import { errorReply, listBlock, mention, type Reply } from '../../../src/chat/reply.ts';

const people = new Map([
  [1, { name: 'Ana Pérez', slackId: 'U0ANA' }],
  [2, { name: 'Luis <Gómez>', slackId: null }],
]);
const mentions = (id: number) => people.get(id);

describe('Block Kit renderer of neutral replies', () => {
  it('renders every block kind exactly', () => {
    const reply: Reply = {
      title: 'Tarea 2.3 · DOFA',
      tone: 'success',
      blocks: [
        { kind: 'text', text: `Hola ${mention(1)} y ${mention(2)}: *listo* & <ok>` },
        {
          kind: 'fields',
          fields: [
            { label: 'Estado', value: '✅ Cumplida' },
            { label: 'Vacío', value: '' },
          ],
        },
        listBlock('Vencidas', ['*1.1* Caracterizar', '*1.2* Publicar'], 1),
        {
          kind: 'table',
          title: 'Por actividad',
          columns: ['Act', 'Total'],
          rows: [
            ['1', '4'],
            ['10', '12'],
          ],
        },
        {
          kind: 'actions',
          buttons: [
            { label: 'Marcar cumplida', actionId: 'tarea.cumplida', value: '2.3', style: 'primary' },
            { label: 'Agregar evidencia', actionId: 'tarea.evidencia', value: '2.3' },
          ],
        },
        { kind: 'image', title: 'Tendencia', alt: 'Sube de 40 a 60 %', png: new Uint8Array([1]) },
        { kind: 'context', text: 'Detalle: /tarea 2.3' },
        { kind: 'divider' },
      ],
    };
    expect(replyBlocks(reply, mentions)).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '✅ Tarea 2.3 · DOFA', emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Hola <@U0ANA> y @Luis &lt;Gómez&gt;: *listo* &amp; &lt;ok&gt;' },
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Estado*\n✅ Cumplida' },
          { type: 'mrkdwn', text: '*Vacío*\n—' },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*Vencidas*\n• *1.1* Caracterizar' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '… y 1 más' }] },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Por actividad*\n```Act  Total\n1    4\n10   12```' },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Marcar cumplida', emoji: true },
            action_id: 'tarea.cumplida#1',
            value: '2.3',
            style: 'primary',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Agregar evidencia', emoji: true },
            action_id: 'tarea.evidencia#2',
            value: '2.3',
          },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '🖼️ *Tendencia* (imagen adjunta): Sube de 40 a 60 %' }],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Detalle: /tarea 2.3' }] },
      { type: 'divider' },
    ]);
  });

  it('marks the tone on the first text when there is no title, and shows empty lists', () => {
    const reply: Reply = {
      tone: 'warning',
      blocks: [listBlock('Mis tareas', [], 5, 'No tiene tareas.'), { kind: 'text', text: 'Revise.' }],
    };
    expect(replyBlocks(reply)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Mis tareas*\n_No tiene tareas._' } },
      { type: 'section', text: { type: 'mrkdwn', text: '⚠️ Revise.' } },
    ]);
  });

  it('keeps button action ids unique and maps them back to the neutral id', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      label: `Cumplida ${i}`,
      actionId: 'recordatorio.cumplida',
      value: `1.${i}`,
    }));
    const blocks = replyBlocks({ blocks: [{ kind: 'actions', buttons }] });
    expect(blocks.map((b) => b.type)).toEqual(['actions', 'actions']);
    const ids = blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.action_id) : []));
    expect(new Set(ids).size).toBe(30);
    expect(ids.every((id) => id && neutralActionId(id) === 'recordatorio.cumplida')).toBe(true);
    expect(blocks[0]?.type === 'actions' && blocks[0].elements.length).toBe(25);
  });

  it('cuts texts to Slack limits without breaking entities', () => {
    const long = `${'a'.repeat(2998)}&b`;
    const [header, section] = replyBlocks({ title: 'T'.repeat(200), blocks: [{ kind: 'text', text: long }] });
    expect(header?.type === 'header' && header.text.text.length).toBe(150);
    const text = section?.type === 'section' ? (section.text?.text ?? '') : '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('a…')).toBe(true);
  });

  it('shows a button it cannot route as its typed command', () => {
    const blocks = replyBlocks({
      blocks: [
        {
          kind: 'actions',
          buttons: [{ label: 'Enviar', actionId: 'x', value: 'v'.repeat(2001), command: '/reportar 1' }],
        },
      ],
    });
    expect(blocks).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Enviar: /reportar 1' }] },
    ]);
  });
});

describe('pages and summaries within Slack limits', () => {
  const hugeList = (n: number): Reply => ({
    title: 'Lista larga',
    blocks: Array.from({ length: n }, (_, i) => ({
      kind: 'text' as const,
      text: `Tarea ${i} ${'x'.repeat(400)}`,
    })),
  });

  it('pages a long answer into messages of at most 50 blocks and 12,000 characters', () => {
    const pages = renderMessages(hugeList(60));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.blocks.length).toBeLessThanOrEqual(50);
      expect(blockChars(page.blocks)).toBeLessThanOrEqual(12_000);
    }
    expect(pages[0]?.text).toBe('Lista larga');
    expect(pages[1]?.text).toBe('Lista larga (continuación)');
  });

  it('summarises what does not fit in three pages instead of failing', () => {
    const pages = renderMessages(hugeList(500));
    expect(pages).toHaveLength(3);
    const last = pages[2]?.blocks.at(-1);
    expect(last?.type === 'context' && last.elements[0]).toMatchObject({
      text: expect.stringMatching(/^… y \d+ partes más de esta respuesta que no caben en Slack/),
    });
    const single = renderMessage(hugeList(500));
    expect(single.blocks.length).toBeLessThanOrEqual(50);
  });

  it('fits the App Home in one view of at most 100 blocks', () => {
    const home = renderHome(hugeList(300));
    expect(home.type).toBe('home');
    expect(home.blocks.length).toBe(100);
  });

  it('renders an error reply with its help as context', () => {
    const [page] = renderMessages(errorReply('No existe la tarea 9.9.', 'Vea /tareas.'));
    expect(page).toEqual({
      text: 'No se pudo completar',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '❌ No se pudo completar', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: 'No existe la tarea 9.9.' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Vea /tareas.' }] },
      ],
    });
  });
});
