import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tasks } from '../../../db/schema/index.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';
import { currentPlan, tasksOf } from '../../../src/domain/tasks/store.ts';
import { TASK_REMINDER_KIND, taskReminderReply } from '../../../src/scheduler/reminders/messages.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import { personalMessage, type TeamsUser } from './activities.ts';
import { defined, texts } from './card-helpers.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';

const COORDINATOR_AAD = '0c000000-0000-4000-8000-00000000c001';
const LINK = 'https://intranet.pasto.gov.co/acta-1.4.pdf';

describe('Teams: free text answering a reminder in a personal chat (no threads)', () => {
  let h: Harness;
  let user: TeamsUser;

  beforeEach(async () => {
    h = await teamsHarness();
    user = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
    await h.post(personalMessage(h.connector.url, user, 'ayuda'));
  });
  afterEach(() => h.stop());

  /** Sends the real reminder of a task to the person's chat; returns the id Teams gave it. */
  async function remind(code: string): Promise<string> {
    const db = h.app.db;
    const plan = defined(currentPlan(db, 2026), 'plan 2026');
    const task = defined(
      tasksOf(db, plan.id, '2026-09-07').find((t) => t.code === code),
      `task ${code}`,
    );
    const person = defined(personByEmail(db, COORDINATOR), 'coordinator');
    const reminder = { date: '2026-09-07', reason: { type: 'before' as const, days: 5 } };
    const [ref] = await h.app.services.notify.toPerson(
      person,
      taskReminderReply(db, task, reminder, { canPostpone: true }),
      { kind: TASK_REMINDER_KIND, subject: code },
    );
    return defined(ref, 'sent reminder').messageId;
  }

  function lastReply(): string[] {
    return texts(FakeConnector.card(h.connector.messages().at(-1)));
  }

  function doneCodes(): string[] {
    return h.app.db
      .select()
      .from(tasks)
      .all()
      .filter((t) => t.doneAt !== null)
      .map((t) => t.code);
  }

  it('with two reminders open, stores nothing and lists the orders for both', async () => {
    await remind('1.4');
    await remind('2.3');
    const before = snapshot(h.app);

    await h.post(personalMessage(h.connector.url, user, LINK));

    expect(snapshot(h.app)).toEqual(before);
    const reply = lastReply().join('\n');
    expect(reply).toContain('no se guardó nada');
    expect(reply).toContain('/cumplida 1.4 &lt;enlace&gt; [nota]');
    expect(reply).toContain('/cumplida 2.3 &lt;enlace&gt; [nota]');
    expect(reply).not.toContain('quedó cumplida');
  });

  it('takes the answer for the reminder the person quoted with «Responder»', async () => {
    const first = await remind('1.4');
    await remind('2.3');

    // What Teams posts for a quoted reply: the entity naming the message, and a placeholder in the text.
    const message = personalMessage(h.connector.url, user, `<quoted messageId="${first}"/> ${LINK} Acta`);
    await h.post({
      ...message,
      entities: [...message.entities, { type: 'quotedReply', quotedReply: { messageId: first } }],
    });

    expect(lastReply().join('\n')).toMatch(/La tarea \*+1\.4\*+ quedó cumplida/);
    expect(doneCodes()).toEqual(['1.4']);
  });

  it('with one reminder open since the person’s last answer, takes the text as its answer', async () => {
    h.clock.set('2026-09-07', '11:00');
    await remind('1.4');
    h.clock.set('2026-09-07', '11:05');
    await h.post(personalMessage(h.connector.url, user, LINK));
    expect(doneCodes()).toEqual(['1.4']);

    // 1.4 was answered: only the later reminder of 2.3 still waits for an answer.
    h.clock.set('2026-09-07', '12:00');
    await remind('2.3');
    h.clock.set('2026-09-07', '12:05');
    await h.post(personalMessage(h.connector.url, user, 'https://intranet.pasto.gov.co/acta-2.3.pdf'));

    expect(lastReply().join('\n')).toMatch(/La tarea \*+2\.3\*+ quedó cumplida/);
    expect(doneCodes()).toEqual(['1.4', '2.3']);
  });

  it('invites to quote the reminder, not to answer in a thread the personal chat does not have', async () => {
    await remind('1.4');
    const reminder = lastReply().join('\n');
    expect(reminder).toContain('Responda citando este mensaje («Responder») con el enlace de la evidencia');
    expect(reminder).not.toContain('hilo');
  });
});
