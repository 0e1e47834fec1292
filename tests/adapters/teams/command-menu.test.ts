import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COORDINATOR } from '../../helpers/app.ts';
import { executeInvoke, personalConversationOf, personalMessage, type TeamsUser } from './activities.ts';
import { type Card, defined, findAction, texts } from './card-helpers.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';
import { cardProblems } from './validate-card.ts';

const COORDINATOR_AAD = '0c000000-0000-4000-8000-00000000c001';

/** Titles of the Action.Execute buttons of a card, in order. */
function buttons(card: Card): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push(String(record.title));
      for (const [key, value] of Object.entries(record)) if (key !== 'fallback') walk(value);
    }
  };
  walk(card.body);
  return found;
}

/**
 * The Teams command menu sends a command's bare name («estado», «reportar»): the answer offers
 * the topics instead of an error.
 */
describe('Teams: a command chosen from the menu without a topic', () => {
  let h: Harness;
  let coordinator: TeamsUser;

  beforeEach(async () => {
    h = await teamsHarness();
    coordinator = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
  });
  afterEach(() => h.stop());

  async function ask(words: string): Promise<{ card: Card; messageId: string }> {
    await h.post(personalMessage(h.connector.url, coordinator, words));
    const call = defined(h.connector.messages().at(-1), `the answer to «${words}»`);
    return { card: FakeConnector.card(call), messageId: call.sentId ?? '' };
  }

  it('«estado» lists each topic with its usage and a button that shows it', async () => {
    const { card, messageId } = await ask('estado');
    expect(cardProblems(card)).toEqual([]);
    const shown = texts(card);
    expect(shown[0]).toBe('Estado · ¿de qué tema?');
    expect(shown.join('\n')).not.toContain('Falta el tema');
    expect(shown).toContain(
      '• **/estado tareas [año] [plan] [pagina &lt;n&gt;]** — Tareas por estado en cada actividad y lista de vencidas.',
    );
    expect(shown).toContain(
      '• **/estado indicadores [periodo|código] [pagina &lt;n&gt;]** — Reportes de indicadores por proceso (recibidos, pendientes, atrasados, semáforo) o la tendencia de uno.',
    );
    expect(shown).toContain(
      '• **/estado riesgos [extremos | &lt;proceso&gt;] [pagina &lt;n&gt;]** — Matrices de riesgos por proceso, zonas, extremos, corrupción, materializados y mapa de calor.',
    );
    expect(buttons(card)).toEqual(['Tareas', 'Plan', 'Indicadores', 'Riesgos', 'Alcance']);

    const sent = { conversation: personalConversationOf(coordinator), messageId };
    await h.post(executeInvoke(h.connector.url, coordinator, sent, findAction(card, 'Indicadores')));
    const answer = FakeConnector.card(h.connector.messages().at(-1));
    expect(texts(answer)[0]).toBe('Estado de los indicadores');
  });

  it('«reportar» lists each topic with its usage, and a button for the one that opens a form', async () => {
    const { card, messageId } = await ask('reportar');
    expect(cardProblems(card)).toEqual([]);
    const shown = texts(card);
    expect(shown[0]).toBe('Reportar · ¿qué quiere reportar?');
    expect(shown.join('\n')).not.toContain('Falta qué quiere reportar');
    expect(shown).toContain(
      '• **/reportar riesgos [&lt;proceso&gt;] &lt;enlace&gt; [nota]** — El líder reporta actualizada la matriz de riesgos de su proceso, con el enlace.',
    );
    expect(shown.some((t) => t.startsWith('• **/reportar riesgo materializado &lt;código&gt;'))).toBe(true);
    // Only the indicator report can start without more words (its form asks for the rest).
    expect(buttons(card)).toEqual(['Indicador']);

    const sent = { conversation: personalConversationOf(coordinator), messageId };
    await h.post(executeInvoke(h.connector.url, coordinator, sent, findAction(card, 'Indicador')));
    const form = FakeConnector.card(h.connector.messages().at(-1));
    expect(texts(form)[0]).toBe('Reportar indicador');
    expect(form.body.some((e) => e.type === 'Input.Text' || e.type === 'Input.ChoiceSet')).toBe(true);
  });
});
