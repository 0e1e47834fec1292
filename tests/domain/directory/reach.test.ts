import { describe, expect, it } from 'vitest';
import { saveChannel, savePersonalChat } from '../../../src/adapters/teams/references.ts';
import { teamsDigestChannel, unreachableOnTeams } from '../../../src/domain/directory/reach.ts';
import { COORDINATOR, testApp } from '../../helpers/app.ts';

function reference(conversationId: string, conversationType: 'personal' | 'channel') {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    conversation: {
      id: conversationId,
      isGroup: conversationType === 'channel',
      conversationType,
      tenantId: 't',
      name: '',
    },
    bot: { id: '28:bot', name: 'Planeación MIPG' },
  };
}

describe('who the bot can reach on Teams', () => {
  it('sends the digest to the preferred channel when known, else to the last one installed, else the last spoken in', () => {
    const { app, clock } = testApp();
    expect(teamsDigestChannel(app.db)).toBeUndefined();
    saveChannel(app.db, clock, reference('19:hablado@thread.tacv2', 'channel'), { name: 'Hablado' });
    expect(teamsDigestChannel(app.db)?.name).toBe('Hablado');
    saveChannel(app.db, clock, reference('19:primero@thread.tacv2', 'channel'), { name: 'Primero' }, {});
    clock.set('2026-09-08');
    saveChannel(app.db, clock, reference('19:segundo@thread.tacv2', 'channel'), { name: 'Segundo' }, {});
    expect(teamsDigestChannel(app.db)?.name).toBe('Segundo');
    expect(teamsDigestChannel(app.db, '19:primero@thread.tacv2')?.name).toBe('Primero');
    expect(teamsDigestChannel(app.db, '19:desconocido@thread.tacv2')?.name).toBe('Segundo');
  });

  it('counts a person as reachable once their personal chat is stored, and only active people', () => {
    const { app, clock, person } = testApp();
    const all = unreachableOnTeams(app.db).length;
    savePersonalChat(app.db, clock, person(COORDINATOR), reference('a:1coordinacion', 'personal'), false);
    const missing = unreachableOnTeams(app.db);
    expect(missing).toHaveLength(all - 1);
    expect(missing.map((p) => p.email)).not.toContain(COORDINATOR);
    expect(missing.every((p) => p.active)).toBe(true);
  });
});
