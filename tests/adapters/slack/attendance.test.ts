import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attendanceInvitees, people, teamMembers, teams } from '../../../db/schema/index.ts';
import { bogotaInstant } from '../../../src/domain/clock.ts';
import { COORDINATOR } from '../../helpers/app.ts';
import { type SlackTest, startSlack } from './harness.ts';
import { slashCommand, viewSubmission } from './payloads.ts';

const INVITED = 231;
const TEAM = 'Convocatoria general';

let t: SlackTest;
afterEach(async () => t.close());

/** A team of 231 people with Slack accounts, and one more whom no platform reaches yet. */
function bigTeam() {
  const team = t.app.db.insert(teams).values({ name: TEAM }).returning().get();
  const members = Array.from({ length: INVITED + 1 }, (_, i) => ({
    name: i < INVITED ? `Servidor ${i + 1} (prueba)` : 'Sin Slack (prueba)',
    email: `servidor${i + 1}@pasto.gov.co`,
    role: 'integrante' as const,
    slackId: i < INVITED ? `U1${String(i + 1).padStart(6, '0')}` : null,
  }));
  const rows = t.app.db.insert(people).values(members).returning().all();
  t.app.db
    .insert(teamMembers)
    .values(rows.map((p) => ({ teamId: team.id, personId: p.id })))
    .run();
}

const seconds = (date: string, time: string) => bogotaInstant(date, time).getTime() / 1000;

describe('/asistencia nueva in Slack', () => {
  it('answers the form at once and sends every invitee one invitation after the answer', async () => {
    t = await startSlack();
    t.link(COORDINATOR, 'U0COORD');
    bigTeam();
    await t.sendForm(slashCommand('U0COORD', '/asistencia', 'nueva', t.fake.responseUrl('nueva')));
    const view = t.fake.called('views.open')[0]?.view as Record<string, unknown>;
    expect(view).toMatchObject({ callback_id: 'asistencia.nueva' });
    const text = (value: string | null) => ({ type: 'plain_text_input', value });
    const state = {
      titulo: { titulo: text('Socialización del plan de acción') },
      inicio: { inicio: { type: 'datetimepicker', selected_date_time: seconds('2026-09-10', '09:00') } },
      fin: { fin: { type: 'datetimepicker', selected_date_time: seconds('2026-09-10', '11:00') } },
      lugar: { lugar: text('Auditorio Centro Administrativo Municipal') },
      tarea: { tarea: text(null) },
      equipo: {
        equipo: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: TEAM, emoji: true }, value: TEAM },
        },
      },
      invitados: { invitados: text(null) },
    };
    // Slack takes a little while for each message, as it does on a real network.
    t.fake.latency = (method) => (method === 'chat.postMessage' ? 20 : 0);
    const invitations = () =>
      t.fake.called('chat.postMessage').filter((m) => String(m.channel).startsWith('U1'));

    const started = performance.now();
    const res = await t.sendForm({ payload: JSON.stringify(viewSubmission('U0COORD', view, state)) });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    // Sending them all takes more than 231 × 20 ms; the answer does not wait for that.
    expect(elapsed).toBeLessThan(2000);
    expect(invitations().length).toBeLessThan(INVITED / 2);
    const [answer] = t.fake.responses.filter((r) => r.id === 'nueva').map((r) => JSON.stringify(r.body));
    expect(answer).toContain('Sesión *1* creada: «Socialización del plan de acción»');
    expect(answer).toContain(`Invitaciones en camino: ${INVITED + 1}.`);

    await vi.waitFor(() => expect(invitations()).toHaveLength(INVITED), { timeout: 20_000, interval: 100 });
    expect(new Set(invitations().map((m) => m.channel)).size).toBe(INVITED);
    const notified = t.app.db.select().from(attendanceInvitees).all();
    expect(notified.filter((row) => row.notifiedAt !== null)).toHaveLength(INVITED);
    await vi.waitFor(() => {
      const told = t.fake.called('chat.postMessage').filter((m) => m.channel === 'U0COORD');
      expect(JSON.stringify(told)).toContain(
        'Sesión *1*: aún sin invitación (se reintenta automáticamente): Sin Slack (prueba).',
      );
    });
    expect(invitations()).toHaveLength(INVITED);
  }, 30_000);
});
