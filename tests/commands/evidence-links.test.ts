import { describe, expect, it } from 'vitest';
import { COORDINATOR, snapshot, testApp } from '../helpers/app.ts';
import { LEADER_GTH, riskApp } from './riesgos-helpers.ts';

const INDICATOR_LEADER = 'lider.gth@ejemplo.pasto.gov.co';

/** Links that would make the bot (or whoever clicks) reach inside the office's network or somewhere else. */
const REFUSED: [string, string][] = [
  ['http://127.0.0.1/admin', 'apunta a 127.0.0.1, una dirección de este mismo equipo'],
  ['http://2130706433/admin', 'apunta a 127.0.0.1, una dirección de este mismo equipo'],
  ['http://[::1]/x', 'apunta a ::1, una dirección de este mismo equipo'],
  ['https://localhost:8080/x', 'apunta a «localhost», este mismo equipo'],
  ['http://10.1.2.3/acta.pdf', 'apunta a 10.1.2.3, una dirección de red privada'],
  ['http://172.20.0.5/acta.pdf', 'apunta a 172.20.0.5, una dirección de red privada'],
  ['http://192.168.1.10/acta.pdf', 'apunta a 192.168.1.10, una dirección de red privada'],
  ['http://169.254.169.254/latest/meta-data', 'apunta a 169.254.169.254, una dirección local de enlace'],
  ['http://[fd12:3456::1]/x', 'apunta a fd12:3456::1, una dirección de red privada'],
  ['http://[fe80::1]/x', 'apunta a fe80::1, una dirección local de enlace'],
  ['http://intranet/dofa.pdf', '«intranet» no es un nombre de dominio completo'],
  [
    'https://intranet.pasto.gov.co@evil.example/x',
    'lleva un usuario antes de «@», así que en realidad abre «evil.example»',
  ],
];

describe('evidence links', () => {
  it('/cumplida refuses local, private and disguised links saying why, and stores nothing', async () => {
    const { app, sayText } = testApp('2026-10-15');
    const before = snapshot(app);
    for (const [url, reason] of REFUSED) {
      const text = await sayText(COORDINATOR, `/cumplida 2.3 ${url}`);
      expect(text, url).toContain(`«${url}» no se acepta como evidencia: ${reason}.`);
      expect(text, url).toContain('MIPG_EVIDENCIA_HOSTS');
    }
    expect(snapshot(app)).toEqual(before);
  });

  it('the evidence form shows the reason on the link field', async () => {
    const { app, person } = testApp('2026-10-15');
    const result = await app.router.handleSubmit(
      { person: person(COORDINATOR), platform: 'slack' },
      'tarea.evidencia',
      { enlace: 'http://192.168.1.10/acta.pdf', nota: '' },
      '2.3',
    );
    expect(result).toMatchObject({
      ok: false,
      errors: {
        enlace:
          '«http://192.168.1.10/acta.pdf» no se acepta como evidencia: apunta a 192.168.1.10, una dirección de red privada.',
      },
    });
  });

  it('indicator reports and risk reports refuse them too', async () => {
    const { app, sayText } = riskApp('2026-10-20');
    const before = snapshot(app);
    expect(
      await sayText(INDICATOR_LEADER, '/reportar indicador GTH-01 2026-T3 45/50 http://10.0.0.8/gth.xlsx'),
    ).toContain('no se acepta como evidencia: apunta a 10.0.0.8, una dirección de red privada.');
    expect(await sayText(LEADER_GTH, '/reportar riesgos https://localhost/matriz.xlsx')).toContain(
      'no se acepta como evidencia: apunta a «localhost», este mismo equipo.',
    );
    expect(
      await sayText(
        LEADER_GTH,
        '/reportar riesgo materializado R-GTH-01 Pago doble https://intranet.pasto.gov.co@evil.example/a',
      ),
    ).toContain('lleva un usuario antes de «@», así que en realidad abre «evil.example».');
    expect(snapshot(app)).toEqual(before);
  });

  it('accepts an internal host the administrator lists in MIPG_EVIDENCIA_HOSTS', async () => {
    const { sayText } = testApp('2026-10-15', '10:00', { MIPG_EVIDENCIA_HOSTS: 'intranet, 10.1.2.3' });
    expect(await sayText(COORDINATOR, '/cumplida 2.3 http://intranet/dofa.pdf')).toContain(
      'La tarea *2.3* quedó cumplida. Evidencia: http://intranet/dofa.pdf',
    );
    expect(await sayText(COORDINATOR, '/evidencia 2.3 http://10.1.2.3/acta.pdf')).toContain(
      'Se registró la evidencia de la tarea *2.3*',
    );
    expect(await sayText(COORDINATOR, '/evidencia 2.3 http://10.1.2.4/acta.pdf')).toContain(
      'apunta a 10.1.2.4, una dirección de red privada',
    );
    // A listed host does not excuse a user name hiding the real destination.
    expect(await sayText(COORDINATOR, '/evidencia 2.3 http://intranet@evil.example/x')).toContain(
      'lleva un usuario antes de «@»',
    );
  });
});
