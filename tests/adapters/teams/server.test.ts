import { afterEach, describe, expect, it } from 'vitest';
import { teamsBinding } from '../../../src/adapters/teams/server.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import { personalMessage } from './activities.ts';
import { texts } from './card-helpers.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';
import { channelToken } from './tokens.ts';

const APP_ID = '9c8b7a65-4321-4fed-8cba-0987654321ab';

/** A JWT-shaped token whose issuer is not the Bot Framework's (signature irrelevant: it is never trusted). */
function forgedToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://emisor.falso.example', aud: APP_ID, exp: 4_102_444_800 })}.firma`;
}

describe('Teams endpoint security', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('with credentials, refuses a request without a token or with a forged one (401) and does nothing', async () => {
    h = await teamsHarness({
      env: { TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'secreto', TEAMS_HOST: '127.0.0.1' },
    });
    const user = h.user(COORDINATOR, '0c000000-0000-4000-8000-00000000c001');
    const before = snapshot(h.app);
    const bare = await h.post(personalMessage(h.connector.url, user, 'tareas'));
    expect(bare.status).toBe(401);
    const forged = await h.post(personalMessage(h.connector.url, user, 'tareas'), {
      authorization: `Bearer ${forgedToken()}`,
    });
    expect(forged.status).toBe(401);
    expect(h.connector.calls).toEqual([]);
    expect(snapshot(h.app)).toEqual(before);
    expect(h.logs).toEqual([
      `Teams escucha en ${h.teams.url} (con verificación de tokens del Bot Framework).`,
      'Teams: solicitud rechazada por su token.',
      'Teams: solicitud rechazada por su token.',
    ]);
  });

  it('with credentials, answers a token signed with the wrong key, with alg=none or expired with a bare 401', async () => {
    h = await teamsHarness({
      env: { TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'secreto', TEAMS_HOST: '127.0.0.1' },
    });
    const user = h.user(COORDINATOR, '0c000000-0000-4000-8000-00000000c001');
    const before = snapshot(h.app);
    const claims = { aud: APP_ID, serviceurl: h.connector.url };
    const tokens = {
      wrongKey: channelToken(claims, 'other'),
      unsigned: channelToken(claims, 'none'),
      // Signed with the published key: it fails only because it expired an hour ago.
      expired: channelToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 3600 }),
    };
    for (const [kind, token] of Object.entries(tokens)) {
      const response = await h.post(personalMessage(h.connector.url, user, 'tareas'), {
        authorization: `Bearer ${token}`,
      });
      expect({ kind, ...response }).toEqual({ kind, status: 401, body: undefined });
    }
    expect(h.connector.calls).toEqual([]);
    expect(snapshot(h.app)).toEqual(before);
  });

  it('answers 500 with no detail, and logs why, when the Bot Framework keys cannot be fetched', async () => {
    h = await teamsHarness({
      env: { TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'secreto', TEAMS_HOST: '127.0.0.1' },
      // Nothing listens there: the keys cannot be fetched.
      authKeysUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
    });
    const user = h.user(COORDINATOR, '0c000000-0000-4000-8000-00000000c001');
    const token = channelToken({ aud: APP_ID, serviceurl: h.connector.url });
    const response = await h.post(personalMessage(h.connector.url, user, 'tareas'), {
      authorization: `Bearer ${token}`,
    });
    expect(response).toEqual({ status: 500, body: undefined });
    expect(h.logs.at(-1)).toMatch(/^Teams: no se pudo verificar el token de una solicitud: .*127\.0\.0\.1:9/);
  });

  it('without credentials, listens only on loopback and says so loudly', async () => {
    h = await teamsHarness();
    expect(h.teams.url).toBe(`http://127.0.0.1:${h.teams.port}/api/messages`);
    expect(h.logs.join('\n')).toContain('ATENCIÓN: Teams arrancó SIN credenciales (no hay TEAMS_APP_ID).');
    expect(h.logs.join('\n')).toContain('El bot NO verifica quién le escribe');
  });

  it('in a local trial, answers as MIPG_CONSOLE_USER when the client cannot say who writes', async () => {
    h = await teamsHarness({ env: { MIPG_CONSOLE_USER: COORDINATOR } });
    const emulatorUser = { id: 'usuario-emulador', name: 'Usuario', aadObjectId: '' };
    await h.post({ ...personalMessage(h.connector.url, emulatorUser, 'pendientes'), channelId: 'emulator' });
    const [reply] = h.connector.messages();
    expect(texts(FakeConnector.card(reply))[0]).toBe('Mis pendientes · Coordinación MIPG (ejemplo)');
    expect(h.logs).toContain(
      `Prueba local: el cliente no identificó a quien escribe; se atiende como ${COORDINATOR}.`,
    );
  });

  it('refuses to run without credentials on another interface', () => {
    const open = loadConfig({ TEAMS_ENABLED: 'true', TEAMS_HOST: '0.0.0.0' });
    expect(() => teamsBinding(open)).toThrow(ConfigError);
    expect(() => teamsBinding(open)).toThrow(
      'TEAMS_HOST: sin TEAMS_APP_ID el bot de Teams no verifica quién le escribe, así que solo puede escuchar en esta máquina (127.0.0.1, ::1 o localhost), no en «0.0.0.0».',
    );
    for (const host of ['127.0.0.1', '::1', 'localhost']) {
      expect(teamsBinding(loadConfig({ TEAMS_ENABLED: 'true', TEAMS_HOST: host }))).toEqual({
        host,
        port: 3978,
        authenticated: false,
      });
    }
    expect(teamsBinding(loadConfig({ TEAMS_ENABLED: 'true' })).host).toBe('127.0.0.1');
    const secured = loadConfig({
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'secreto',
      TEAMS_HOST: '0.0.0.0',
    });
    expect(teamsBinding(secured)).toEqual({ host: '0.0.0.0', port: 3978, authenticated: true });
    expect(teamsBinding(loadConfig({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'secreto' }))).toEqual({
      port: 3978,
      authenticated: true,
    });
  });
});
