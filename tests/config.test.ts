import { describe, expect, it } from 'vitest';
import { ConfigError, enabledPlatforms, loadConfig } from '../src/config.ts';

describe('settings', () => {
  it('has working defaults with no settings at all: the terminal bot', () => {
    const config = loadConfig({});
    expect(config.MIPG_DB).toBe('data/mipg.db');
    expect(config.MIPG_DIGEST_CRON).toBe('0 8 * * 1');
    expect(config.MIPG_REMINDER_DAYS).toEqual([5, 1]);
    expect(config.SLACK_PORT).toBe(3000);
    expect(config.SLACK_HOST).toBeUndefined();
    expect(config.TEAMS_PORT).toBe(3978);
    expect(config.MIPG_TAREA_INFORME_COMITE).toBe('6.4');
    expect(config.MIPG_RESPALDO_CRON).toBe('0 2 * * *');
    expect(config.MIPG_RESPALDO_DIR).toBeUndefined();
    expect(config.MIPG_RESPALDO_CONSERVAR).toBe(14);
    expect(enabledPlatforms(config)).toEqual({ slack: false, teams: false });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('stops start-up with a Spanish message naming the wrong variable', () => {
    const cases: [NodeJS.ProcessEnv, RegExp][] = [
      [{ MIPG_DIGEST_CRON: 'cada lunes' }, /MIPG_DIGEST_CRON: no es una expresión cron válida/],
      [{ SLACK_PORT: 'tres mil' }, /SLACK_PORT: debe ser un número de puerto/],
      [{ SLACK_HOST: 'http://0.0.0.0:3000' }, /SLACK_HOST: debe ser una dirección IP o un nombre de equipo/],
      [{ MIPG_REMINDER_DAYS: '5,uno' }, /MIPG_REMINDER_DAYS: debe ser una lista de días hábiles/],
      [{ MIPG_RISK_METHOD: 'v8' }, /MIPG_RISK_METHOD: debe ser v6 o v7/],
      [{ MIPG_RESPALDO_CRON: '2am' }, /MIPG_RESPALDO_CRON: no es una expresión cron válida/],
      [{ MIPG_RESPALDO_CONSERVAR: 'catorce' }, /MIPG_RESPALDO_CONSERVAR: debe ser un número de respaldos/],
      [{ MIPG_RESPALDO_CONSERVAR: '0' }, /MIPG_RESPALDO_CONSERVAR: debe ser al menos 1/],
      [
        { MIPG_TAREA_INFORME_COMITE: 'tarea 6' },
        /MIPG_TAREA_INFORME_COMITE: debe ser el código de una tarea/,
      ],
      [{ TEAMS_ENABLED: 'quizás' }, /TEAMS_ENABLED: debe ser true o false/],
      [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET: es obligatorio en modo HTTP/],
      [{ TEAMS_APP_ID: 'abc' }, /TEAMS_APP_PASSWORD: es obligatorio/],
      [{ MIPG_LOG_FORMATO: 'xml' }, /MIPG_LOG_FORMATO: debe ser json o texto/],
      [{ MIPG_LOG_NIVEL: 'todo' }, /MIPG_LOG_NIVEL: debe ser debug, info, warn, error o silent/],
    ];
    for (const [env, message] of cases) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(message);
    }
  });

  it('reads the platforms that have settings', () => {
    expect(enabledPlatforms(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toEqual({
      slack: true,
      teams: false,
    });
    expect(enabledPlatforms(loadConfig({ TEAMS_ENABLED: 'true' }))).toEqual({ slack: false, teams: true });
    expect(loadConfig({ MIPG_REMINDER_DAYS: '1, 10,5' }).MIPG_REMINDER_DAYS).toEqual([10, 5, 1]);
    expect(loadConfig({ SLACK_HOST: ' 127.0.0.1 ' }).SLACK_HOST).toBe('127.0.0.1');
  });
});

describe('risk appetite', () => {
  it('reads the acceptable residual zones, bajo by default', () => {
    expect(loadConfig({}).MIPG_RISK_ACCEPTABLE_ZONES).toEqual(['bajo']);
    expect(loadConfig({ MIPG_RISK_ACCEPTABLE_ZONES: 'Bajo, moderado' }).MIPG_RISK_ACCEPTABLE_ZONES).toEqual([
      'bajo',
      'moderado',
    ]);
    expect(() => loadConfig({ MIPG_RISK_ACCEPTABLE_ZONES: 'bajo,medio' })).toThrow(
      /MIPG_RISK_ACCEPTABLE_ZONES: debe ser una lista de zonas/,
    );
  });
});

describe('evidence hosts', () => {
  it('reads the internal hosts allowed as evidence, none by default', () => {
    expect(loadConfig({}).MIPG_EVIDENCIA_HOSTS).toEqual([]);
    expect(
      loadConfig({ MIPG_EVIDENCIA_HOSTS: ' Intranet, sharepoint.pasto.local ,,10.1.2.3' })
        .MIPG_EVIDENCIA_HOSTS,
    ).toEqual(['intranet', 'sharepoint.pasto.local', '10.1.2.3']);
    expect(() => loadConfig({ MIPG_EVIDENCIA_HOSTS: 'https://intranet/x' })).toThrow(
      /MIPG_EVIDENCIA_HOSTS: debe ser una lista de nombres de servidor separados por comas/,
    );
  });
});

describe('publication settings', () => {
  it('reads the public page address and the tasks it is evidence of (6.1 and 6.3 by default)', () => {
    expect(loadConfig({}).MIPG_PUBLICACION_URL).toBeUndefined();
    expect(loadConfig({}).MIPG_TAREAS_PUBLICACION).toEqual(['6.1', '6.3']);
    const config = loadConfig({
      MIPG_PUBLICACION_URL: 'https://www.pasto.gov.co/transparencia/plan/',
      MIPG_TAREAS_PUBLICACION: ' 6.2, 6.1,6.2 ',
    });
    expect(config.MIPG_PUBLICACION_URL).toBe('https://www.pasto.gov.co/transparencia/plan/');
    expect(config.MIPG_TAREAS_PUBLICACION).toEqual(['6.2', '6.1']);
    expect(() => loadConfig({ MIPG_PUBLICACION_URL: 'ftp://www.pasto.gov.co/plan' })).toThrow(
      /MIPG_PUBLICACION_URL: debe ser una dirección http\(s\)/,
    );
    expect(() => loadConfig({ MIPG_TAREAS_PUBLICACION: '6.1,seis' })).toThrow(
      /MIPG_TAREAS_PUBLICACION: debe ser una lista de códigos de tarea/,
    );
  });
});
