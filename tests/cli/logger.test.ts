import { describe, expect, it } from 'vitest';
import { HIDDEN, logSettings } from '../../src/cli/logger.ts';
import { loadConfig } from '../../src/config.ts';
import { captureLogs } from '../helpers/logs.ts';

describe('the log', () => {
  it('reads its format and level from the settings: texto on a terminal, json elsewhere, info by default', () => {
    const config = loadConfig({});
    expect(config.MIPG_LOG_NIVEL).toBe('info');
    expect(logSettings(config, true).format).toBe('texto');
    expect(logSettings(config, false).format).toBe('json');
    const chosen = loadConfig({ MIPG_LOG_FORMATO: 'json', MIPG_LOG_NIVEL: 'WARN' });
    expect(logSettings(chosen, true)).toMatchObject({ format: 'json', level: 'warn' });
  });

  it('writes one JSON object per line with the level, the Spanish message and the fields', () => {
    const logs = captureLogs({ level: 'info' });
    logs.log.debug('No se escribe: está por debajo del nivel.');
    logs.log.child({ lib: 'slack' }).warn('Envío fallido.', { deliveryId: 7, outcome: 'failed' });
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]?.endsWith('\n')).toBe(true);
    expect(logs.entries[0]).toMatchObject({
      level: 'warn',
      msg: 'Envío fallido.',
      lib: 'slack',
      deliveryId: 7,
      outcome: 'failed',
    });
    expect(typeof logs.entries[0]?.time).toBe('string');
  });

  it('writes readable lines for a person: time, level in Spanish, message, clave=valor', () => {
    const logs = captureLogs({ format: 'texto' });
    logs.log.warn('Falló el envío.', {
      kind: 'resumen.semanal',
      recipient: 'canal@slack',
      note: 'dos palabras',
    });
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] AVISO: Falló el envío\. · kind=resumen\.semanal recipient=canal@slack note="dos palabras"\n$/,
    );
  });

  it('never writes a secret: configured values, credential fields and token-shaped words are hidden', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'token-del-bot-falso-1234',
      SLACK_SIGNING_SECRET: 'secreto"de\\firma-falso',
      TEAMS_APP_ID: 'app',
      TEAMS_APP_PASSWORD: 'clave-de-teams-falsa',
    });
    for (const format of ['json', 'texto'] as const) {
      const logs = captureLogs({ ...logSettings(config, false), format });
      // What a careless library might log: a header, a config object, a token in its message.
      logs.log.error('La librería dijo: Bearer abc.def-123 con token-del-bot-falso-1234 y xoxb-111-222-abc', {
        authorization: 'Bearer token-del-bot-falso-1234',
        password: 'clave-de-teams-falsa',
        note: 'secreto"de\\firma-falso y xapp-1-A0-999 y clave-de-teams-falsa',
      });
      const text = logs.lines.join('');
      for (const secret of [
        'token-del-bot-falso-1234',
        'secreto',
        'clave-de-teams-falsa',
        'xoxb-',
        'xapp-',
        'abc.def',
      ]) {
        expect(text, format).not.toContain(secret);
      }
      expect(text).toContain(HIDDEN);
      expect(text).toContain('La librería dijo:');
    }
  });
});
