import { afterEach, describe, expect, it } from 'vitest';
import { evidence } from '../../../db/schema/index.ts';
import { renderModal } from '../../../src/adapters/slack/modal.ts';
import { renderMessage } from '../../../src/adapters/slack/pages.ts';
import type { Feature } from '../../../src/chat/registry.ts';
import { textReply } from '../../../src/chat/reply.ts';
import { addEvidence } from '../../../src/domain/tasks/actions.ts';
import { snapshot } from '../../helpers/app.ts';
import { type SlackTest, startSlack } from './harness.ts';
import { blockActions, slashCommand, viewSubmission } from './payloads.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';

/** A test-only button that records evidence and updates its message, to watch presses end to end. */
const probe: Feature = {
  actions: [
    {
      id: 'prueba.evidencia',
      writes: true,
      run(press, ctx) {
        addEvidence(ctx.db, ctx.clock, ctx.actor, press.value, 'https://intranet.pasto.gov.co/boton.pdf');
        return {
          update: textReply(`Evidencia de ${press.value} registrada por ${ctx.actor.name}.`, {
            tone: 'success',
          }),
          reply: textReply('Listo.'),
        };
      },
    },
  ],
};

/** A test-only form whose check is slow, as one that notifies people before answering may be. */
const slowForm: Feature = {
  forms: [
    {
      id: 'prueba.lenta',
      async submit(values) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (values.codigo !== '1.4') return { ok: false, errors: { codigo: 'Solo se acepta 1.4.' } };
        return { ok: true, reply: textReply('Guardado tarde pero guardado.') };
      },
    },
  ],
};

let t: SlackTest;
afterEach(async () => t.close());

async function start() {
  t = await startSlack({ extra: probe });
  t.link(LAURA, 'U0LAURA');
}

const interaction = (payload: unknown) => t.sendForm({ payload: JSON.stringify(payload) });

describe('buttons and modals', () => {
  it('opens the evidence modal from a button, shows field errors, then saves once and answers', async () => {
    await start();
    await t.sendForm(slashCommand('U0LAURA', '/tarea', '1.4', t.fake.responseUrl('tarea')));
    type Shown = { type: string; elements?: { action_id: string; value: string }[] };
    const detail = t.fake.responses.find((r) => r.id === 'tarea')?.body;
    const actions = ((detail?.blocks ?? []) as Shown[]).find((b) => b.type === 'actions');
    const button = actions?.elements?.[0];
    expect(button).toMatchObject({ action_id: 'tarea.cumplida#1', value: 'PPI-2026-1.4' });

    const press = blockActions(
      'U0LAURA',
      { actionId: button?.action_id ?? '', value: button?.value ?? '', text: 'Marcar cumplida' },
      {
        channel: 'C0PLANEACION',
        ts: '1790000000.000900',
        ephemeral: true,
        responseUrl: t.fake.responseUrl('boton'),
      },
    );
    expect((await interaction(press)).status).toBe(200);
    const [opened] = t.fake.called('views.open');
    expect(opened?.trigger_id).toBe(press.trigger_id);
    const view = opened?.view as Record<string, unknown>;
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'tarea.cumplida',
      title: { text: 'Cumplir tarea 1.4' },
    });

    const before = snapshot(t.app);
    const bad = await interaction(
      viewSubmission('U0LAURA', view, {
        enlace: { enlace: { type: 'url_text_input', value: 'intranet/acta.pdf' } },
        nota: { nota: { type: 'plain_text_input', value: null } },
      }),
    );
    expect(await bad.json()).toEqual({
      response_action: 'errors',
      errors: { enlace: 'Escriba un enlace http(s), por ejemplo https://intranet.pasto.gov.co/acta.pdf' },
    });
    expect(snapshot(t.app)).toEqual(before);

    const good = viewSubmission('U0LAURA', view, {
      enlace: {
        enlace: { type: 'url_text_input', value: 'https://intranet.pasto.gov.co/grupos-de-valor.pdf' },
      },
      nota: { nota: { type: 'plain_text_input', value: 'Aprobada en comité' } },
    });
    const ok = await interaction(good);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    expect(await interaction(good).then((r) => r.status)).toBe(200);
    expect(t.app.db.select().from(evidence).all()).toMatchObject([
      { url: 'https://intranet.pasto.gov.co/grupos-de-valor.pdf', note: 'Aprobada en comité' },
    ]);
    const answers = t.fake.responses.filter((r) => r.id === 'boton').map((r) => r.body);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answers[0]?.blocks)).toContain('La tarea *1.4* quedó cumplida');
  });

  it('updates the original message in place and counts a double click once', async () => {
    await start();
    const where = { channel: 'D0LAURA', ts: '1790000000.000500', responseUrl: t.fake.responseUrl('dm') };
    const button = { actionId: 'prueba.evidencia#1', value: '1.2', text: 'Registrar' };
    const [first, second] = await Promise.all([
      interaction(blockActions('U0LAURA', button, where)),
      interaction(blockActions('U0LAURA', button, where)),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(t.app.db.select().from(evidence).all()).toHaveLength(1);
    const updates = t.fake.called('chat.update');
    const expected = renderMessage(
      textReply('Evidencia de 1.2 registrada por Laura Benavides (ejemplo).', { tone: 'success' }),
    );
    expect(updates).toEqual([{ channel: 'D0LAURA', ts: '1790000000.000500', ...expected }]);
    expect(t.fake.responses.filter((r) => r.id === 'dm').map((r) => r.body.text)).toEqual(['Listo.']);

    t.clock.set('2026-09-07', '10:05');
    await interaction(blockActions('U0LAURA', button, where));
    expect(t.app.db.select().from(evidence).all()).toHaveLength(2);
  });

  it('closes the modal within Slack’s time even when the check is slow, and sends the outcome after', async () => {
    t = await startSlack({ extra: slowForm, bot: { ackBudgetMs: 50 } });
    t.link(LAURA, 'U0LAURA');
    const view = renderModal(
      {
        id: 'prueba.lenta',
        title: 'Lenta',
        submitLabel: 'Enviar',
        fields: [{ id: 'codigo', label: 'Código', kind: 'text' }],
      },
      { responseUrl: t.fake.responseUrl('lenta') },
    ) as unknown as Record<string, unknown>;
    const typed = (value: string) => ({ codigo: { codigo: { type: 'plain_text_input', value } } });
    const bad = await interaction(viewSubmission('U0LAURA', view, typed('9.9'), 'V0LENTA1'));
    expect(await bad.text()).toBe('');
    const good = await interaction(viewSubmission('U0LAURA', view, typed('1.4'), 'V0LENTA2'));
    expect(await good.text()).toBe('');
    const texts = t.fake.responses.filter((r) => r.id === 'lenta').map((r) => JSON.stringify(r.body.blocks));
    expect(texts[0]).toContain('No se guardó nada del formulario:');
    expect(texts[0]).toContain('Código: Solo se acepta 1.4.');
    expect(texts[1]).toContain('Guardado tarde pero guardado.');
  });

  it('answers an unknown person pressing a button without storing anything', async () => {
    await start();
    const before = snapshot(t.app);
    const where = { channel: 'C0PLANEACION', ts: '1790000000.000700', responseUrl: t.fake.responseUrl('x') };
    await interaction(
      blockActions('U0NADIE', { actionId: 'prueba.evidencia#1', value: '1.2', text: 'R' }, where),
    );
    expect(snapshot(t.app)).toEqual(before);
    expect(JSON.stringify(t.fake.responses[0]?.body)).toContain('no está en el directorio');
  });
});
