import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema/index.ts';
import { ConsoleSession } from '../../../src/adapters/console/session.ts';
import { COORDINATOR, snapshot, testApp } from '../../helpers/app.ts';

/** Answers the session's questions from a script and keeps what was asked. */
function scripted(answers: string[]) {
  const asked: string[] = [];
  return {
    asked,
    ask: async (question: string) => {
      asked.push(question);
      return answers.shift() ?? '';
    },
  };
}

describe('the terminal session', () => {
  it('fills a form field by field when a button opens one, and stores the answer', async () => {
    const { app, person } = testApp('2026-10-15');
    const script = scripted(['https://intranet.pasto.gov.co/dofa.pdf', 'Aprobada']);
    const session = new ConsoleSession(app.router, person(COORDINATOR), script.ask);
    const result = await app.router.handleAction(
      { person: person(COORDINATOR), platform: 'console' },
      { actionId: 'tarea.cumplida', value: '2.3' },
    );
    expect(result.form?.title).toBe('Cumplir tarea 2.3');
    const printed = await session.handleLine('/tarea 2.3');
    expect(printed).toContain('[Marcar cumplida] → /cumplida 2.3 <enlace> [nota]');

    const submitted = await app.router.handleSubmit(
      { person: person(COORDINATOR), platform: 'console' },
      'tarea.cumplida',
      { enlace: 'no-es-enlace', nota: '' },
      '2.3',
    );
    expect(submitted).toEqual({
      ok: false,
      errors: { enlace: 'Escriba un enlace http(s), por ejemplo https://intranet.pasto.gov.co/acta.pdf' },
    });
    const done = await app.router.handleSubmit(
      { person: person(COORDINATOR), platform: 'console' },
      'tarea.cumplida',
      { enlace: 'https://intranet.pasto.gov.co/dofa.pdf', nota: 'Aprobada' },
      '2.3',
    );
    expect(done.ok).toBe(true);
    expect(app.db.select().from(tasks).where(eq(tasks.code, '2.3')).get()?.doneAt).not.toBeNull();
  });

  it('asks again only the fields with errors, and cancels on an empty required answer', async () => {
    const { app, person } = testApp('2026-10-15');
    const coordinator = person(COORDINATOR);
    const before = snapshot(app);
    const cancel = scripted(['']);
    const form = (
      await app.router.handleAction(
        { person: coordinator, platform: 'console' },
        { actionId: 'tarea.evidencia', value: '2.3' },
      )
    ).form;
    expect(form).toBeDefined();
    const session = new ConsoleSession(app.router, coordinator, cancel.ask);
    if (!form) throw new Error('no form');
    expect(await session.fillForm(form)).toBe('Formulario cancelado; no se guardó nada.');
    expect(snapshot(app)).toEqual(before);

    const retry = scripted(['sin-enlace', '', 'https://intranet.pasto.gov.co/e.pdf']);
    const second = new ConsoleSession(app.router, coordinator, retry.ask);
    const out = await second.fillForm(form);
    // The tone's mark leads the line (no bare ✅ line) and no Slack markers reach the terminal.
    expect(out.split('\n')[0]).toMatch(/^✅ Se registró la evidencia de la tarea 2\.3 /);
    expect(retry.asked[2]).toContain(
      'No se guardó nada; corrija:\n- Enlace de la evidencia: Escriba un enlace http(s)',
    );
  });

  it('prints the text of a reply that opens a form before asking its questions', async () => {
    const { app, person } = testApp('2026-10-15');
    const events: string[] = [];
    const ask = async (question: string) => {
      events.push(`pregunta: ${question.split('\n')[0]}`);
      return '';
    };
    const session = new ConsoleSession(app.router, person(COORDINATOR), ask, (text) =>
      events.push(`texto: ${text.split('\n')[0]}`),
    );
    const out = await session.handleLine('/reportar indicador');
    expect(events[0]).toBe('texto: Reportar indicador');
    expect(events[1]).toBe('pregunta: Reportar indicador (deje vacío un campo obligatorio para cancelar)');
    expect(out).toBe('Formulario cancelado; no se guardó nada.');
  });
});
