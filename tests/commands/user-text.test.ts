import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendanceInvitees, evidence, tasks } from '../../db/schema/index.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { replyBlocks } from '../../src/adapters/slack/blocks.ts';
import { replyCard } from '../../src/adapters/teams/cards.ts';
import { createSession } from '../../src/domain/attendance/sessions.ts';
import { personAuthor } from '../../src/domain/audit/log.ts';
import { COORDINATOR, snapshot } from '../helpers/app.ts';
import { LEADER_GTH, MATRIX_URL, MIPG_MEMBER, riskApp } from './riesgos-helpers.ts';

const DOFA = 'https://intranet.pasto.gov.co/dofa-2026.pdf';
const LAURA = MIPG_MEMBER;

function evidenceOf(app: ReturnType<typeof riskApp>['app'], code: string) {
  const task = app.db.select().from(tasks).where(eq(tasks.code, code)).get();
  return app.db
    .select()
    .from(evidence)
    .where(eq(evidence.taskId, task?.id ?? -1))
    .all();
}

describe('what people type: lengths', () => {
  it('a 1 MB note is refused at once, saying the limit and its length, and nothing is stored', async () => {
    const { app, sayText } = riskApp('2026-10-15');
    const before = snapshot(app);
    const started = Date.now();
    const text = await sayText(COORDINATOR, `/cumplida 2.3 ${DOFA} ${'a'.repeat(1_048_576)}`);
    expect(text).toContain('La nota admite hasta 2.000 caracteres (tiene 1.048.576).');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(snapshot(app)).toEqual(before);
  });

  it('every free text has its limit, said in Spanish, and a refusal stores nothing', async () => {
    const { app, clock, sayText, person } = riskApp('2026-09-07');
    await sayText(COORDINATOR, `/cumplida 1.1 ${DOFA}`);
    await sayText(LEADER_GTH, `/reportar riesgos ${MATRIX_URL}`);
    createSession(app.db, clock, personAuthor(person(COORDINATOR)), {
      title: 'Mesa de revisión',
      start: '2026-09-10 09:00',
      end: '2026-09-10 11:00',
      place: 'Sala de juntas',
      taskCode: '2.2',
      invitees: LAURA,
    });
    const before = snapshot(app);
    const long = 'x'.repeat(2001);
    const cases: [string, string, string][] = [
      [COORDINATOR, `/evidencia 2.3 ${DOFA} ${long}`, 'La nota admite hasta 2.000 caracteres (tiene 2.001).'],
      [COORDINATOR, `/reabrir 1.1 ${long}`, 'El motivo admite hasta 2.000 caracteres (tiene 2.001).'],
      [LAURA, `/necesito-ayuda 2.3 ${long}`, 'La nota admite hasta 2.000 caracteres (tiene 2.001).'],
      [LAURA, `/asistencia declinar 1 ${long}`, 'El motivo admite hasta 2.000 caracteres (tiene 2.001).'],
      [
        COORDINATOR,
        `/verificar riesgos GTH devolver ${long}`,
        'Las observaciones admiten hasta 2.000 caracteres (tiene 2.001).',
      ],
      [
        LEADER_GTH,
        `/reportar riesgo materializado R-GTH-01 ${long}`,
        'La descripción admite hasta 2.000 caracteres (tiene 2.001).',
      ],
      [
        LEADER_GTH,
        `/reportar riesgos ${MATRIX_URL} ${long}`,
        'La nota admite hasta 2.000 caracteres (tiene 2.001).',
      ],
      [
        COORDINATOR,
        `/evidencia 2.3 https://intranet.pasto.gov.co/${'a'.repeat(2000)}`,
        'El enlace admite hasta 2.000 caracteres (tiene 2.030).',
      ],
    ];
    for (const [who, input, message] of cases) {
      expect(await sayText(who, input), input.slice(0, 40)).toContain(message);
    }
    // Emoji and accented letters count as one character each.
    expect(await sayText(COORDINATOR, `/evidencia 2.3 ${DOFA} ${'é'.repeat(1999)}🙂`)).toContain(
      'Se registró la evidencia',
    );
    expect(evidenceOf(app, '2.3')).toHaveLength(1);
    const { evidence: _, audit_log: __, ...rest } = snapshot(app);
    const { evidence: ___, audit_log: ____, ...expected } = before;
    expect(rest).toEqual(expected);
  });
});

describe('what people type: characters', () => {
  it('control characters and ANSI escapes are neither stored nor printed', async () => {
    const { app, person, sayText } = riskApp('2026-10-15');
    const typed = `/cumplida 2.3 ${DOFA} \u001b[2J\u001b[31mActa\u001b[0m firmada\u0007\u202e ok\r\nsegunda línea\ttab`;
    await sayText(COORDINATOR, typed);
    expect(evidenceOf(app, '2.3').map((e) => e.note)).toEqual([
      '[2J[31mActa[0m firmada ok\nsegunda línea\ttab',
    ]);
    await app.router.handleSubmit(
      { person: person(COORDINATOR), platform: 'slack' },
      'tarea.evidencia',
      { enlace: DOFA, nota: 'Por\u0000 formulario\u001b]0;título\u0007' },
      '2.3',
    );
    expect(evidenceOf(app, '2.3').at(-1)?.note).toBe('Por formulario]0;título');
    const shown = await sayText(COORDINATOR, '/tarea 2.3');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('a note cannot mention or notify anyone in Slack or Teams', async () => {
    const { say, person } = riskApp('2026-10-15');
    const laura = person(LAURA);
    const note = `Revisar con <@person:${laura.id}>, <@U0ANA> y <!channel> & <at>Laura</at>`;
    await say(COORDINATOR, `/cumplida 2.3 ${DOFA} ${note}`);
    const reply = await say(COORDINATOR, '/tarea 2.3');

    const lookup = (id: number) =>
      id === laura.id ? { name: laura.name, slackId: 'ULAURA', teamsId: 'aad-laura' } : undefined;
    const slack = JSON.stringify(replyBlocks(reply, lookup));
    expect(slack).not.toContain('<@ULAURA>');
    expect(slack).not.toContain('<@U0ANA>');
    expect(slack).not.toContain('<!channel>');
    expect(slack).toContain('&lt;@U0ANA&gt; y &lt;!channel&gt; &amp;');

    const card = replyCard(reply, (id) =>
      id === laura.id ? { name: laura.name, teamsId: 'aad-laura' } : undefined,
    );
    expect(card.msteams.entities ?? []).toEqual([]);
    expect(renderText(reply, () => laura.name)).not.toContain(`@${laura.name}`);
  });

  it('a decline reason is stored clean', async () => {
    const { app, clock, sayText, person } = riskApp('2026-09-07');
    createSession(app.db, clock, personAuthor(person(COORDINATOR)), {
      title: 'Mesa de revisión',
      start: '2026-09-10 09:00',
      end: '2026-09-10 11:00',
      place: 'Sala de juntas',
      taskCode: '2.2',
      invitees: LAURA,
    });
    await sayText(LAURA, '/asistencia declinar 1 Estoy en \u001b[1mcomisión\u001b[0m');
    expect(app.db.select({ reason: attendanceInvitees.reason }).from(attendanceInvitees).all()).toEqual([
      { reason: 'Estoy en [1mcomisión[0m' },
    ]);
  });
});
