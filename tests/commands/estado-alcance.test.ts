import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { saveChannel, savePersonalChat } from '../../src/adapters/teams/references.ts';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';

const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';

function reference(conversationId: string) {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    conversation: {
      id: conversationId,
      isGroup: false,
      conversationType: 'personal',
      tenantId: 't',
      name: '',
    },
    bot: { id: '28:bot', name: 'Planeación MIPG' },
  };
}

describe('/estado alcance', () => {
  it('lists the active people the bot cannot reach on Teams yet, for the coordinator', async () => {
    const { app, clock, person, say } = testApp('2026-09-07', '10:00', { TEAMS_ENABLED: 'true' });
    const before = renderText(await say(COORDINATOR, '/estado alcance'));
    expect(before).toContain('Alcance del bot en Teams');
    expect(before).toContain('Personas activas: 40');
    expect(before).toContain('Con chat personal en Teams: 0');
    expect(before).toContain('Canal del resumen en Teams: Ninguno: agregue el bot a un equipo.');
    expect(before).toContain(`• Laura Benavides (ejemplo) <${LAURA}> · integrante · PI`);
    expect(before).toContain('… y 10 más');
    expect(before).not.toContain('Teams no está activo');

    savePersonalChat(app.db, clock, person(LAURA), reference('a:1laura'), true);
    saveChannel(
      app.db,
      clock,
      reference('19:general@thread.tacv2'),
      { name: 'Planeación Institucional' },
      {},
    );
    const after = renderText(await say(COORDINATOR, 'estado alcance'));
    expect(after).toContain('Con chat personal en Teams: 1');
    expect(after).toContain('Sin alcance todavía: 39');
    expect(after).toContain('Canal del resumen en Teams: Planeación Institucional');
    expect(after).not.toContain(LAURA);
  });

  it('says when Teams is not running at all', async () => {
    const { sayText } = testApp();
    expect(await sayText(COORDINATOR, '/estado alcance')).toContain(
      'Teams no está activo en esta instalación (defina TEAMS_APP_ID, o TEAMS_ENABLED=true para pruebas locales).',
    );
  });

  it('is only for the coordination, and changes nothing when refused', async () => {
    const { app, sayText } = testApp();
    const before = snapshot(app);
    const answer = await sayText(LAURA, '/estado alcance');
    expect(answer).toContain(
      'Solo la coordinación MIPG y la Oficina de Control Interno pueden ver el alcance del bot.',
    );
    expect(snapshot(app)).toEqual(before);
  });
});
